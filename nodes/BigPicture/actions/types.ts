import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { BigPictureClient } from '../shared/client';

/** What one operation returns for one input item: one object, or many (each becomes an output item). */
export type OperationResult = IDataObject | IDataObject[];

/** One operation of one resource: its parameters and what it does for one item. */
export interface Operation {
	description: INodeProperties[];
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		client: BigPictureClient,
	): Promise<OperationResult>;
}
