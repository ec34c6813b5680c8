import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as getMany from './getMany';

export const operations: Record<string, Operation> = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['task'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					'Get the Jira issues in the scope of a box, through Jira\'s search (JQL issue in box("…")) with the same login',
				action: 'Get many tasks of a box',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
