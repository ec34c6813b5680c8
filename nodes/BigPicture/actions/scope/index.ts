import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as getOwn from './getOwn';
import * as getSub from './getSub';
import * as updateOwn from './updateOwn';
import * as updateSub from './updateSub';

export const operations: Record<string, Operation> = { getOwn, getSub, updateOwn, updateSub };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['scope'] } },
		options: [
			{
				name: 'Get Own Scope Definition',
				value: 'getOwn',
				description:
					'Get the rules that pull tasks into a box with its own scope: Jira projects, filters, boards, narrowing JQL, manually added tasks (BigPicture 8.31+)',
				action: 'Get the own scope definition of a box',
			},
			{
				name: 'Get Sub-Scope Definition',
				value: 'getSub',
				description: 'Get the synchronisation rule of a sub-scope box (BigPicture 8.31+)',
				action: 'Get the sub scope definition of a box',
			},
			{
				name: 'Update Own Scope Definition',
				value: 'updateOwn',
				description: 'Replace the own scope definition of a box (BigPicture 8.31+)',
				action: 'Update the own scope definition of a box',
			},
			{
				name: 'Update Sub-Scope Definition',
				value: 'updateSub',
				description: 'Change the synchronisation rule of a sub-scope box (BigPicture 8.31+)',
				action: 'Update the sub scope definition of a box',
			},
		],
		default: 'getOwn',
	},
	...getOwn.description,
	...getSub.description,
	...updateOwn.description,
	...updateSub.description,
];
