import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { walkBoxes, type FlatBox } from '../../shared/boxes';
import type { BigPictureClient } from '../../shared/client';
import {
	boxLocator,
	boxTypeIdsFilter,
	nameContainsFilter,
	returnAllAndLimit,
} from '../../shared/descriptions';
import type { OperationResult } from '../types';
import { loadHierarchy } from '../../shared/hierarchy';

const show = { resource: ['box'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	...returnAllAndLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Archived',
				name: 'archived',
				type: 'options',
				default: 'exclude',
				options: [
					{ name: 'Exclude Archived Boxes', value: 'exclude' },
					{ name: 'Include Archived Boxes', value: 'include' },
					{ name: 'Only Archived Boxes', value: 'only' },
				],
			},
			boxTypeIdsFilter,
			nameContainsFilter,
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				default: [],
				options: [
					{ name: 'Done', value: 'DONE' },
					{ name: 'In Progress', value: 'IN_PROGRESS' },
					{ name: 'Not Started', value: 'NOT_STARTED' },
					{ name: 'On Hold', value: 'ON_HOLD' },
				],
				description: 'Only boxes in one of these statuses',
			},
			// A picker like every other box parameter; workflows saved when it was a text field hold a plain string
			// here, which n8n hands over unchanged and which reads the same.
			boxLocator({
				displayName: 'Subtree of Box',
				name: 'subtreeOf',
				required: false,
				description: 'Only this box and the boxes below it',
			}),
		],
	},
];

interface Filters {
	archived?: 'exclude' | 'include' | 'only';
	boxTypeIds?: string[];
	nameContains?: string;
	statuses?: string[];
}

function matches(box: FlatBox, filters: Filters): boolean {
	const archived = box.boxArchived === true;
	const mode = filters.archived ?? 'exclude';
	if ((mode === 'exclude' && archived) || (mode === 'only' && !archived)) return false;
	if (filters.boxTypeIds?.length && !filters.boxTypeIds.includes(String(box.boxTypeId)))
		return false;
	if (filters.statuses?.length && !filters.statuses.includes(String(box.boxStatus))) return false;
	const needle = filters.nameContains?.trim().toLowerCase();
	if (
		needle &&
		!String(box.boxName ?? '')
			.toLowerCase()
			.includes(needle)
	)
		return false;
	return true;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: BigPictureClient,
): Promise<OperationResult> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as Filters;
	const root = await loadHierarchy(this.getNode(), client, itemIndex);
	const subtreeOf = String(
		this.getNodeParameter('filters.subtreeOf', itemIndex, '', { extractValue: true }) ?? '',
	).trim();
	const boxes: IDataObject[] = [];
	// Depth-first order keeps a subtree contiguous: it starts at its box and ends at the next box no deeper.
	let subtreeDepth = subtreeOf ? -1 : 0;
	for (const box of walkBoxes(root)) {
		if (subtreeOf) {
			if (subtreeDepth >= 0 && box.depth <= subtreeDepth) break;
			if (subtreeDepth < 0 && box.boxId === subtreeOf) subtreeDepth = box.depth;
			if (subtreeDepth < 0) continue;
		}
		if (boxes.length >= limit) break;
		if (matches(box, filters)) boxes.push(box);
	}
	if (subtreeOf && subtreeDepth < 0) {
		throw new NodeOperationError(this.getNode(), `Box "${subtreeOf}" does not exist`, {
			itemIndex,
			description:
				'The "Subtree of Box" filter names a box that is not in the hierarchy the Jira user can see',
		});
	}
	return boxes;
}
