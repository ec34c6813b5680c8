/**
 * The BigPicture Trigger through n8n-core's poll machinery (PollContext + PollTriggerExecutor, see poller.ts) against
 * the simulator over real HTTP: events, filters, first poll, manual "Fetch Test Event", failed polls, restarts,
 * queue-mode roll-backs of static data.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { createHarness, type Harness } from '../harness';
import { BigPictureApi } from '../../credentials/BigPictureApi.credentials';
import { BigPicture } from '../../nodes/BigPicture/BigPicture.node';
import { BigPictureTrigger } from '../../nodes/BigPicture/BigPictureTrigger.node';
import { clearSessions } from '../../nodes/BigPicture/transport/sessions';
import { forgetStates } from '../../nodes/BigPicture/trigger/memory';
import { startSimulator, type Simulator } from '../simulator';
import { isAuth } from '../helpers/connection';
import { TRIGGER_NAME, TriggerProcess } from './poller';

let sim: Simulator;
let harness: Harness;

function credential(overrides: IDataObject = {}) {
	return {
		bigPictureApi: {
			id: '1',
			name: 'BigPicture (simulator)',
			data: {
				baseUrl: sim.baseUrl,
				authentication: 'basic',
				username: 'alice',
				password: 's3cret',
				...overrides,
			},
		},
	};
}

beforeAll(async () => {
	sim = await startSimulator({ portfolio: 'small' });
	harness = createHarness({
		nodeTypes: [new BigPicture(), new BigPictureTrigger()],
		credentialTypes: [new BigPictureApi()],
		credentials: credential(),
	});
});

afterAll(async () => {
	await sim.close();
});

beforeEach(async () => {
	await sim.close();
	sim = await startSimulator({ portfolio: 'small' });
	harness.storeCredentials(credential());
});

afterEach(() => {
	clearSessions();
	forgetStates();
});

function trigger(parameters: IDataObject = {}, options: { staticData?: IDataObject; workflowId?: string } = {}) {
	return new TriggerProcess(harness, {
		parameters,
		...options,
		forget: () => {
			clearSessions();
			forgetStates();
		},
	});
}

const box = (id: string) => {
	const found = sim.state.boxes.get(id);
	if (!found) throw new Error(`no box ${id} in the simulator`);
	return found;
};

function edit(id: string, fields: Partial<ReturnType<typeof box>>): void {
	Object.assign(box(id), fields);
	sim.state.touch();
}

function move(id: string, newParent: string): void {
	const moved = box(id);
	const old = box(moved.parentId!);
	old.children = old.children.filter((child) => child !== id);
	box(newParent).children.push(id);
	moved.parentId = newParent;
	sim.state.touch();
}

/** `event boxId [changedFields]` per item: the shape of a poll's output at a glance. */
const summary = (items: INodeExecutionData[] | undefined) =>
	(items ?? []).map((item) => {
		const { event, boxId, changedFields } = item.json as { event: string; boxId: string; changedFields: string[] };
		return changedFields.length ? `${event} ${boxId} [${changedFields.join(',')}]` : `${event} ${boxId}`;
	});

