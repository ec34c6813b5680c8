import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../shared/descriptions';
import type { Operation } from '../types';
import * as add from './add';
import * as deleteSkill from './delete';
import * as getMany from './getMany';
import * as update from './update';

export const operations = {
	add,
	delete: deleteSkill,
	getMany,
	update,
} satisfies Record<string, Operation>;

export const description: INodeProperties[] = [
	...operationSelector<keyof typeof operations>(
		'skill',
		{
			add: {
				name: 'Add',
				action: 'Add a skill to an individual',
				description: 'Give a person a skill',
				endpoint: 'addSkill',
				note: 'administrators only',
			},
			delete: {
				name: 'Delete',
				action: 'Delete a skill of an individual',
				description: 'Take a skill away from a person',
				endpoint: 'deleteSkill',
			},
			getMany: {
				name: 'Get Many',
				action: 'Get the skills of an individual',
				description: 'Get the skills of a person with their periods and allocation',
				endpoint: 'getSkills',
			},
			update: {
				name: 'Update',
				action: 'Update a skill of an individual',
				description: 'Change the period or allocation of a skill of a person',
				endpoint: 'updateSkill',
			},
		},
		'getMany',
	),
	...add.description,
	...deleteSkill.description,
	...getMany.description,
	...update.description,
];
