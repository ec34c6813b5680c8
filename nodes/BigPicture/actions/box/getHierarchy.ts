import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { BigPictureClient } from '../../shared/client';
import type { OperationResult } from '../types';
import { loadHierarchy } from '../../shared/hierarchy';

export const description: INodeProperties[] = [];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: BigPictureClient,
): Promise<OperationResult> {
	return await loadHierarchy(this.getNode(), client, itemIndex);
}
