import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { ENDPOINTS, type EndpointName } from './endpoints';

/** One choice of a resource's Operation selector (its value is its key in the choices). */
export interface OperationChoice {
	name: string;
	action: string;
	/** What it does, without the version: that comes from `endpoint`. */
	description: string;
	/** The endpoint the operation calls (from the endpoint table), if any. */
	endpoint?: EndpointName;
	/** Shown with the version, e.g. `administrators only`. */
	note?: string;
}

/**
 * A resource's Operation selector, one choice per operation of the resource (`Op`, the keys of its handlers: a
 * handler without a choice, or a choice without a handler, is a type error). Each description gets its endpoint's minimum version from the endpoint table; an
 * operation whose path public documentation does not confirm says so in its description and in a notice under the
 * selector, so a user knows before running it (and knows Custom API Call is the way out).
 */
export function operationSelector<Op extends string>(
	resource: string,
	choices: Record<Op, OperationChoice>,
	defaultValue: Op,
): INodeProperties[] {
	const entries = Object.entries<OperationChoice>(choices).map(([value, choice]) => ({
		...choice,
		value,
	}));
	const options: INodePropertyOptions[] = entries.map(
		({ endpoint: name, note, description, ...choice }) => {
			const endpoint = name ? ENDPOINTS[name] : undefined;
			const needs = [endpoint?.minVersion && `BigPicture ${endpoint.minVersion}+`, note].filter(
				Boolean,
			);
			const unconfirmed =
				endpoint?.confirmed === false ? '. Path not confirmed by public documentation.' : '';
			return {
				...choice,
				description: `${description}${needs.length ? ` (${needs.join(', ')})` : ''}${unconfirmed}`,
			};
		},
	);
	const notices: INodeProperties[] = entries.flatMap(({ endpoint: name, value }) => {
		if (!name || ENDPOINTS[name].confirmed) return [];
		const { method, path } = ENDPOINTS[name];
		return [
			{
				displayName: `Appfire's public documentation names this endpoint but not its path, so the node calls ${method} ${path}. If your BigPicture answers that it does not have it, use Custom API Call with the path your version uses.`,
				name: `${resource}${value.charAt(0).toUpperCase()}${value.slice(1)}PathNotice`,
				type: 'notice',
				default: '',
				displayOptions: { show: { resource: [resource], operation: [value] } },
			},
		];
	});
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options,
			default: defaultValue,
		},
		...notices,
	];
}

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

/** Box filters shared by Box › Get Many and the trigger: the same names, so a user meets the same fields. */
export const boxTypeIdsFilter: INodeProperties = {
	displayName: 'Box Type Names or IDs',
	name: 'boxTypeIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getBoxTypes' },
	default: [],
	description:
		'Only boxes of these types. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const nameContainsFilter: INodeProperties = {
	displayName: 'Name Contains',
	name: 'nameContains',
	type: 'string',
	default: '',
	description: 'Only boxes whose name contains this text (case-insensitive)',
};

/**
 * "Connect With": n8n's convention for a node with several credential types (the Jira node does the same). Saved
 * workflows from before it have no value and get the default, so they keep their Jira login.
 */
export const authenticationProperty: INodeProperties = {
	displayName: 'Connect With',
	name: 'authentication',
	type: 'options',
	options: [
		{
			name: 'Jira Login (Data Center)',
			value: 'jiraLogin',
			description:
				"A Jira password, session cookie or personal access token, then BigPicture's own login",
		},
		{
			name: 'BigPicture API Token (Data Center)',
			value: 'apiToken',
			description: 'A token made in BigPicture → My settings → API tokens',
		},
		{
			name: 'BigPicture Cloud',
			value: 'cloud',
			description: 'A BigPicture Cloud API token',
		},
	],
	default: 'jiraLogin',
};

/** Shows a credential for one value of "Connect With". */
export function forWay(way: 'jiraLogin' | 'apiToken' | 'cloud') {
	return { show: { authentication: [way] } };
}

/** Which of Appfire's apps the node talks to: each answers under its own REST key with its own login. */
export const appProperty: INodeProperties = {
	displayName: 'App',
	name: 'app',
	type: 'options',
	options: [
		{ name: 'BigPicture', value: 'bigPicture' },
		{
			name: 'BigGantt',
			value: 'bigGantt',
			description:
				'Its REST key is not documented: /rest/softwareplant-biggantt/1.0, then /rest/biggantt/1.0. Jira Login only.',
		},
		{
			name: 'BigTemplate',
			value: 'bigTemplate',
			description: 'Under /rest/softwareplant-bigtemplate/1.0. Jira Login only.',
		},
	],
	default: 'bigPicture',
	description:
		"The app whose API the node calls. One Jira login serves all three; BigPicture's public operations exist in BigPicture, so use Custom API Call for the others.",
};
