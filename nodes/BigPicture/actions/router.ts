import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodePropertyOptions,
} from 'n8n-workflow';
import pLimit from 'p-limit';

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

/**
 * The node's resources: each value of the Resource option with its label and its operations, in one typed map, so
 * an option value without a handler cannot be written (and each resource's Operation selector is typed against its
 * handlers, see `operationSelector`).
 */
const resources = {
	absence: { name: 'Absence', operations: absence.operations },
	box: { name: 'Box', operations: box.operations },
	request: { name: 'Custom API Call', operations: request.operations },
	scope: { name: 'Scope', operations: scope.operations },
	skill: { name: 'Skill', operations: skill.operations },
	task: { name: 'Task', operations: task.operations },
	team: { name: 'Team', operations: team.operations },
} satisfies Record<string, { name: string; operations: Record<string, Operation> }>;

/** The Resource option's choices (sorted by label, as n8n lists options). */
export const resourceOptions: INodePropertyOptions[] = Object.entries(resources).map(
	([value, { name }]) => ({ name, value }),
);

/** The handler of a resource's operation, if the pair is one the node has (never an inherited property). */
function handlerOf(resource: string, operation: string): Operation | undefined {
	if (!Object.prototype.hasOwnProperty.call(resources, resource)) return undefined;
	const operations: Record<string, Operation> =
		resources[resource as keyof typeof resources].operations;
	return Object.prototype.hasOwnProperty.call(operations, operation)
		? operations[operation]
		: undefined;
}

/**
 * Runs the chosen operation for every input item: up to `concurrency` at once, output in input order, each
 * output item paired with the item it came from. With "Continue On Fail" a failed item becomes an error item.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = handlerOf(resource, operation);
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
	const limit = pLimit(concurrency);
	// The first failure (without Continue On Fail) empties the queue: nothing more is sent once the node has failed,
	// and the error is thrown only after the requests under way have ended. Items cleared from the queue never
	// settle, so on a failure the run waits for the items that started, not for every item it queued.
	let failure: { error: unknown } | undefined;
	let stop!: () => void;
	const stopped = new Promise<void>((resolve) => (stop = resolve));
	const started: Array<Promise<void>> = [];
	const queued = items.map((_, itemIndex) =>
		limit(() => {
			const run = runItem(itemIndex).then(
				(output) => {
					results[itemIndex] = output;
				},
				(error) => {
					failure ??= { error };
					limit.clearQueue();
					stop();
				},
			);
			started.push(run);
			return run;
		}),
	);
	try {
		await Promise.race([Promise.all(queued), stopped]);
		await Promise.all(started);
	} finally {
		// Saved on failure too: a login that happened is worth keeping.
		await client.close();
	}
	if (failure) throw failure.error;
	return [results.flat()];
}
