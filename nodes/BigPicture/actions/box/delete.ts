import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callBoxEndpoint } from '../../shared/api';
import type { BigPictureClient } from '../../shared/client';
import { boxLocator } from '../../shared/descriptions';
import { toOutput } from '../../shared/params';
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
	const { boxId, cargo } = await callBoxEndpoint.call(this, client, 'deleteBox', itemIndex);
	const answer = toOutput(cargo);
	return { deleted: true, boxId, ...(Array.isArray(answer) ? {} : answer) };
}
