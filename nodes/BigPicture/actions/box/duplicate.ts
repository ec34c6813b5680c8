import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { BigPictureClient } from '../../shared/client';
import { boxLocator } from '../../shared/descriptions';
import { getBoxId, getJsonObject, mergeCargo } from '../../shared/params';
import type { OperationResult } from '../types';

const show = { resource: ['box'], operation: ['duplicate'] };

export const description: INodeProperties[] = [
	boxLocator({ description: 'The box to copy', displayOptions: { show } }),
	{
		displayName: 'Body (JSON)',
		name: 'body',
		type: 'json',
		default: '{}',
		description:
			'Optional settings of the copy as JSON, e.g. {"parentBoxId": "PROG-2", "boxName": "Q3 copy"}. The public documentation names this endpoint but not its body fields, so they are passed through as given; {} copies the box under the same parent.',
		displayOptions: { show },
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: BigPictureClient,
): Promise<OperationResult> {
	const boxId = getBoxId.call(this, 'boxId', itemIndex);
	const body = getJsonObject.call(this, 'body', 'Body (JSON)', itemIndex);
	const cargo = await client.apiRequest(
		'duplicateBox',
		{
			params: { boxId },
			body,
			notFound:
				typeof body.parentBoxId === 'string' && body.parentBoxId !== boxId
					? `Box "${boxId}" or parent box "${body.parentBoxId}" does not exist`
					: `Box "${boxId}" does not exist`,
		},
		itemIndex,
	);
	const created = mergeCargo({}, cargo);
	return { ...created, boxId: created.createdBoxId ?? created.boxId, sourceBoxId: boxId };
}
