import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as create from './create';
import * as deleteBox from './delete';
import * as duplicate from './duplicate';
import * as get from './get';
import * as getAssignments from './getAssignments';
import * as getHierarchy from './getHierarchy';
import * as getMany from './getMany';
import * as getTypes from './getTypes';

export const operations: Record<string, Operation> = {
	create,
	delete: deleteBox,
	duplicate,
	get,
	getAssignments,
	getHierarchy,
	getMany,
	getTypes,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['box'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a box under a parent box (BigPicture 8.21+)',
				action: 'Create a box',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a box together with all its child boxes (BigPicture 8.24+)',
				action: 'Delete a box',
			},
			{
				name: 'Duplicate',
				value: 'duplicate',
				description: 'Copy a box (BigPicture 8.21+)',
				action: 'Duplicate a box',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one box by ID',
				action: 'Get a box',
			},
			{
				name: 'Get Assignments',
				value: 'getAssignments',
				description:
					'Get the resource and task assignment of a box: teams, individuals and tasks (BigPicture 8.8+)',
				action: 'Get the assignments of a box',
			},
			{
				name: 'Get Hierarchy',
				value: 'getHierarchy',
				description: 'Get the whole box tree as BigPicture returns it',
				action: 'Get the box hierarchy',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get boxes as a flat list with parent and depth',
				action: 'Get many boxes',
			},
			{
				name: 'Get Types',
				value: 'getTypes',
				description: 'Get the box types (portfolio, program, project…) with their IDs',
				action: 'Get box types',
			},
		],
		default: 'getMany',
	},
	...create.description,
	...deleteBox.description,
	...duplicate.description,
	...get.description,
	...getAssignments.description,
	...getHierarchy.description,
	...getMany.description,
	...getTypes.description,
];
