import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { BigPictureClient } from '../../shared/client';
import { boxLocator } from '../../shared/descriptions';
import { getBoxId, mergeCargo } from '../../shared/params';
import type { OperationResult } from '../types';

const show = { resource: ['box'], operation: ['delete'] };

export const description: INodeProperties[] = [
	boxLocator({
		description: 'The box to delete. Its child boxes are deleted with it.',
		displayOptions: { show },
	}),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: BigPictureClient,
): Promise<OperationResult> {
	const boxId = getBoxId.call(this, 'boxId', itemIndex);
	const cargo = await client.apiRequest('deleteBox', { box: boxId }, itemIndex);
	return mergeCargo({ deleted: true, boxId }, cargo);
}
