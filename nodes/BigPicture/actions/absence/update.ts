import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { BigPictureClient } from '../../shared/client';
import { individualLocator } from '../../shared/descriptions';
import { getDate, getIndividualId, getRequiredDate, mergeCargo } from '../../shared/params';
import type { OperationResult } from '../types';
import { absenceFields, absenceStartDate } from './fields';

const show = { resource: ['absence'], operation: ['update'] };

export const description: INodeProperties[] = [
	individualLocator({ displayOptions: { show } }),
	absenceStartDate(show, 'change'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: absenceFields(true),
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: BigPictureClient,
): Promise<OperationResult> {
	const individualId = getIndividualId.call(this, itemIndex);
	const startDate = getRequiredDate.call(this, 'absenceStartDate', 'Absence Start Date', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	const newStart = getDate.call(
		this,
		'updateFields.startDate',
		'Start Date',
		itemIndex,
		fields.startDate,
	);
	const newEnd = getDate.call(this, 'updateFields.endDate', 'End Date', itemIndex, fields.endDate);
	if (newStart) body.startDate = newStart;
	if (newEnd) body.endDate = newEnd;
	if (fields.absenceType) body.absenceType = String(fields.absenceType);
	if (fields.comment !== undefined) body.comment = fields.comment;
	if (fields.percentageUnavailability !== undefined)
		body.percentageUnavailability = Number(fields.percentageUnavailability);
	if (!Object.keys(body).length) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update', {
			itemIndex,
			description: 'Add at least one field under "Update Fields"',
		});
	}
	const cargo = await client.apiRequest(
		'updateAbsence',
		{
			params: { individualId, startDate },
			body,
			notFound: `No absence starting ${startDate} for individual "${individualId}" (or the individual does not exist)`,
		},
		itemIndex,
	);
	return mergeCargo({ individualId }, cargo);
}
