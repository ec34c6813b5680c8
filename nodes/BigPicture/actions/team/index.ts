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
		displayOptions: { show: { resource: ['team'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					'Get the teams allocated to boxes, with their members (individual IDs) (BigPicture 8.8+)',
				action: 'Get many teams',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
