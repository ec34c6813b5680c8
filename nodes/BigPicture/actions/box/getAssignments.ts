import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callBoxEndpoint } from '../../shared/api';
import type { BigPictureClient } from '../../shared/client';
import { boxLocator } from '../../shared/descriptions';
import { toOutput } from '../../shared/params';
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
	const { cargo } = await callBoxEndpoint.call(this, client, 'boxAssignments', itemIndex);
	return toOutput(cargo);
}
