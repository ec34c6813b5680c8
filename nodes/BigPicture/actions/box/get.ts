import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { findBox } from '../../shared/boxes';
import type { BigPictureClient } from '../../shared/client';
import { toNodeError } from '../../shared/client';
import { boxLocator } from '../../shared/descriptions';
import { getBoxId } from '../../shared/params';
import type { OperationResult } from '../types';
import { loadHierarchy } from './hierarchy';

export const description: INodeProperties[] = [
	boxLocator({ displayOptions: { show: { resource: ['box'], operation: ['get'] } } }),
	{
		displayName: 'Include Children',
		name: 'includeChildren',
		type: 'boolean',
		default: false,
		description: "Whether to keep the box's subtree (boxChildren) in the output",
		displayOptions: { show: { resource: ['box'], operation: ['get'] } },
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: BigPictureClient,
): Promise<OperationResult> {
	const boxId = getBoxId.call(this, 'boxId', itemIndex);
	const includeChildren = this.getNodeParameter('includeChildren', itemIndex, false) as boolean;
	let root;
	try {
		root = await loadHierarchy(this.getNode(), client, itemIndex);
	} catch (error) {
		throw toNodeError(this.getNode(), error, itemIndex);
	}
	const box = findBox(root, boxId);
	if (!box) {
		throw new NodeOperationError(this.getNode(), `Box "${boxId}" does not exist`, {
			itemIndex,
			description:
				'No box with this id is in the hierarchy the Jira user can see. Check the id, or pick the box from the list.',
		});
	}
	if (includeChildren) return box;
	const { boxChildren, ...fields } = box;
	return { ...fields, childCount: Array.isArray(boxChildren) ? boxChildren.length : 0 };
}
