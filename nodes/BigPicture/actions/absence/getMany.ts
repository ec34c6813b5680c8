import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { unexpectedShape, type BigPictureClient } from '../../shared/client';
import { individualLocator, returnAllAndLimit } from '../../shared/descriptions';
import { getDate, getIndividualId, toOutput } from '../../shared/params';
import type { OperationResult } from '../types';

const show = { resource: ['absence'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	individualLocator({ displayOptions: { show } }),
	...returnAllAndLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'From Date',
				name: 'from',
				type: 'dateTime',
				default: '',
				description: 'Only absences that end on or after this date',
			},
			{
				displayName: 'To Date',
				name: 'to',
				type: 'dateTime',
				default: '',
				description: 'Only absences that start on or before this date',
			},
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: BigPictureClient,
): Promise<OperationResult> {
	const individualId = getIndividualId.call(this, itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const from = getDate.call(this, 'filters.from', 'From Date', itemIndex, filters.from);
	const to = getDate.call(this, 'filters.to', 'To Date', itemIndex, filters.to);
	const cargo = await client.apiRequest(
		'getAbsences',
		{
			params: { individualId },
			notFound: `Individual "${individualId}" does not exist`,
		},
		itemIndex,
	);
	if (!Array.isArray(cargo))
		throw unexpectedShape(this.getNode(), { what: 'Get absences', value: cargo, itemIndex });
	const absences = toOutput(cargo) as IDataObject[];
	return absences
		.filter(
			(absence) =>
				(!from || String(absence.endDate ?? absence.startDate) >= from) &&
				(!to || String(absence.startDate) <= to),
		)
		.slice(0, limit)
		.map((absence) => ({ individualId, ...absence }));
}
