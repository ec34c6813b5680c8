import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { BigPictureClient } from '../../shared/client';
import { boxLocator } from '../../shared/descriptions';
import { getBoxId, mergeCargo } from '../../shared/params';
import type { OperationResult } from '../types';

export const description: INodeProperties[] = [
	boxLocator({
		description: 'A box with its own scope (e.g. a program or project)',
		displayOptions: { show: { resource: ['scope'], operation: ['getOwn'] } },
	}),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: BigPictureClient,
): Promise<OperationResult> {
	const boxId = getBoxId.call(this, 'boxId', itemIndex);
	const cargo = await client.apiRequest('getOwnScope', { box: boxId }, itemIndex);
	return mergeCargo({ boxId }, cargo);
}
