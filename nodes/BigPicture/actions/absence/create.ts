import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { BigPictureClient } from '../../shared/client';
import { individualLocator } from '../../shared/descriptions';
import { getIndividualId, getRequiredDate, mergeCargo } from '../../shared/params';
import type { OperationResult } from '../types';
import { absenceFields } from './fields';

const show = { resource: ['absence'], operation: ['create'] };

const [typeField, ...otherFields] = absenceFields(false);

export const description: INodeProperties[] = [
	individualLocator({ displayOptions: { show } }),
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'First day of the absence (only the date is used)',
		displayOptions: { show },
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Last day of the absence, not before the start date',
		displayOptions: { show },
	},
	{ ...typeField, required: true, default: 'HOLIDAY', displayOptions: { show } },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: otherFields,
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: BigPictureClient,
): Promise<OperationResult> {
	const individualId = getIndividualId.call(this, itemIndex);
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const absenceType = String(this.getNodeParameter('absenceType', itemIndex, '')).trim();
	if (!absenceType) {
		throw new NodeOperationError(this.getNode(), 'Absence Type is required', { itemIndex });
	}
	const body: IDataObject = {
		startDate: getRequiredDate.call(this, 'startDate', 'Start Date', itemIndex),
		endDate: getRequiredDate.call(this, 'endDate', 'End Date', itemIndex),
		absenceType,
		comment: (additional.comment as string | undefined) ?? '',
		percentageUnavailability: Number(additional.percentageUnavailability ?? 100),
	};
	const cargo = await client.apiRequest(
		'addAbsence',
		{
			params: { individualId },
			body,
			notFound: `Individual "${individualId}" does not exist`,
		},
		itemIndex,
	);
	return mergeCargo({ individualId, ...body }, cargo);
}
