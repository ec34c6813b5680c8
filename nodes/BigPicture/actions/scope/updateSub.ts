import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { BigPictureClient } from '../../shared/client';
import { boxLocator } from '../../shared/descriptions';
import { getBoxId, getNonEmptyJsonObject, mergeCargo } from '../../shared/params';
import type { OperationResult } from '../types';

const show = { resource: ['scope'], operation: ['updateSub'] };

export const description: INodeProperties[] = [
	boxLocator({ description: 'A sub-scope box', displayOptions: { show } }),
	{
		displayName: 'Sub-Scope Definition (JSON)',
		name: 'definition',
		type: 'json',
		default: '{\n  "narrowingQuery": ""\n}',
		required: true,
		description:
			'The fields to change, as JSON. The public documentation names this endpoint but not its body, so it is sent exactly as given: read the definition with "Get Sub-Scope Definition" and send back the fields you change (e.g. the synchronisation rule and narrowingQuery, a JQL).',
		displayOptions: { show },
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: BigPictureClient,
): Promise<OperationResult> {
	const body = getNonEmptyJsonObject.call(
		this,
		'definition',
		'Sub-Scope Definition (JSON)',
		itemIndex,
	);
	const boxId = getBoxId.call(this, 'boxId', itemIndex);
	const cargo = await client.apiRequest('updateSubScope', { box: boxId, body }, itemIndex);
	return mergeCargo({ boxId }, cargo);
}
