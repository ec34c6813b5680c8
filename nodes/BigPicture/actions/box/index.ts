import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../shared/descriptions';
import type { Operation } from '../types';
import * as create from './create';
import * as deleteBox from './delete';
import * as duplicate from './duplicate';
import * as get from './get';
import * as getAssignments from './getAssignments';
import * as getHierarchy from './getHierarchy';
import * as getMany from './getMany';
import * as getTypes from './getTypes';

export const operations = {
	create,
	delete: deleteBox,
	duplicate,
	get,
	getAssignments,
	getHierarchy,
	getMany,
	getTypes,
} satisfies Record<string, Operation>;

export const description: INodeProperties[] = [
	...operationSelector<keyof typeof operations>(
		'box',
		{
			create: {
				name: 'Create',
				action: 'Create a box',
				description: 'Create a box under a parent box',
				endpoint: 'createBox',
			},
			delete: {
				name: 'Delete',
				action: 'Delete a box',
				description: 'Delete a box together with all its child boxes',
				endpoint: 'deleteBox',
			},
			duplicate: {
				name: 'Duplicate',
				action: 'Duplicate a box',
				description: 'Copy a box',
				endpoint: 'duplicateBox',
			},
			get: {
				name: 'Get',
				action: 'Get a box',
				description: 'Get one box by ID',
				endpoint: 'boxHierarchy',
			},
			getAssignments: {
				name: 'Get Assignments',
				action: 'Get the assignments of a box',
				description: 'Get the resource and task assignment of a box: teams, individuals and tasks',
				endpoint: 'boxAssignments',
			},
			getHierarchy: {
				name: 'Get Hierarchy',
				action: 'Get the box hierarchy',
				description: 'Get the whole box tree as BigPicture returns it',
				endpoint: 'boxHierarchy',
			},
			getMany: {
				name: 'Get Many',
				action: 'Get many boxes',
				description: 'Get boxes as a flat list with parent and depth',
				endpoint: 'boxHierarchy',
			},
			getTypes: {
				name: 'Get Types',
				action: 'Get box types',
				description: 'Get the box types (portfolio, program, project…) with their IDs',
				endpoint: 'boxTypes',
			},
		},
		'getMany',
	),
	...create.description,
	...deleteBox.description,
	...duplicate.description,
	...get.description,
	...getAssignments.description,
	...getHierarchy.description,
	...getMany.description,
	...getTypes.description,
];
