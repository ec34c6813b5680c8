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
