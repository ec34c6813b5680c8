import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { BigPictureClient } from '../../shared/client';
import { individualLocator } from '../../shared/descriptions';
import { getIndividualId, toOutput } from '../../shared/params';
import type { OperationResult } from '../types';

export const description: INodeProperties[] = [
	individualLocator({ displayOptions: { show: { resource: ['skill'], operation: ['getMany'] } } }),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: BigPictureClient,
): Promise<OperationResult> {
	const individualId = getIndividualId.call(this, itemIndex);
	const cargo = await client.apiRequest(
		'getSkills',
		{
			params: { individualId },
			notFound: `Individual "${individualId}" does not exist`,
		},
		itemIndex,
	);
	const skills = toOutput(cargo);
	return (Array.isArray(skills) ? skills : [skills]).map((skill) => ({ individualId, ...skill }));
}
