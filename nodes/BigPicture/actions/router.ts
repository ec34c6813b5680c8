import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { BigPictureClient, toNodeError } from '../shared/client';
import { getRunOption } from '../shared/params';
import * as absence from './absence';
import * as box from './box';
import * as request from './request';
import * as scope from './scope';
import * as skill from './skill';
import * as task from './task';
import * as team from './team';
import type { Operation } from './types';

const resources: Record<string, Record<string, Operation>> = {
	absence: absence.operations,
	box: box.operations,
	request: request.operations,
	scope: scope.operations,
	skill: skill.operations,
	task: task.operations,
	team: team.operations,
};

/**
 * Runs the chosen operation for every input item: up to `concurrency` at once, output in input order, each
 * output item paired with the item it came from. With "Continue On Fail" a failed item becomes an error item.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not known`,
		);
	}
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const concurrency = Math.floor(
		getRunOption.call(this, options, 'concurrency', 'Concurrency') ?? 1,
	);
	const timeout = getRunOption.call(this, options, 'timeout', 'Timeout');

	const failed = (error: unknown, itemIndex: number): INodeExecutionData[] => {
		const nodeError = toNodeError(this.getNode(), error, itemIndex);
		if (!this.continueOnFail()) throw nodeError;
		const json: IDataObject = { error: nodeError.message };
		if (nodeError.description) json.description = nodeError.description;
		// With On Error "Continue (using error output)", n8n-core routes an item there if it carries `error`, or if its
		// json has nothing but error/message/details (ours also has `description`).
		const toErrorOutput = this.getNode().onError === 'continueErrorOutput';
		return [
			{ json, ...(toErrorOutput ? { error: nodeError } : {}), pairedItem: { item: itemIndex } },
		];
	};

	let client: BigPictureClient;
	try {
		client = await BigPictureClient.open(this);
	} catch (error) {
		return [items.flatMap((_, itemIndex) => failed(error, itemIndex))];
	}
	if (timeout) client.timeoutMs = timeout * 1000;

	const results: INodeExecutionData[][] = new Array(items.length);
	const runItem = async (itemIndex: number): Promise<INodeExecutionData[]> => {
		try {
			const data = await handler.execute.call(this, itemIndex, client);
			return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(data), {
				itemData: { item: itemIndex },
			});
		} catch (error) {
			return failed(error, itemIndex);
		}
	};
	let next = 0;
	// The first failure (without Continue On Fail) stops every worker from taking another item: nothing more is
	// sent once the node has failed, and the error is thrown only after the requests under way have ended.
	let failure: { error: unknown } | undefined;
	const worker = async () => {
		while (!failure && next < items.length) {
			const itemIndex = next++;
			try {
				results[itemIndex] = await runItem(itemIndex);
			} catch (error) {
				failure ??= { error };
			}
		}
	};
	try {
		await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
	} finally {
		// Saved on failure too: a login that happened is worth keeping.
		await client.close();
	}
	if (failure) throw failure.error;
	return [results.flat()];
}
