/**
 * A 20,000-box portfolio: poll time and static-data size (printed; the bench numbers in the report come from here).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { createHarness, type Harness } from '../harness';
import { BigPictureApi } from '../../credentials/BigPictureApi.credentials';
import { BigPictureTrigger } from '../../nodes/BigPicture/BigPictureTrigger.node';
import type { FlatBox } from '../../nodes/BigPicture/shared/boxes';
import { encodeState, snapshotOf } from '../../nodes/BigPicture/trigger/boxState';
import { startSimulator, type Simulator } from '../simulator';
import { TriggerProcess } from './poller';

const BOXES = 20_000;
let sim: Simulator;
let harness: Harness;

beforeAll(async () => {
	sim = await startSimulator({ portfolio: { boxCount: BOXES } });
	harness = createHarness({
		nodeTypes: [new BigPictureTrigger()],
		credentialTypes: [new BigPictureApi()],
		credentials: {
			bigPictureApi: { id: '1', name: 'BP', data: { baseUrl: sim.baseUrl, authentication: 'basic', username: 'alice', password: 's3cret' } },
		},
	});
});

afterAll(async () => {
	await sim.close();
});

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

it(`polls a ${BOXES.toLocaleString('en-US')}-box hierarchy in seconds and keeps its state well under a megabyte`, async () => {
	const main = new TriggerProcess(harness, { parameters: {} });
	let started = performance.now();
	await main.activate();
	const firstMs = performance.now() - started;
	const stateBytes = bytes(main.savedState);

	const ids = [...sim.state.boxes.keys()];
	for (const id of ids.slice(1000, 1100)) sim.state.boxes.get(id)!.boxStatus = 'ON_HOLD';
	sim.state.touch();
	sim.state.removeBox(ids[500]);
	started = performance.now();
	const { items } = await main.poll();
	const pollMs = performance.now() - started;
	started = performance.now();
	expect(await main.poll()).toEqual({});
	const quietMs = performance.now() - started;
	expect(items!.filter((item) => item.json.event === 'changed')).toHaveLength(100);
	expect(items!.filter((item) => item.json.event === 'deleted').length).toBeGreaterThan(0);

	// The same number of boxes with longer names, from words that neighbours rarely share (a pessimistic case:
	// siblings named alike cost less), about 30 characters on average.
	const words = ['Customer', 'onboarding', 'payments', 'platform', 'migration', 'analytics', 'mobile', 'portal', 'renewal', 'security', 'billing', 'partner'];
	const kinds = ['Discovery', 'Build', 'Pilot', 'Rollout', 'Hardening'];
	const longNames: FlatBox[] = Array.from({ length: BOXES }, (_, i) => ({
		boxId: `ITER-${i + 1}`,
		parentBoxId: 'PRJ-1',
		childCount: 0,
		depth: 4,
		boxTypeId: '5',
		boxName: `${words[(i * 7) % 12]} ${words[(i * 5 + 3) % 12]} ${kinds[(i * 3) % 5]} ${(i * 37) % 997}`,
		boxStatus: 'IN_PROGRESS',
		boxStartDate: '2025-03-03',
		boxEndDate: '2025-03-14',
		boxDescription: i % 2 ? 'Some description of the iteration' : '',
	}));
	const averageName = longNames.reduce((sum, one) => sum + String(one.boxName).length, 0) / BOXES;
	const longBytes = bytes(encodeState(longNames.map(snapshotOf), 1));

	process.stderr.write(
		`trigger at ${BOXES} boxes: first poll ${Math.round(firstMs)} ms, poll with 100 changes + a deleted subtree ${Math.round(pollMs)} ms (${items!.length} items), poll without changes ${Math.round(quietMs)} ms; ` +
			`trigger state ${stateBytes} bytes (${(stateBytes / BOXES).toFixed(1)} per box), whole static data ${main.savedBytes} bytes; ` +
			`with ${averageName.toFixed(1)}-character unrelated names ${longBytes} bytes\n`,
	);
	expect(stateBytes).toBeLessThan(750_000);
	expect(longBytes).toBeLessThan(1_200_000);
	expect(Object.keys(main.saved.global as IDataObject)).toEqual(['bigPictureSessions']);
}, 120_000);
