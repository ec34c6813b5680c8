/**
 * Plays an n8n main process that holds an active workflow with the BigPicture Trigger, with n8n-core's own poll
 * machinery: the node runs in n8n-core's `PollContext`, driven by its `PollTriggerExecutor` (what a cron tick calls),
 * and static data is saved the way n8n's CLI saves it for polls (`saveStaticData` when `__dataChanged`: after the
 * activation poll and on every emit, never after a poll that emits nothing or fails).
 *
 *   const main = new TriggerProcess(harness, { parameters, staticData });
 *   await main.activate();            // n8n's activation poll (errors reject, as n8n refuses to activate)
 *   const poll = await main.poll();   // a scheduled poll: { items } when it emitted, { error } when it failed
 *   main.saved                        // static data as the database holds it
 *   main.restart()                    // a new process: `forget()` (sessions, trigger memory), static data from `saved`
 *
 * `forget` is passed in rather than imported, so that the bench can drive the BUILT trigger (dist/) with this class.
 */
import { Container } from '../harness/n8n-environment';

import type { IDataObject, INode, INodeExecutionData, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { PollContext, PollTriggerExecutor } from 'n8n-core';

import type { Harness } from '../harness';

export const TRIGGER_NAME = 'BigPicture Trigger';

export interface PollOutcome {
	/** The items the poll emitted (undefined: it emitted nothing). */
	items?: INodeExecutionData[];
	/** The error n8n-core handed to `__emitError` (undefined: none). */
	error?: Error;
}

function plain<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

export class TriggerProcess {
	/** The workflow's static data as the database holds it. */
	saved: IDataObject;

	workflow!: Workflow;

	node: INode;

	constructor(
		private readonly harness: Harness,
		options: {
			parameters: IDataObject;
			staticData?: IDataObject;
			workflowId?: string;
			nodeId?: string;
			/** What a new process does not have: the in-memory sessions and the trigger's memory. */
			forget?: () => void;
		},
	) {
		this.forget = options.forget ?? (() => {});
		this.saved = plain(options.staticData ?? {});
		this.node = harness.completeNode({
			type: 'bigPictureTrigger',
			name: TRIGGER_NAME,
			id: options.nodeId ?? 'trigger-node-id',
			parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...options.parameters },
		});
		this.workflowId = options.workflowId ?? 'trigger-workflow';
	}

	private readonly workflowId: string;

	private readonly forget: () => void;

	/** The trigger's own entry in static data (`node:<name>`), as saved. */
	get savedState(): IDataObject | undefined {
		return this.saved[`node:${TRIGGER_NAME}`] as IDataObject | undefined;
	}

	/** Size in bytes of the saved static data as JSON (what n8n writes to its database column). */
	get savedBytes(): number {
		return Buffer.byteLength(JSON.stringify(this.saved));
	}

	private load(staticData: IDataObject): void {
		this.workflow = new Workflow({
			id: this.workflowId,
			name: 'Trigger workflow',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: this.harness.nodeTypes,
			staticData: plain(staticData),
			settings: { executionOrder: 'v1' },
		});
	}

	private save(): void {
		if (this.workflow.staticData.__dataChanged === true) {
			this.saved = plain(this.workflow.staticData);
			this.workflow.staticData.__dataChanged = false;
		}
	}

	private async execute(testingTrigger: boolean): Promise<PollOutcome> {
		const outcome: PollOutcome = {};
		const additionalData: IWorkflowExecuteAdditionalData = this.harness.additionalData({
			workflowId: this.workflowId,
		});
		const context = new PollContext(
			this.workflow,
			this.node,
			additionalData,
			'trigger',
			'activate',
			(data) => {
				// n8n's __emit: save the workflow's static data, then start the execution.
				this.save();
				outcome.items = data[0] ?? [];
			},
			(error) => {
				outcome.error = error;
			},
		);
		const run = Container.get(PollTriggerExecutor).create(
			this.workflow,
			this.node,
			context,
			() => true,
		);
		await run(testingTrigger);
		return outcome;
	}

	/** Activation (at start-up or when published): n8n runs one poll, then saves static data. */
	async activate(staticData: IDataObject = this.saved): Promise<PollOutcome> {
		this.load(staticData);
		const outcome = await this.execute(true);
		this.save();
		return outcome;
	}

	/** One scheduled poll. */
	async poll(): Promise<PollOutcome> {
		return await this.execute(false);
	}

	/** A new n8n process: sessions and the trigger's memory are gone; static data comes from the database. */
	async restart(): Promise<PollOutcome> {
		this.forget();
		return await this.activate(this.saved);
	}
}
