import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { unexpectedShape, type BigPictureClient } from '../../shared/client';
import { boxLocator, returnAllAndLimit } from '../../shared/descriptions';
import { getBoxId, toOutput } from '../../shared/params';
import type { OperationResult } from '../types';

const show = { resource: ['team'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Only Teams of One Box',
		name: 'filterByBox',
		type: 'boolean',
		default: true,
		description:
			'Whether to return only the teams allocated to one box (otherwise the teams of every box)',
		displayOptions: { show },
	},
	boxLocator({
		description: 'The box whose teams to return (sent as the boxId query parameter)',
		displayOptions: { show: { ...show, filterByBox: [true] } },
	}),
	...returnAllAndLimit(show),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: BigPictureClient,
): Promise<OperationResult> {
	const byBox = this.getNodeParameter('filterByBox', itemIndex, true) as boolean;
	const boxId = byBox ? getBoxId.call(this, 'boxId', itemIndex) : undefined;
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const cargo = await client.apiRequest(
		'getTeams',
		{
			query: boxId ? { boxId } : undefined,
			box: boxId,
		},
		itemIndex,
	);
	if (!Array.isArray(cargo))
		throw unexpectedShape(this.getNode(), { what: 'Get teams', value: cargo, itemIndex });
	return (toOutput(cargo) as IDataObject[]).slice(0, limit);
}
