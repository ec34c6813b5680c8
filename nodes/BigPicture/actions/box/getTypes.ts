import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { BigPictureClient } from '../../shared/client';
import { toOutput } from '../../shared/params';
import type { OperationResult } from '../types';

export const description: INodeProperties[] = [];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: BigPictureClient,
): Promise<OperationResult> {
	return toOutput(await client.apiRequest('boxTypes', {}, itemIndex));
}