describe('first poll and events', () => {
	it('records what exists on the first poll and emits nothing; tokens and trigger state keep their own entries', async () => {
		const main = trigger();
		const first = await main.activate();
		expect(first).toEqual({});
		const state = main.savedState!.boxState as { seq: number; boxes: string[] };
		expect(state.seq).toBe(1);
		expect(state.boxes).toHaveLength(12);
		expect(Object.keys(main.saved.global as IDataObject)).toEqual(['bigPictureSessions']);
		expect(sim.count((call) => isAuth(call.path))).toBe(1);

		// Nothing changed: the next poll emits nothing and does not log in again.
		expect(await main.poll()).toEqual({});
		expect(sim.count((call) => isAuth(call.path))).toBe(1);
	});

	it('emits one item per created, changed, archived and deleted box, with the box now, previous and changed fields', async () => {
		const main = trigger();
		await main.activate();
		const created = sim.state.addBox({ boxTypeId: '5', boxName: 'Sprint 3', boxStartDate: '2025-02-03', boxEndDate: '2025-02-14' }, 'PRJ-1');
		edit('ITER-2', { boxEndDate: '2025-02-07', boxStatus: 'DONE', boxName: 'Sprint 2 | extended' });
		edit('PRJ-2', { boxDescription: 'Now with a description' });
		edit('ITER-3', { boxArchived: true });
		move('ITER-1', 'PRJ-2');
		sim.state.removeBox('PRJ-3'); // and its ITER-4, ITER-5

		const { items, error } = await main.poll();
		expect(error).toBeUndefined();
		expect(summary(items)).toEqual([
			'changed ITER-2 [boxName,boxStatus,boxEndDate]',
			`created ${created.boxId}`,
			'changed PRJ-2 [boxDescription]',
			'archived ITER-3 [boxArchived]',
			'changed ITER-1 [parentBoxId]', // now last under PRJ-2: the hierarchy's order
			'deleted PRJ-3',
			'deleted ITER-4',
			'deleted ITER-5',
		]);
		const byId = Object.fromEntries(items!.map((item) => [item.json.boxId, item.json]));
		expect(byId['ITER-2']).toEqual({
			event: 'changed',
			boxId: 'ITER-2',
			box: expect.objectContaining({ boxId: 'ITER-2', boxName: 'Sprint 2 | extended', boxEndDate: '2025-02-07', parentBoxId: 'PRJ-1', depth: 4 }),
			previous: {
				boxName: 'Sprint 2',
				boxStatus: 'IN_PROGRESS',
				boxStartDate: '2025-01-20',
				boxEndDate: '2025-01-31',
				boxArchived: false,
				parentBoxId: 'PRJ-1',
				boxTypeId: '5',
			},
			changedFields: ['boxName', 'boxStatus', 'boxEndDate'],
		});
		expect(byId[created.boxId]).toMatchObject({ event: 'created', previous: null, changedFields: [], box: { boxName: 'Sprint 3', parentBoxId: 'PRJ-1' } });
		expect(byId['ITER-1']).toMatchObject({ previous: { parentBoxId: 'PRJ-1' }, box: { parentBoxId: 'PRJ-2' } });
		expect(byId['ITER-4']).toEqual({
			event: 'deleted',
			boxId: 'ITER-4',
			box: null,
			previous: {
				boxName: 'Sprint 1',
				boxStatus: 'NOT_STARTED',
				boxStartDate: '2025-04-01',
				boxEndDate: '2025-04-14',
				boxArchived: false,
				parentBoxId: 'PRJ-3',
				boxTypeId: '5',
			},
			changedFields: [],
		});
		// Saved with the emit (n8n saves static data when a poll emits), and reported once only.
		expect((main.savedState!.boxState as { seq: number }).seq).toBe(2);
		expect(await main.poll()).toEqual({});
	});

	it('reports only the chosen events and watched fields; other changes are absorbed, not reported later', async () => {
		const main = trigger({ events: ['changed'], watchedFields: ['boxEndDate', 'boxStatus'] });
		await main.activate();
		edit('PRJ-1', { boxName: 'Renamed' });
		sim.state.addBox({ boxTypeId: '5', boxName: 'New' }, 'PRJ-1');
		sim.state.removeBox('ITER-5');
		edit('ITER-4', { boxArchived: true }); // watched fields do not include it, archiving is not chosen
		expect(await main.poll()).toEqual({});

		edit('PRJ-1', { boxEndDate: '2025-04-30', boxName: 'Renamed again' });
		const { items } = await main.poll();
		expect(summary(items)).toEqual(['changed PRJ-1 [boxEndDate]']);
		expect(items![0].json.previous).toEqual({ boxStatus: 'IN_PROGRESS', boxEndDate: '2025-03-28' });
	});

	it('reports archiving as a change when only changes are chosen, and unarchiving as a change', async () => {
		const main = trigger({ events: ['changed'] });
		await main.activate();
		edit('ITER-4', { boxArchived: true });
		edit('ITER-5', { boxArchived: false });
		expect(summary((await main.poll()).items)).toEqual(['changed ITER-4 [boxArchived]', 'changed ITER-5 [boxArchived]']);
	});
});

