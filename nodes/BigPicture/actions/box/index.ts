import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as get from './get';
import * as getHierarchy from './getHierarchy';
import * as getMany from './getMany';

export const operations: Record<string, Operation> = { get, getHierarchy, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['box'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get one box by ID',
				action: 'Get a box',
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
		],
		default: 'getMany',
	},
	...get.description,
	...getHierarchy.description,
	...getMany.description,
];
