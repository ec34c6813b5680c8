import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../shared/descriptions';
import type { Operation } from '../types';
import * as create from './create';
import * as deleteAbsence from './delete';
import * as getMany from './getMany';
import * as update from './update';

export const operations = {
	create,
	delete: deleteAbsence,
	getMany,
	update,
} satisfies Record<string, Operation>;

export const description: INodeProperties[] = [
	...operationSelector<keyof typeof operations>(
		'absence',
		{
			create: {
				name: 'Create',
				action: 'Create an absence',
				description: 'Add an absence (holiday, leave…) to a person; absences may not overlap',
				endpoint: 'addAbsence',
				note: 'administrators only',
			},
			delete: {
				name: 'Delete',
				action: 'Delete an absence',
				description: 'Delete the absence of a person that starts on a given date',
				endpoint: 'deleteAbsence',
			},
			getMany: {
				name: 'Get Many',
				action: 'Get many absences',
				description: 'Get the absences of a person',
				endpoint: 'getAbsences',
				note: 'administrators only',
			},
			update: {
				name: 'Update',
				action: 'Update an absence',
				description: 'Change the absence of a person that starts on a given date',
				endpoint: 'updateAbsence',
			},
		},
		'getMany',
	),
	...create.description,
	...deleteAbsence.description,
	...getMany.description,
	...update.description,
];
