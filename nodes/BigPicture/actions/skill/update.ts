import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { BigPictureClient } from '../../shared/client';
import { individualLocator } from '../../shared/descriptions';
import { getIndividualId, getJsonObject, mergeCargo } from '../../shared/params';
import type { OperationResult } from '../types';
import { getSkillId, skillBody, skillIdField, skillNotFound } from './fields';

const show = { resource: ['skill'], operation: ['update'] };

export const description: INodeProperties[] = [
	individualLocator({ displayOptions: { show } }),
	skillIdField(show, 'The skill of the person to change'),
	skillBody(show, '{\n  "allocation": 50\n}'),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: BigPictureClient,
): Promise<OperationResult> {
	const individualId = getIndividualId.call(this, itemIndex);
	const skillId = getSkillId.call(this, itemIndex);
	const body = getJsonObject.call(this, 'body', 'Body (JSON)', itemIndex);
	const cargo = await client.apiRequest(
		'updateSkill',
		{
			params: { individualId, skillId },
			notFound: skillNotFound(individualId, skillId),
			body,
		},
		itemIndex,
	);
	return mergeCargo({ individualId }, cargo);
}
