import type { INodeProperties } from 'n8n-workflow';

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
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['skill'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				description: 'Give a person a skill (BigPicture 8.57+, administrators only)',
				action: 'Add a skill to an individual',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Take a skill away from a person (BigPicture 8.57+)',
				action: 'Delete a skill of an individual',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					'Get the skills of a person with their periods and allocation (BigPicture 8.57+)',
				action: 'Get the skills of an individual',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the period or allocation of a skill of a person (BigPicture 8.57+)',
				action: 'Update a skill of an individual',
			},
		],
		default: 'getMany',
	},
	...add.description,
	...deleteSkill.description,
	...getMany.description,
	...update.description,
];
