import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { BigPictureClient } from '../../shared/client';
import { boxLocator } from '../../shared/descriptions';
import { getBoxId, mergeCargo } from '../../shared/params';
import type { OperationResult } from '../types';

export const description: INodeProperties[] = [
	boxLocator({
		description: 'A sub-scope box (e.g. an iteration), whose scope is a subset of an upper box',
		displayOptions: { show: { resource: ['scope'], operation: ['getSub'] } },
	}),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: BigPictureClient,
): Promise<OperationResult> {
	const boxId = getBoxId.call(this, 'boxId', itemIndex);
	const cargo = await client.apiRequest('getSubScope', { box: boxId }, itemIndex);
	return mergeCargo({ boxId }, cargo);
}
