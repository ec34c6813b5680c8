/**
 * The node with a BigPicture API token on Data Center (Connect With: apiToken, credential bigPictureTokenApi),
 * through n8n-core against the simulator: the token with its scheme on every BigPicture call, never system/auth or
 * system/reauth; the API path found once; a refused token said clearly and sent once; Jira REST calls only with
 * the credential's Jira personal access token.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';

import { clearSessions } from '../../nodes/BigPicture/transport/sessions';
import type { Harness } from '../harness';
import { visibleText } from '../helpers/node';
import { startSimulator, type Simulator } from '../simulator';
import { CLASSIC, HIERARCHY, NODE, SHORT, getBox, getMany, runWay, waysHarness } from './run';

const TOKEN = 'bp-token-alice-0123456789';
const EXPIRED = 'bp-token-expired-0123456789';
const PAT = 'pat-alice-0123456789';

let sim: Simulator;
let harness: Harness;

beforeAll(async () => {
	sim = await startSimulator({
		portfolio: 'small',
		apiTokens: { [TOKEN]: 'alice', [EXPIRED]: { user: 'alice', expired: true }, 'bp-token-bob-012345': 'bob' },
		jiraPats: { [PAT]: 'alice' },
	});
	harness = waysHarness();
});
afterAll(async () => {
	await sim.close();
});
beforeEach(() => {
	clearSessions();
	sim.resetCalls();
	sim.setOptions({ apiTokenSchemes: ['bearer', 'apitoken'], apiTokenKeys: null });
});

const credential = (overrides: Record<string, unknown> = {}) => ({
	baseUrl: sim.baseUrl,
	apiToken: TOKEN,
	authorizationScheme: 'bearer',
	apiPath: 'auto',
	...overrides,
});
const logins = () => sim.count((c) => /\/system\/(re)?auth$/.test(c.path));
const bigPictureCalls = () => sim.calls.filter((c) => c.app === 'bigPicture');

describe('Connect With: BigPicture API token (Data Center)', () => {
	test('bearer: Get Many answers the boxes; the token goes as Bearer on every call, no login, the API path is found once', async () => {
		sim.setOptions({ apiTokenSchemes: ['bearer'] });
		const first = await runWay(harness, 'apiToken', credential(), getMany);
		expect(first.errorOf(NODE)).toBeUndefined();
		const boxes = first.outputOf(NODE).map((item) => item.json.boxId);
		expect(boxes).toEqual(expect.arrayContaining(['ROOT', 'PRJ-1']));
		// The simulator installs only the classic key: the short one answers Jira's 404 page once, then the classic.
		expect(bigPictureCalls().map((c) => [c.path.startsWith(SHORT) ? 'short' : 'classic', c.status])).toEqual([
			['short', 404],
			['classic', 200],
		]);
		expect(sim.calls.filter((c) => HIERARCHY.test(c.path) && c.status === 200).every((c) => c.auth === 'apitoken' && c.user === 'alice')).toBe(true);
		expect(logins()).toBe(0);

		sim.resetCalls();
		const second = await runWay(harness, 'apiToken', credential(), getBox('PRJ-1'));
		expect(second.outputOf(NODE)[0].json).toMatchObject({ boxId: 'PRJ-1' });
		expect(sim.calls.every((c) => c.path.startsWith(CLASSIC) && c.auth === 'apitoken' && c.status === 200)).toBe(true);
		expect(logins()).toBe(0);
		expect(visibleText(second)).not.toContain(TOKEN);
	});

	test('apiToken scheme: sent as "APIToken <token>" (a BigPicture that takes only that scheme answers), short key first', async () => {
		// Only the short key takes tokens, and only with the APIToken scheme: a Bearer header would get 401.
		sim.setOptions({ apiTokenSchemes: ['apitoken'], apiTokenKeys: ['bigpicture'] });
		const result = await runWay(harness, 'apiToken', credential({ authorizationScheme: 'apiToken' }), getMany);
		expect(result.errorOf(NODE)).toBeUndefined();
		expect(result.outputOf(NODE).length).toBeGreaterThan(1);
		expect(sim.calls.map((c) => [c.path, c.status, c.auth])).toEqual([[`${SHORT}public/ppm/box/box-hierarchy`, 200, 'apitoken']]);
	});

	test('an expired token: one send per run, a message that says what to do, no login, no secret', async () => {
		const result = await runWay(harness, 'apiToken', credential({ apiToken: EXPIRED, apiPath: '/rest/softwareplant-bigpicture/1.0' }), getBox('PRJ-1'), {
			inputItems: [{}, {}, {}],
		});
		const error = result.errorOf(NODE);
		expect(error?.message).toMatch(/BigPicture API token was refused \(HTTP 401 .*\): it has expired \(tokens last a year\), was revoked/);
		expect(String(error?.description)).toMatch(/BigPicture → My settings → API tokens/);
		expect(sim.calls).toHaveLength(1);
		expect(sim.calls[0]).toMatchObject({ status: 401, auth: 'apitoken', path: expect.stringMatching(/^\/rest\/softwareplant-bigpicture\/1.0\//) });
		expect(logins()).toBe(0);
		expect(visibleText(result)).not.toContain(EXPIRED);
	});

	test('a token revoked between runs: the next run fails with the same message after one send', async () => {
		const token = 'bp-token-bob-012345';
		const ok = await runWay(harness, 'apiToken', credential({ apiToken: token }), getBox('PRJ-1'));
		expect(ok.errorOf(NODE)).toBeUndefined();
		sim.revokeApiToken(token);
		sim.resetCalls();
		const refused = await runWay(harness, 'apiToken', credential({ apiToken: token }), getBox('PRJ-1'));
		expect(refused.errorOf(NODE)?.message).toMatch(/API token was refused/);
		expect(sim.calls).toHaveLength(1);
		expect(sim.calls[0].path.startsWith(CLASSIC)).toBe(true);
		expect(logins()).toBe(0);
	});

	test('Task › Get Many without a Jira token: a clear error, nothing sent to Jira', async () => {
		const task = { resource: 'task', operation: 'getMany', boxId: { __rl: true, mode: 'id', value: 'PRJ-1' }, limit: 5 };
		const result = await runWay(harness, 'apiToken', credential(), task);
		const error = result.errorOf(NODE);
		expect(error?.message).toBe("Calls to Jira's own REST API need a Jira personal access token (Jira Token)");
		expect(String(error?.description)).toMatch(/Task › Get Many/);
		expect(sim.calls.filter((c) => c.path.startsWith('/rest/api/'))).toHaveLength(0);
	});

	test('Task › Get Many with the Jira token: the search carries the PAT, BigPicture calls the API token', async () => {
		const task = { resource: 'task', operation: 'getMany', boxId: { __rl: true, mode: 'id', value: 'PRJ-1' }, limit: 5 };
		const result = await runWay(harness, 'apiToken', credential({ jiraToken: PAT }), task);
		expect(result.errorOf(NODE)).toBeUndefined();
		expect(result.outputOf(NODE)).toHaveLength(5);
		const searches = sim.calls.filter((c) => c.path.endsWith('/rest/api/2/search'));
		expect(searches.length).toBeGreaterThan(0);
		expect(searches.every((c) => c.auth === 'pat' && c.status === 200)).toBe(true);
		expect(logins()).toBe(0);
		expect(visibleText(result)).not.toContain(PAT);
	});

	test('a saved workflow without "Connect With" still uses its Jira login', async () => {
		const result = await runWay(harness, 'jiraLogin', { baseUrl: sim.baseUrl, authentication: 'basic', username: 'alice', password: 's3cret' }, getBox('PRJ-1'));
		expect(result.outputOf(NODE)[0].json).toMatchObject({ boxId: 'PRJ-1' });
		expect(sim.count((c) => c.path.endsWith('/system/auth'))).toBe(1);
		expect(sim.calls.filter((c) => HIERARCHY.test(c.path) || /\/box\//.test(c.path)).every((c) => c.auth !== 'apitoken')).toBe(true);
	});
});