describe('filters', () => {
	it('box types: a box counts by its type now or before', async () => {
		const main = trigger({ filters: { boxTypeIds: ['4'] } });
		await main.activate();
		edit('PRJ-1', { boxStatus: 'DONE' });
		edit('ITER-1', { boxStatus: 'IN_PROGRESS' });
		edit('ITER-2', { boxTypeId: '4' });
		sim.state.removeBox('PRJ-3');
		expect(summary((await main.poll()).items)).toEqual([
			'changed PRJ-1 [boxStatus]',
			'changed ITER-2 [boxTypeId]',
			'deleted PRJ-3',
		]);
	});

	it('subtree (picked from the list): boxes below it, moved out of it, deleted in it', async () => {
		const main = trigger({
			filters: { subtreeOf: { __rl: true, mode: 'list', value: 'PRJ-1', cachedResultName: 'Demo app (PRJ-1)' } },
		});
		await main.activate();
		edit('PRJ-1', { boxName: 'Demo app v2' });
		edit('ITER-3', { boxName: 'Outside' });
		move('ITER-2', 'PRJ-2');
		sim.state.removeBox('ITER-1');
		const created = sim.state.addBox({ boxTypeId: '5', boxName: 'Sprint 9' }, 'PRJ-1');
		expect(summary((await main.poll()).items)).toEqual([
			'changed PRJ-1 [boxName]',
			`created ${created.boxId}`,
			'changed ITER-2 [parentBoxId]',
			'deleted ITER-1',
		]);
	});

	it('subtree by id and name contains together', async () => {
		const main = trigger({ filters: { subtreeOf: { __rl: true, mode: 'id', value: ' PROG-1 ' }, nameContains: 'SPRINT' } });
		await main.activate();
		edit('ITER-3', { boxStatus: 'DONE' });
		edit('PRJ-2', { boxStatus: 'DONE' }); // no "sprint" in its name
		edit('ITER-4', { boxStatus: 'DONE' }); // outside PROG-1
		edit('ITER-2', { boxName: 'Hardening' }); // renamed away from the text: still reported
		expect(summary((await main.poll()).items)).toEqual(['changed ITER-2 [boxName]', 'changed ITER-3 [boxStatus]']);
	});

	it('a subtree box that does not exist fails the poll clearly and stores nothing', async () => {
		const main = trigger({ filters: { subtreeOf: { __rl: true, mode: 'id', value: 'PROG-99' } } });
		await expect(main.activate()).rejects.toThrow('Box "PROG-99" does not exist');
		expect(main.savedState).toBeUndefined();
		const manual = await harness.run({ nodes: [main.node], connections: {}, mode: 'manual' });
		expect(manual.error?.message).toBe('Box "PROG-99" does not exist');
	});

	it('the subtree picker is the node\'s own box search', async () => {
		const result = await harness.listSearch({ nodeType: 'bigPictureTrigger', method: 'searchBoxes', filter: 'sprint 2' });
		expect(result.results.map((entry) => entry.value)).toEqual(['ITER-2', 'ITER-5']);
	});
});

describe('manual run ("Fetch Test Event")', () => {
	it('returns real boxes in the shape of each chosen event and leaves the stored state alone', async () => {
		const main = trigger();
		await main.activate();
		edit('ITER-1', { boxStatus: 'IN_PROGRESS' });

		const manual = await harness.run({
			nodes: [main.node],
			connections: {},
			staticData: main.saved,
			workflowId: 'trigger-workflow',
			mode: 'manual',
		});
		expect(manual.error).toBeUndefined();
		const sample = manual.outputOf(TRIGGER_NAME).map((item) => item.json);
		expect(sample.map((item) => [item.event, item.boxId, item.sample])).toEqual([
			['created', 'PORT-1', true],
			['changed', 'PROG-1', true],
			['deleted', 'PRJ-1', true],
		]);
		expect(sample[2]).toMatchObject({ box: null, previous: { boxName: 'Demo app' } });
		expect(manual.staticDataAfterRun[`node:${TRIGGER_NAME}`]).toEqual(main.saved[`node:${TRIGGER_NAME}`]);

		// The change made before the manual run is still reported by the next real poll.
		expect(summary((await main.poll()).items)).toEqual(['changed ITER-1 [boxStatus]']);
	});
});

