import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../shared/descriptions';
import type { Operation } from '../types';
import * as add from './add';
import * as deleteSkill from './delete';
import * as getMany from './getMany';
import * as update from './update';

export const operations: Record<string, Operation> = {
	add,
	delete: deleteSkill,
	getMany,
	update,
};

export const description: INodeProperties[] = [
	...operationSelector(
		'skill',
		[
			{
				name: 'Add',
				value: 'add',
				action: 'Add a skill to an individual',
				description: 'Give a person a skill',
				endpoint: 'addSkill',
				note: 'administrators only',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a skill of an individual',
				description: 'Take a skill away from a person',
				endpoint: 'deleteSkill',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get the skills of an individual',
				description: 'Get the skills of a person with their periods and allocation',
				endpoint: 'getSkills',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a skill of an individual',
				description: 'Change the period or allocation of a skill of a person',
				endpoint: 'updateSkill',
			},
		],
		'getMany',
	),
	...add.description,
	...deleteSkill.description,
	...getMany.description,
	...update.description,
];
