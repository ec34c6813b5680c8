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
	...operationSelector(
		'box',
		[
			{
				name: 'Create',
				value: 'create',
				action: 'Create a box',
				description: 'Create a box under a parent box',
				endpoint: 'createBox',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a box',
				description: 'Delete a box together with all its child boxes',
				endpoint: 'deleteBox',
			},
			{
				name: 'Duplicate',
				value: 'duplicate',
				action: 'Duplicate a box',
				description: 'Copy a box',
				endpoint: 'duplicateBox',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a box',
				description: 'Get one box by ID',
				endpoint: 'boxHierarchy',
			},
			{
				name: 'Get Assignments',
				value: 'getAssignments',
				action: 'Get the assignments of a box',
				description: 'Get the resource and task assignment of a box: teams, individuals and tasks',
				endpoint: 'boxAssignments',
			},
			{
				name: 'Get Hierarchy',
				value: 'getHierarchy',
				action: 'Get the box hierarchy',
				description: 'Get the whole box tree as BigPicture returns it',
				endpoint: 'boxHierarchy',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many boxes',
				description: 'Get boxes as a flat list with parent and depth',
				endpoint: 'boxHierarchy',
			},
			{
				name: 'Get Types',
				value: 'getTypes',
				action: 'Get box types',
				description: 'Get the box types (portfolio, program, project…) with their IDs',
				endpoint: 'boxTypes',
			},
		],
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
