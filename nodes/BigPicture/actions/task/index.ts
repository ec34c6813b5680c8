import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../shared/descriptions';
import type { Operation } from '../types';
import * as getMany from './getMany';

export const operations = { getMany } satisfies Record<string, Operation>;

export const description: INodeProperties[] = [
	...operationSelector<keyof typeof operations>(
		'task',
		{
			getMany: {
				name: 'Get Many',
				action: 'Get many tasks of a box',
				description:
					'Get the Jira issues in the scope of a box, through Jira\'s search (JQL issue in box("…")) with the same login',
				endpoint: 'jiraSearch',
			},
		},
		'getMany',
	),
	...getMany.description,
];
