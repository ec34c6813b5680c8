import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { findBox, toFlatBox } from '../../shared/boxes';
import type { BigPictureClient } from '../../shared/client';
import { boxLocator } from '../../shared/descriptions';
import { getBoxId } from '../../shared/params';
import type { OperationResult } from '../types';
import { loadHierarchy } from '../../shared/hierarchy';

export const description: INodeProperties[] = [
	boxLocator({ displayOptions: { show: { resource: ['box'], operation: ['get'] } } }),
	{
		displayName: 'Include Children',
		name: 'includeChildren',
		type: 'boolean',
		default: false,
		description:
			"Whether to add the box's subtree (boxChildren) to the output. Either way the box has the same fields as in Get Many.",
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
	const root = await loadHierarchy(this.getNode(), client, itemIndex);
	const found = findBox(root, boxId);
	if (!found) {
		throw new NodeOperationError(this.getNode(), `Box "${boxId}" does not exist`, {
			itemIndex,
			description:
				'No box with this id is in the hierarchy the Jira user can see. Check the id, or pick the box from the list.',
		});
	}
	const box = toFlatBox(found);
	return includeChildren ? { ...box, boxChildren: found.box.boxChildren ?? [] } : box;
}
