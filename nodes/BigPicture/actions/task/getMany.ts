import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { unexpectedShape, type BigPictureClient } from '../../shared/client';
import { boxLocator, returnAllAndLimit } from '../../shared/descriptions';
import { getBoxId } from '../../shared/params';
import type { OperationResult } from '../types';

const show = { resource: ['task'], operation: ['getMany'] };

/** Jira DC caps a search page at its `jira.search.views.default.max` (often 1000); 100 is always accepted. */
const PAGE_SIZE = 100;

export const description: INodeProperties[] = [
	boxLocator({
		description:
			'The box whose tasks to read (through Jira\'s search with JQL issue in box("<box ID>"))',
		displayOptions: { show },
	}),
	...returnAllAndLimit(show),
	{
		displayName: 'Options',
		name: 'taskOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Additional JQL',
				name: 'jql',
				type: 'string',
				default: '',
				placeholder: 'e.g. status != Done',
				description:
					'JQL added with AND to issue in box("…"), e.g. assignee = currentUser(). Put an ORDER BY clause in "Order By".',
			},
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'string',
				default: 'summary,status,assignee,issuetype,duedate',
				description:
					'Comma-separated Jira field IDs to return, e.g. summary,status,customfield_10010. *navigable returns all navigable fields, *all every field.',
			},
			{
				displayName: 'Order By',
				name: 'orderBy',
				type: 'string',
				default: '',
				placeholder: 'e.g. duedate ASC',
				description: 'JQL ORDER BY clause without the words ORDER BY',
			},
		],
	},
];

interface SearchPage {
	startAt?: number;
	maxResults?: number;
	total?: number;
	issues?: IDataObject[];
}

/**
 * Why extra JQL could not be put safely in brackets after `issue in box(…) AND`, or undefined when it can. Brackets
 * must balance and never close one that was not opened, and quoted strings ("…" or '…', \ escaping inside) must be
 * closed: otherwise `status = Done) OR (project = HR` would escape the box filter. A backslash outside quotes is
 * refused too, since Jira reads it as escaping the next character, which could hide a bracket from this check.
 */
export function extraJqlProblem(extra: string): string | undefined {
	let depth = 0;
	let quote: string | undefined;
	for (let i = 0; i < extra.length; i++) {
		const ch = extra[i];
		if (quote) {
			if (ch === '\\') i++;
			else if (ch === quote) quote = undefined;
		} else if (ch === '"' || ch === "'") {
			quote = ch;
		} else if (ch === '\\') {
			return 'it has a backslash outside a quoted string (put the value in quotes instead)';
		} else if (ch === '(') {
			depth++;
		} else if (ch === ')' && --depth < 0) {
			return `it closes a bracket it did not open (the ")" at position ${i + 1})`;
		}
	}
	if (quote) return `a quoted string is not closed (a ${quote} is missing)`;
	if (depth > 0) return `a bracket is not closed (${depth} "(" without ")")`;
	return undefined;
}

/** The JQL for the tasks of a box: quotes in the id escaped, extra JQL in brackets (refused when unbalanced). */
export function boxJql(boxId: string, extra?: string, orderBy?: string): string {
	let jql = `issue in box("${boxId.replace(/["\\]/g, '\\$&')}")`;
	if (extra?.trim()) {
		const problem = extraJqlProblem(extra.trim());
		if (problem) throw new Error(`The additional JQL is refused: ${problem}`);
		jql += ` AND (${extra.trim()})`;
	}
	if (orderBy?.trim()) jql += ` ORDER BY ${orderBy.trim().replace(/^order\s+by\s+/i, '')}`;
	return jql;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: BigPictureClient,
): Promise<OperationResult> {
	const boxId = getBoxId.call(this, 'boxId', itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const options = this.getNodeParameter('taskOptions', itemIndex, {}) as IDataObject;
	const fields = String(options.fields ?? 'summary,status,assignee,issuetype,duedate')
		.split(',')
		.map((field) => field.trim())
		.filter(Boolean);
	const extra = String(options.jql ?? '');
	const problem = extra.trim() ? extraJqlProblem(extra.trim()) : undefined;
	if (problem) {
		throw new NodeOperationError(this.getNode(), `The additional JQL is refused: ${problem}`, {
			itemIndex,
			description:
				'The additional JQL is added as AND ( … ) to issue in box("…"), so its brackets and quotes must balance; otherwise it could reach tasks outside the box. Nothing was sent to Jira.',
		});
	}
	const jql = boxJql(boxId, extra, options.orderBy as string | undefined);

	const tasks: IDataObject[] = [];
	let startAt = 0;
	for (;;) {
		const maxResults = Math.min(PAGE_SIZE, limit - tasks.length);
		const page = (await client.apiRequest(
			'jiraSearch',
			{
				body: { jql, startAt, maxResults, fields: fields.length ? fields : ['*navigable'] },
			},
			itemIndex,
		)) as SearchPage;
		if (!page || !Array.isArray(page.issues)) {
			throw unexpectedShape(this.getNode(), {
				what: 'Jira issue search',
				value: page,
				itemIndex,
				expected: 'a page of "issues"',
				from: 'Jira',
				hint: 'Use the Custom API Call resource (API: Jira REST) to see the raw answer',
			});
		}
		for (const issue of page.issues) tasks.push({ boxId, ...issue });
		startAt += page.issues.length;
		const total = typeof page.total === 'number' ? page.total : startAt;
		if (page.issues.length === 0 || startAt >= total || tasks.length >= limit) break;
	}
	return tasks.slice(0, limit);
}
