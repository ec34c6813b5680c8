import type { INodeProperties } from 'n8n-workflow';

/** A box picked from a searchable list of the hierarchy, or typed as an id. */
export function boxLocator(
	overrides: Partial<INodeProperties> & Pick<INodeProperties, 'displayOptions'>,
): INodeProperties {
	return {
		displayName: 'Box',
		name: 'boxId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The BigPicture box (portfolio, program, project, iteration…)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a box…',
				typeOptions: { searchListMethod: 'searchBoxes', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. PROG-651',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*[A-Za-z0-9_]+(-\\d+)?\\s*$',
							errorMessage: 'A box id looks like PROG-651 or ROOT',
						},
					},
				],
			},
		],
		...overrides,
	};
}

export function returnAllAndLimit(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/** A BigPicture individual (resource): a Jira user picked from a search, or an id, user key or email typed in. */
export function individualLocator(
	overrides: Partial<INodeProperties> & Pick<INodeProperties, 'displayOptions'>,
): INodeProperties {
	return {
		displayName: 'Individual',
		name: 'individualId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			"The resource (a Jira user). The node builds BigPicture's individual ID: EXT_USER@2@&lt;Jira user key&gt;, or EXT_USER@@2@@&lt;email&gt; for an email; an ID already starting with EXT_USER@ is used as is.",
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a Jira user…',
				typeOptions: { searchListMethod: 'searchUsers', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. EXT_USER@2@JIRAUSER10000, JIRAUSER10000 or jane@example.com',
			},
		],
		...overrides,
	};
}

/** A JSON body parameter for endpoints whose field names public documentation does not confirm. */
export function jsonBody(
	overrides: Partial<INodeProperties> &
		Pick<INodeProperties, 'displayOptions' | 'name' | 'displayName' | 'description'>,
): INodeProperties {
	return { type: 'json', default: '{}', ...overrides };
}
