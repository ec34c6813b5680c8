import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { BigPictureClient } from '../../shared/client';
import { individualLocator } from '../../shared/descriptions';
import { getIndividualId, mergeCargo } from '../../shared/params';
import type { OperationResult } from '../types';
import { getSkillId, skillIdField, skillNotFound } from './fields';

const show = { resource: ['skill'], operation: ['delete'] };

export const description: INodeProperties[] = [
	individualLocator({ displayOptions: { show } }),
	skillIdField(show, 'The skill to take away from the person'),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: BigPictureClient,
): Promise<OperationResult> {
	const individualId = getIndividualId.call(this, itemIndex);
	const skillId = getSkillId.call(this, itemIndex);
	const cargo = await client.apiRequest(
		'deleteSkill',
		{
			params: { individualId, skillId },
			notFound: skillNotFound(individualId, skillId),
		},
		itemIndex,
	);
	return mergeCargo({ deleted: true, individualId, skillId }, cargo);
}