describe('failed polls', () => {
	it('a 5xx emits nothing, keeps the state, and the next poll reports everything since the last success', async () => {
		const main = trigger();
		await main.activate();
		const before = JSON.stringify(main.saved);
		edit('PRJ-1', { boxStatus: 'DONE' });
		sim.setOptions({ faults: { rate503: 1 } });
		const failed = await main.poll();
		expect(failed.items).toBeUndefined();
		expect(failed.error?.message).toMatch(/503/);
		expect(JSON.stringify(main.saved)).toBe(before);

		edit('PRJ-2', { boxStatus: 'DONE' });
		sim.setOptions({ faults: { rate503: 0 } });
		expect(summary((await main.poll()).items)).toEqual(['changed PRJ-1 [boxStatus]', 'changed PRJ-2 [boxStatus]']);
	});

	it('a refused login emits nothing and keeps the state', async () => {
		const main = trigger();
		await main.activate();
		const before = JSON.stringify(main.savedState);
		edit('PRJ-1', { boxStatus: 'DONE' });
		clearSessions();
		harness.storeCredentials(credential({ password: 'wrong' }));
		const failed = await main.poll();
		expect(failed.items).toBeUndefined();
		expect(failed.error?.message).toMatch(/password|login|refused/i);
		expect(JSON.stringify(main.workflow.staticData[`node:${TRIGGER_NAME}`])).toBe(before);

		harness.storeCredentials(credential());
		expect(summary((await main.poll()).items)).toEqual(['changed PRJ-1 [boxStatus]']);
	});

	it('an unreachable Jira emits nothing and keeps the state', async () => {
		const main = trigger();
		await main.activate();
		edit('PRJ-1', { boxStatus: 'DONE' });
		const url = sim.baseUrl;
		const port = sim.port;
		await sim.close();
		const failed = await main.poll();
		expect(failed.items).toBeUndefined();
		expect(failed.error).toBeDefined();
		sim = await startSimulator({ portfolio: 'small', port });
		expect(sim.baseUrl).toBe(url);
		edit('PRJ-1', { boxStatus: 'DONE' });
		expect(summary((await main.poll()).items)).toEqual(['changed PRJ-1 [boxStatus]']);
	});
});

