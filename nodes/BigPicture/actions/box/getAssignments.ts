import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { BigPictureClient } from '../../shared/client';
import { boxLocator } from '../../shared/descriptions';
import { getBoxId, toOutput } from '../../shared/params';
import type { OperationResult } from '../types';

const show = { resource: ['box'], operation: ['getAssignments'] };

export const description: INodeProperties[] = [
	boxLocator({
		description: 'The box whose resource and task assignment to read',
		displayOptions: { show },
	}),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: BigPictureClient,
): Promise<OperationResult> {
	const boxId = getBoxId.call(this, 'boxId', itemIndex);
	const cargo = await client.apiRequest('boxAssignments', { box: boxId }, itemIndex);
	return toOutput(cargo);
}
