import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { BigPictureClient } from '../../shared/client';
import { getJsonBody } from '../../shared/params';
import type { HttpMethod } from '../../transport/http';
import type { OperationResult } from '../types';

const show = { resource: ['request'], operation: ['call'] };

export const description: INodeProperties[] = [
	{
		displayName: 'API',
		name: 'api',
		type: 'options',
		default: 'bigpicture',
		displayOptions: { show },
		options: [
			{
				name: 'BigPicture',
				value: 'bigpicture',
				description: 'Path relative to the BigPicture API base, e.g. public/ppm/box/box-types',
			},
			{
				name: 'Jira REST',
				value: 'jira',
				description: 'Path relative to the Jira base URL, e.g. rest/api/2/myself',
			},
		],
	},
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		default: 'GET',
		displayOptions: { show },
		options: [
			{ name: 'DELETE', value: 'DELETE' },
			{ name: 'GET', value: 'GET' },
			{ name: 'PATCH', value: 'PATCH' },
			{ name: 'POST', value: 'POST' },
			{ name: 'PUT', value: 'PUT' },
		],
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'public/ppm/box/box-types',
		description:
			"Relative to the chosen API base. Full URLs are refused: the login is only ever sent to the credential's Jira.",
		displayOptions: { show },
	},
	{
		displayName: 'Query Parameters',
		name: 'query',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parameter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'JSON Body',
		name: 'body',
		type: 'json',
		default: '',
		description: 'Request body as JSON; leave empty for none',
		displayOptions: { show: { ...show, method: ['POST', 'PUT', 'PATCH', 'DELETE'] } },
	},
	{
		displayName: 'Unwrap Cargo',
		name: 'unwrapCargo',
		type: 'boolean',
		default: true,
		description: 'Whether to return only the "cargo" of BigPicture\'s answer envelope',
		displayOptions: { show: { ...show, api: ['bigpicture'] } },
	},
];

/** Refuses anything that could send the login elsewhere or climb out of the chosen base. */
export function checkRelativePath(path: string): string | undefined {
	if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) {
		return "Full URLs are not allowed: type a path relative to the API base, so the login stays with the credential's Jira";
	}
	const pathPart = path.split(/[?#]/)[0];
	if (pathPart.split('/').includes('..') || /%2e|%2f|%5c|\\|;/i.test(pathPart)) {
		return 'The path must not contain "..", escaped dots or slashes, backslashes or ";"';
	}
	return undefined;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: BigPictureClient,
): Promise<OperationResult> {
	const api = this.getNodeParameter('api', itemIndex) as 'bigpicture' | 'jira';
	const method = this.getNodeParameter('method', itemIndex) as HttpMethod;
	const path = (this.getNodeParameter('path', itemIndex) as string).trim();
	const problem = checkRelativePath(path);
	if (problem) throw new NodeOperationError(this.getNode(), problem, { itemIndex });
	const query: Record<string, string> = {};
	const parameters = this.getNodeParameter('query.parameter', itemIndex, []) as Array<{
		name: string;
		value: string;
	}>;
	for (const { name, value } of parameters) if (name) query[name] = value;
	// Sent as given (no date normalising): this is the raw way in, and an array is a valid body here.
	const body =
		method === 'GET' ? undefined : getJsonBody.call(this, 'body', 'JSON Body', itemIndex);
	const keepEnvelope = !(this.getNodeParameter('unwrapCargo', itemIndex, true) as boolean);
	const answer = await client.apiRequest(
		{ api, method, path },
		{ query, body, keepEnvelope },
		itemIndex,
	);
	if (Array.isArray(answer))
		return answer.map((entry) => (entry && typeof entry === 'object' ? entry : { value: entry }));
	return answer && typeof answer === 'object'
		? (answer as IDataObject)
		: { value: answer as never };
}
