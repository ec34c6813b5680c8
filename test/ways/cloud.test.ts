/**
 * The node with BigPicture Cloud (Connect With: cloud, credential bigPictureCloudApi), through n8n-core against the
 * simulator's discovery endpoint and tenant: the location found once per session (single flight), a tenant that
 * moves found again with one more lookup, a refused token said clearly, Jira calls only with the Jira Cloud login.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';

import { clearSessions } from '../../nodes/BigPicture/transport/sessions';
import type { Harness } from '../harness';
import { closedPort } from '../helpers/connection';
import { visibleText } from '../helpers/node';
import { startSimulator, type Simulator } from '../simulator';
import { NODE, getBox, getMany, runWay, waysHarness } from './run';

const TOKEN = 'cloud-token-alice-0123456789';
let sim: Simulator;
let harness: Harness;

beforeEach(async () => {
	clearSessions();
	sim = await startSimulator({ portfolio: 'small', cloud: { tokens: { [TOKEN]: 'alice', 'cloud-revoked-0123': { user: 'alice', revoked: true } } } });
	harness = waysHarness();
});
afterEach(async () => {
	await sim.close();
});

const credential = (overrides: Record<string, unknown> = {}) => ({
	apiToken: TOKEN,
	authorizationScheme: 'bearer',
	discoveryUrl: sim.cloudDiscoveryUrl(),
	...overrides,
});
const tenantPath = (location: string) => new URL(location).pathname;

describe('Connect With: BigPicture Cloud', () => {
	test('discovery once, then the tenant API with the token; items sent at once share the one lookup', async () => {
		const result = await runWay(harness, 'cloud', credential(), { ...getBox('PRJ-1'), options: { concurrency: 5 } }, {
			inputItems: [{}, {}, {}, {}, {}],
		});
		expect(result.errorOf(NODE)).toBeUndefined();
		expect(result.outputOf(NODE).map((item) => item.json.boxId)).toEqual(['PRJ-1', 'PRJ-1', 'PRJ-1', 'PRJ-1', 'PRJ-1']);
		expect(sim.cloudStats()).toEqual({ discoveryCalls: 1, discoveryOk: 1 });
		const api = sim.calls.filter((c) => c.path.startsWith(`${tenantPath(sim.cloudLocation())}/rest/public/ppm/`));
		expect(api.length).toBeGreaterThan(0);
		expect(api.every((c) => c.auth === 'cloudtoken' && c.status === 200)).toBe(true);
		expect(sim.count((c) => /\/system\//.test(c.path))).toBe(0);

		// The next run keeps the location: no second lookup.
		await runWay(harness, 'cloud', credential(), getMany);
		expect(sim.cloudStats().discoveryCalls).toBe(1);
		expect(visibleText(result)).not.toContain(TOKEN);
	});

	test('the APIToken scheme goes to discovery and to the tenant', async () => {
		sim.setOptions({ apiTokenSchemes: ['apitoken'] });
		const result = await runWay(harness, 'cloud', credential({ authorizationScheme: 'apiToken' }), getBox('PRJ-1'));
		expect(result.errorOf(NODE)).toBeUndefined();
		expect(sim.calls.every((c) => c.auth === 'cloudtoken' && c.status === 200)).toBe(true);
	});

	test('a tenant that moved: the old base answers 401, one more lookup, the call resent once to the new base', async () => {
		await runWay(harness, 'cloud', credential(), getBox('PRJ-1'));
		const before = tenantPath(sim.cloudLocation());
		const moved = tenantPath(sim.moveTenant('/cloud/us-2/tenant-a'));
		sim.resetCalls();
		const result = await runWay(harness, 'cloud', credential(), getBox('PRJ-1'), { inputItems: [{}, {}] });
		expect(result.errorOf(NODE)).toBeUndefined();
		expect(result.outputOf(NODE)).toHaveLength(2);
		expect(sim.cloudStats()).toEqual({ discoveryCalls: 2, discoveryOk: 2 });
		const seen = sim.calls.map((c) => [c.path.startsWith(before) ? 'old' : c.path.startsWith(moved) ? 'new' : 'discovery', c.status]);
		expect(seen[0]).toEqual(['old', 401]);
		expect(seen[1]).toEqual(['discovery', 200]);
		expect(seen.slice(2).every(([where, status]) => where === 'new' && status === 200)).toBe(true);
	});

	test('a new process: the location comes back from sealed static data; after a move, one more lookup', async () => {
		const trigger = { mode: 'trigger' as const };
		const first = await runWay(harness, 'cloud', credential(), getBox('PRJ-1'), trigger);
		expect(first.errorOf(NODE)).toBeUndefined();
		expect(first.staticDataPersisted).toBe(true);
		const sealed = JSON.stringify(first.staticData);
		expect(sealed).not.toContain(TOKEN);
		expect(sealed).not.toContain(tenantPath(sim.cloudLocation()));

		clearSessions(); // a new n8n process: only static data is left
		sim.resetCalls();
		const second = await runWay(harness, 'cloud', credential(), getBox('PRJ-1'), { ...trigger, staticData: first.staticData });
		expect(second.errorOf(NODE)).toBeUndefined();
		expect(sim.cloudStats()).toEqual({ discoveryCalls: 1, discoveryOk: 1 }); // the first run's lookup only

		// Another token cannot open the entry: it looks up for itself.
		const bob = 'cloud-token-bob-0123456789';
		sim.setOptions({ cloud: { ...sim.opts.cloud, tokens: { ...sim.opts.cloud?.tokens, [bob]: 'bob' } } } as never);
		clearSessions();
		sim.resetCalls();
		const other = await runWay(harness, 'cloud', credential({ apiToken: bob }), getBox('PRJ-1'), { ...trigger, staticData: first.staticData });
		expect(other.errorOf(NODE)).toBeUndefined();
		expect(sim.calls[0].path).toBe(new URL(sim.cloudDiscoveryUrl()).pathname);
		expect(sim.cloudStats().discoveryCalls).toBe(2);

		const before = tenantPath(sim.cloudLocation());
		const moved = tenantPath(sim.moveTenant('/cloud/us-2/tenant-a'));
		clearSessions();
		sim.resetCalls();
		const third = await runWay(harness, 'cloud', credential(), getBox('PRJ-1'), { ...trigger, staticData: second.staticData });
		expect(third.errorOf(NODE)).toBeUndefined();
		const seen = sim.calls.map((c) => [c.path.startsWith(before) ? 'old' : c.path.startsWith(moved) ? 'new' : 'discovery', c.status]);
		expect(seen[0]).toEqual(['old', 401]);
		expect(seen[1]).toEqual(['discovery', 200]);
		expect(seen.slice(2).every(([where, status]) => where === 'new' && status === 200)).toBe(true);
	});

	test('two Cloud credentials without a Jira site in one workflow keep their own sealed locations', async () => {
		const bob = 'cloud-token-bob-0123456789';
		sim.setOptions({ cloud: { ...sim.opts.cloud, tokens: { ...sim.opts.cloud?.tokens, [bob]: 'bob' } } } as never);
		const trigger = { mode: 'trigger' as const };
		const first = await runWay(harness, 'cloud', credential(), getBox('PRJ-1'), { ...trigger, credentialId: 'alice' });
		clearSessions();
		const second = await runWay(harness, 'cloud', credential({ apiToken: bob }), getBox('PRJ-1'), {
			...trigger,
			credentialId: 'bob',
			staticData: first.staticData,
		});
		expect(second.errorOf(NODE)).toBeUndefined();
		expect(sim.cloudStats().discoveryCalls).toBe(2);
		// a new process: each resumes from its own entry, no lookup
		for (const [apiToken, credentialId] of [
			[TOKEN, 'alice'],
			[bob, 'bob'],
		]) {
			clearSessions();
			const lookups = sim.cloudStats().discoveryCalls; // counted since the start
			const again = await runWay(harness, 'cloud', credential({ apiToken }), getBox('PRJ-1'), {
				...trigger,
				credentialId,
				staticData: second.staticData,
			});
			expect(again.errorOf(NODE)).toBeUndefined();
			expect(sim.cloudStats().discoveryCalls).toBe(lookups);
		}
	});

	test('a discovery host that cannot be reached: the error names BigPicture Cloud and the Discovery URL, not Jira', async () => {
		const port = await closedPort();
		const result = await runWay(harness, 'cloud', credential({ discoveryUrl: `http://127.0.0.1:${port}/discovery` }), getBox('PRJ-1'));
		const error = result.errorOf(NODE);
		expect(error?.message).toBe('BigPicture Cloud cannot be reached (ECONNREFUSED)');
		const said = `${error?.message} ${error?.description}`;
		expect(said).toMatch(/Check the Discovery URL in the credential/);
		expect(said).not.toMatch(/Jira/);
	});

	test('a revoked token: discovery refuses it, one send, the message says to make a new one', async () => {
		const result = await runWay(harness, 'cloud', credential({ apiToken: 'cloud-revoked-0123' }), getBox('PRJ-1'), { inputItems: [{}, {}] });
		const error = result.errorOf(NODE);
		expect(error?.message).toMatch(/BigPicture API token was refused \(HTTP 401/);
		expect(String(error?.description)).toMatch(/My settings → API tokens/);
		expect(sim.cloudStats()).toEqual({ discoveryCalls: 1, discoveryOk: 0 });
		expect(sim.calls).toHaveLength(1);
		expect(visibleText(result)).not.toContain('cloud-revoked-0123');
	});

	test('a discovery that redirects: the token is not followed elsewhere, a clear error', async () => {
		sim.setOptions({ cloud: { ...sim.opts.cloud, redirectDiscoveryTo: 'http://127.0.0.1:9/steal' } } as never);
		const result = await runWay(harness, 'cloud', credential(), getBox('PRJ-1'));
		expect(result.errorOf(NODE)?.message).toMatch(/HTTP 302/);
		expect(sim.calls).toHaveLength(1);
	});

	test('Task › Get Many without the Jira Cloud login: a clear error, nothing sent', async () => {
		const task = { resource: 'task', operation: 'getMany', boxId: { __rl: true, mode: 'id', value: 'PRJ-1' }, limit: 5 };
		const result = await runWay(harness, 'cloud', credential(), task);
		expect(result.errorOf(NODE)?.message).toBe("Calls to Jira's own REST API need the Jira site URL, email and Atlassian API token");
		expect(sim.calls.filter((c) => c.path.includes('/rest/api/'))).toHaveLength(0);
	});
});
