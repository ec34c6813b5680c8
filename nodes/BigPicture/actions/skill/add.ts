import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { BigPictureClient } from '../../shared/client';
import { individualLocator } from '../../shared/descriptions';
import { getIndividualId, getJsonObject, mergeCargo } from '../../shared/params';
import type { OperationResult } from '../types';
import { skillBody, skillIdField } from './fields';

const show = { resource: ['skill'], operation: ['add'] };

export const description: INodeProperties[] = [
	individualLocator({ displayOptions: { show } }),
	skillIdField(show, 'The skill to give the person (sent as skillId in the body)'),
	skillBody(show, '{\n  "allocation": 100\n}'),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: BigPictureClient,
): Promise<OperationResult> {
	const individualId = getIndividualId.call(this, itemIndex);
	const skillId = String(this.getNodeParameter('skillId', itemIndex, '')).trim();
	const body = { skillId, ...getJsonObject.call(this, 'body', 'Body (JSON)', itemIndex) };
	const cargo = await client.apiRequest(
		'addSkill',
		{
			params: { individualId },
			body,
			notFound: `Individual "${individualId}" or skill "${String(body.skillId)}" does not exist`,
		},
		itemIndex,
	);
	return mergeCargo({ individualId }, cargo);
}
