import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../shared/descriptions';
import type { Operation } from '../types';
import * as getOwn from './getOwn';
import * as getSub from './getSub';
import * as updateOwn from './updateOwn';
import * as updateSub from './updateSub';

export const operations = { getOwn, getSub, updateOwn, updateSub } satisfies Record<
	string,
	Operation
>;

export const description: INodeProperties[] = [
	...operationSelector<keyof typeof operations>(
		'scope',
		{
			getOwn: {
				name: 'Get Own Scope Definition',
				action: 'Get the own scope definition of a box',
				description:
					'Get the rules that pull tasks into a box with its own scope: Jira projects, filters, boards, narrowing JQL, manually added tasks',
				endpoint: 'getOwnScope',
			},
			getSub: {
				name: 'Get Sub-Scope Definition',
				action: 'Get the sub scope definition of a box',
				description: 'Get the synchronisation rule of a sub-scope box',
				endpoint: 'getSubScope',
			},
			updateOwn: {
				name: 'Update Own Scope Definition',
				action: 'Update the own scope definition of a box',
				description: 'Replace the own scope definition of a box',
				endpoint: 'updateOwnScope',
			},
			updateSub: {
				name: 'Update Sub-Scope Definition',
				action: 'Update the sub scope definition of a box',
				description: 'Change the synchronisation rule of a sub-scope box',
				endpoint: 'updateSubScope',
			},
		},
		'getOwn',
	),
	...getOwn.description,
	...getSub.description,
	...updateOwn.description,
	...updateSub.description,
];
