import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../shared/descriptions';
import type { Operation } from '../types';
import * as getMany from './getMany';

export const operations = { getMany } satisfies Record<string, Operation>;

export const description: INodeProperties[] = [
	...operationSelector<keyof typeof operations>(
		'team',
		{
			getMany: {
				name: 'Get Many',
				action: 'Get many teams',
				description: 'Get the teams allocated to boxes, with their members (individual IDs)',
				endpoint: 'getTeams',
			},
		},
		'getMany',
	),
	...getMany.description,
];
