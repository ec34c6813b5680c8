import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../shared/descriptions';
import type { Operation } from '../types';
import * as getMany from './getMany';

export const operations: Record<string, Operation> = { getMany };

export const description: INodeProperties[] = [
	...operationSelector(
		'team',
		[
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many teams',
				description: 'Get the teams allocated to boxes, with their members (individual IDs)',
				endpoint: 'getTeams',
			},
		],
		'getMany',
	),
	...getMany.description,
];
