import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { BigPictureClient } from '../../shared/client';
import { individualLocator } from '../../shared/descriptions';
import { getIndividualId, getRequiredDate, mergeCargo } from '../../shared/params';
import type { OperationResult } from '../types';
import { absenceStartDate } from './fields';

const show = { resource: ['absence'], operation: ['delete'] };

export const description: INodeProperties[] = [
	individualLocator({ displayOptions: { show } }),
	absenceStartDate(show, 'delete'),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: BigPictureClient,
): Promise<OperationResult> {
	const individualId = getIndividualId.call(this, itemIndex);
	const startDate = getRequiredDate.call(this, 'absenceStartDate', 'Absence Start Date', itemIndex);
	const cargo = await client.apiRequest(
		'deleteAbsence',
		{
			params: { individualId, startDate },
			notFound: `No absence starting ${startDate} for individual "${individualId}" (or the individual does not exist)`,
		},
		itemIndex,
	);
	return mergeCargo({ deleted: true, individualId, startDate }, cargo);
}