describe('restarts and queue mode', () => {
	it('after a restart, polls continue from the stored state, with the stored tokens (no new login)', async () => {
		const main = trigger();
		await main.activate();
		edit('PRJ-1', { boxStatus: 'DONE' });
		expect(summary((await main.poll()).items)).toEqual(['changed PRJ-1 [boxStatus]']);

		// Changed while n8n was down: n8n's activation poll at start-up reports it, once.
		edit('PRJ-2', { boxStatus: 'DONE' });
		sim.resetCalls();
		const afterRestart = await main.restart();
		expect(summary(afterRestart.items)).toEqual(['changed PRJ-2 [boxStatus]']);
		expect(sim.count((call) => isAuth(call.path))).toBe(0);
		expect(await main.poll()).toEqual({});
	});

	it('static data rolled back by a queue worker does not repeat events: the newer copy in memory wins', async () => {
		const main = trigger();
		await main.activate();
		const queuedSnapshot = JSON.parse(JSON.stringify(main.saved)) as IDataObject; // seq 1
		edit('PRJ-1', { boxStatus: 'DONE' });
		expect(summary((await main.poll()).items)).toEqual(['changed PRJ-1 [boxStatus]']);

		// A worker finishes an execution queued before that poll and writes back the whole static data as it was;
		// the workflow is then activated again in this process (e.g. re-published) from the database.
		main.saved = queuedSnapshot;
		expect(await main.activate()).toEqual({});
		edit('PRJ-2', { boxStatus: 'DONE' });
		expect(summary((await main.poll()).items)).toEqual(['changed PRJ-2 [boxStatus]']);
		expect((main.savedState!.boxState as { seq: number }).seq).toBe(4);

		// Without this process's memory (a restart) the same rolled-back copy would repeat the change: the memory
		// is what makes the difference above.
		main.saved = queuedSnapshot;
		expect(summary((await main.restart()).items)).toEqual(['changed PRJ-1 [boxStatus]', 'changed PRJ-2 [boxStatus]']);
	});

	it('a newer stored state (another main polled since) wins over an older memory', async () => {
		const main = trigger();
		await main.activate();
		// Another main (after a leader change) polls from the same database and reports a change.
		const other = trigger({}, { workflowId: 'trigger-workflow' });
		edit('PRJ-1', { boxStatus: 'DONE' });
		const stolen = JSON.parse(JSON.stringify(main.saved)) as IDataObject;
		forgetStates();
		await other.activate(stolen); // its own process: no memory, reports the change at activation
		expect((other.savedState!.boxState as { seq: number }).seq).toBe(2);
		// This main had remembered seq 1; the database now says seq 2: no repeat.
		const remembered = main.savedState!.boxState;
		main.saved = other.saved;
		expect((remembered as { seq: number }).seq).toBe(1);
		expect(await main.activate()).toEqual({});
	});

	it('the action node\'s token writes and the trigger\'s state never overwrite each other', async () => {
		const main = trigger();
		await main.activate();
		const triggerState = JSON.stringify(main.savedState);
		clearSessions();
		const downstream = await harness.run({
			node: { type: 'bigPicture', name: 'BigPicture', parameters: { resource: 'box', operation: 'get', boxId: { __rl: true, mode: 'id', value: 'PRJ-1' } } },
			staticData: main.saved,
			mode: 'trigger',
		});
		expect(downstream.error).toBeUndefined();
		expect(JSON.stringify(downstream.staticData[`node:${TRIGGER_NAME}`])).toBe(triggerState);
		expect(Object.keys(downstream.staticData.global as IDataObject)).toEqual(['bigPictureSessions']);
	});
});

describe('the example workflow (examples/box-changes.json)', () => {
	it('its trigger reports the changes and its Message node makes one line per box', async () => {
		const example = JSON.parse(
			fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'box-changes.json'), 'utf8'),
		) as { nodes: Array<{ name: string; type: string; parameters: IDataObject }> };
		const triggerNode = example.nodes.find((node) => node.type === 'n8n-nodes-bigpicture.bigPictureTrigger')!;
		const message = example.nodes.find((node) => node.name === 'Message')!.parameters as {
			assignments: { assignments: Array<{ name: string; value: string }> };
		};
		const main = trigger(triggerNode.parameters);
		await main.activate();
		edit('ITER-2', { boxEndDate: '2025-02-07', boxDescription: 'Longer' });
		edit('ITER-3', { boxArchived: true });
		const created = sim.state.addBox({ boxTypeId: '5', boxName: 'Sprint 3' }, 'PRJ-1');
		sim.state.removeBox('ITER-5');
		const { items } = await main.poll();
		const template = message.assignments.assignments.find((entry) => entry.name === 'message')!.value;
		const lines = await main.workflow.expression.withIsolate(async () =>
			items!.map((_, index) =>
				main.workflow.expression.getParameterValue(template, null, 0, index, TRIGGER_NAME, items!, 'trigger', {}),
			),
		);
		expect(lines).toEqual([
			'Box "Sprint 2" (ITER-2) changed: boxEndDate 2025-01-31 → 2025-02-07, description edited',
			`New box "Sprint 3" (${created.boxId})`,
			'Box "Sprint 1" (ITER-3) was archived',
			'Box "Sprint 2" (ITER-5) was deleted',
		]);
	});
});
