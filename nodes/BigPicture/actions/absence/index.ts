import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as create from './create';
import * as deleteAbsence from './delete';
import * as getMany from './getMany';
import * as update from './update';

export const operations: Record<string, Operation> = {
	create,
	delete: deleteAbsence,
	getMany,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['absence'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Add an absence (holiday, leave…) to a person; absences may not overlap (BigPicture 8.8+, administrators only)',
				action: 'Create an absence',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete the absence of a person that starts on a given date (BigPicture 8.8+)',
				action: 'Delete an absence',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get the absences of a person (BigPicture 8.8+, administrators only)',
				action: 'Get many absences',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the absence of a person that starts on a given date (BigPicture 8.8+)',
				action: 'Update an absence',
			},
		],
		default: 'getMany',
	},
	...create.description,
	...deleteAbsence.description,
	...getMany.description,
	...update.description,
];
