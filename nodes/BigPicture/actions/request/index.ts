import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as call from './call';

export const operations: Record<string, Operation> = { call };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['request'] } },
		options: [
			{
				name: 'Send',
				value: 'call',
				description: 'Send any request to the BigPicture or Jira REST API with the same login',
				action: 'Send a custom API call',
			},
		],
		default: 'call',
	},
	...call.description,
];
