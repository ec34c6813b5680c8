/**
 * BigPicture Trigger with a BigPicture API token (Connect With: apiToken), through n8n-core's poll machinery
 * (test/trigger/poller.ts) against the simulator: polls read the hierarchy with the token and never log in.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { clearSessions } from '../../nodes/BigPicture/transport/sessions';
import { forgetStates } from '../../nodes/BigPicture/trigger/memory';
import type { Harness } from '../harness';
import { startSimulator, type Simulator } from '../simulator';
import { TriggerProcess } from '../trigger/poller';
import { credentialOf, waysHarness } from './run';

const TOKEN = 'bp-token-alice-0123456789';
let sim: Simulator;
let harness: Harness;

beforeAll(async () => {
	sim = await startSimulator({ portfolio: 'small', apiTokens: { [TOKEN]: 'alice' }, apiTokenSchemes: ['apitoken'] });
	harness = waysHarness();
	harness.storeCredentials(credentialOf('apiToken', { baseUrl: sim.baseUrl, apiToken: TOKEN, authorizationScheme: 'apiToken' }));
});
afterAll(async () => {
	clearSessions();
	forgetStates();
	await sim.close();
});

describe('BigPicture Trigger with an API token', () => {
	test('activation records, a poll reports a renamed box; every call carries the token, none logs in', async () => {
		const main = new TriggerProcess(harness, { parameters: { authentication: 'apiToken' } });
		const activation = await main.activate();
		expect(activation.error).toBeUndefined();
		const box = sim.state.boxes.get('PRJ-1')!;
		box.boxName = 'Renamed by the test';
		sim.state.touch();
		const poll = await main.poll();
		expect(poll.error).toBeUndefined();
		expect(poll.items?.map((item) => item.json)).toEqual([
			expect.objectContaining({ event: 'changed', boxId: 'PRJ-1', changedFields: ['boxName'] }),
		]);
		expect(sim.calls.length).toBeGreaterThan(0);
		expect(sim.calls.every((c) => c.auth === 'apitoken' && (c.status === 200 || c.status === 404))).toBe(true);
		expect(sim.count((c) => /\/system\//.test(c.path))).toBe(0);
		expect(JSON.stringify(main.saved)).not.toContain(TOKEN);
	});
});
