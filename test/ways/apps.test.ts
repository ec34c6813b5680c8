/**
 * The node's App (BigPicture, BigGantt, BigTemplate) through n8n-core against the simulator's three apps: each app
 * logs in under its own REST key with its own token pair, over the one Jira session (no second Jira login).
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { clearSessions } from '../../nodes/BigPicture/transport/sessions';
import { STATIC_DATA_KEY } from '../../nodes/BigPicture/transport/tokenStore';
import type { Harness } from '../harness';
import { startSimulator, type Simulator } from '../simulator';
import { NODE, credentialOf, getBox, runWay, waysHarness } from './run';

let sim: Simulator;
let harness: Harness;

const login = () => ({ baseUrl: sim.baseUrl, authentication: 'basic', username: 'alice', password: 's3cret' });
const customCall = (app: string) => ({ app, resource: 'request', operation: 'call', api: 'bigpicture', method: 'GET', path: 'public/ppm/box/box-types' });

afterEach(async () => {
	clearSessions();
	await sim.close();
});

describe('App: BigGantt and BigTemplate beside BigPicture', () => {
	beforeEach(async () => {
		sim = await startSimulator({ portfolio: 'small', apps: ['bigGantt', 'bigTemplate'], bigGanttKey: 'biggantt', apiTokens: { 'bp-token-0123456789': 'alice' } });
		harness = waysHarness();
	});

	test('BigPicture, then BigTemplate and BigGantt by Custom API Call: one login per app, one Jira session', async () => {
		const first = await runWay(harness, 'jiraLogin', login(), getBox('PRJ-1'));
		expect(first.outputOf(NODE)[0].json).toMatchObject({ boxId: 'PRJ-1' });
		for (const app of ['bigTemplate', 'bigGantt', 'bigTemplate']) {
			const result = await runWay(harness, 'jiraLogin', login(), customCall(app));
			expect(result.errorOf(NODE)).toBeUndefined();
			expect(result.outputOf(NODE).length).toBeGreaterThan(0);
		}
		expect(sim.stats().sessionsCreated).toBe(1);
		expect(sim.appStats()).toMatchObject({
			bigPicture: { logins: 1 },
			bigTemplate: { logins: 1 },
			bigGantt: { logins: 1 },
		});
		const template = sim.calls.filter((c) => c.app === 'bigTemplate' && c.path.endsWith('/box-types'));
		expect(template).toHaveLength(2);
		expect(template.every((c) => c.path.startsWith('/rest/softwareplant-bigtemplate/1.0/') && c.auth === 'jwt' && c.status === 200)).toBe(true);
		// BigGantt's undocumented key: the first spelling is missing here, the second answers and is kept.
		const ganttAuth = sim.calls.filter((c) => c.path.endsWith('/system/auth') && /gantt/.test(c.path)).map((c) => [c.path, c.status]);
		expect(ganttAuth).toEqual([
			['/rest/softwareplant-biggantt/1.0/system/auth', 404],
			['/rest/biggantt/1.0/system/auth', 200],
		]);
	});

	/** `Start → BigPicture (Box Get) → BigTemplate (Custom API Call)`: two apps of one credential in one execution. */
	const bothApps = () => {
		harness.storeCredentials(credentialOf('jiraLogin', login()));
		const { nodes, connections } = harness.workflowFor({ type: 'bigPicture', name: NODE, parameters: getBox('PRJ-1') });
		nodes.push(harness.completeNode({ type: 'bigPicture', name: 'BigTemplate', parameters: customCall('bigTemplate') as INodeParameters }, nodes.length));
		connections[NODE] = { main: [[{ node: 'BigTemplate', type: 'main', index: 0 }]] };
		return { nodes, connections };
	};
	const sealedEntries = (staticData: IDataObject) => Object.keys((staticData.global as IDataObject)[STATIC_DATA_KEY] as IDataObject);
	const logins = () => sim.calls.filter((c) => c.path.endsWith('/system/auth')).length;
	const expectNoError = (result: Awaited<ReturnType<typeof runWay>>, ...nodes: string[]) => {
		for (const node of nodes) expect(result.errorOf(node)).toBeUndefined();
	};

	test('BigPicture and BigTemplate in one saved run: one sealed entry, from which a new process resumes both with no login', async () => {
		const first = await harness.run({ ...bothApps(), mode: 'trigger' });
		expectNoError(first, NODE, 'BigTemplate');
		expect(first.staticDataPersisted).toBe(true);
		expect(sealedEntries(first.staticData)).toHaveLength(1);
		expect(sim.appStats()).toMatchObject({ bigPicture: { logins: 1 }, bigTemplate: { logins: 1 } });

		clearSessions(); // a new n8n process
		sim.resetCalls();
		const second = await harness.run({ ...bothApps(), mode: 'trigger', staticData: first.staticData });
		expectNoError(second, NODE, 'BigTemplate');
		expect(second.outputOf('BigTemplate').length).toBeGreaterThan(0);
		expect(logins()).toBe(0);
		expect(sim.stats().sessionsCreated).toBe(1);
		expect(sim.calls.filter((c) => c.app === 'bigTemplate' && c.path.endsWith('/box-types')).map((c) => [c.auth, c.status])).toEqual([['jwt', 200]]);
	});

	test("a later run with BigTemplate alone adds its pair to the one entry and keeps BigPicture's", async () => {
		const bigPicture = await runWay(harness, 'jiraLogin', login(), getBox('PRJ-1'), { mode: 'trigger' });
		expectNoError(bigPicture, NODE);
		const template = await runWay(harness, 'jiraLogin', login(), customCall('bigTemplate'), { mode: 'trigger', staticData: bigPicture.staticData });
		expectNoError(template, NODE);
		expect(template.staticDataPersisted).toBe(true);
		expect(sealedEntries(template.staticData)).toHaveLength(1);
		expect(sim.stats().sessionsCreated).toBe(1);

		for (const parameters of [getBox('PRJ-1'), customCall('bigTemplate')]) {
			clearSessions(); // a new n8n process, for each app alone
			sim.resetCalls();
			const resumed = await runWay(harness, 'jiraLogin', login(), parameters, { mode: 'trigger', staticData: template.staticData });
			expectNoError(resumed, NODE);
			expect(logins()).toBe(0);
		}
		expect(sim.stats().sessionsCreated).toBe(1);
	});

	test("BigTemplate first in a new process, with only BigPicture's pair sealed: it logs in over the sealed Jira session, not a new one", async () => {
		const bigPicture = await runWay(harness, 'jiraLogin', login(), getBox('PRJ-1'), { mode: 'trigger' });
		expectNoError(bigPicture, NODE);
		clearSessions(); // a new n8n process
		sim.resetCalls();
		const template = await runWay(harness, 'jiraLogin', login(), customCall('bigTemplate'), { mode: 'trigger', staticData: bigPicture.staticData });
		expectNoError(template, NODE);
		const auth = sim.calls.filter((c) => c.path.endsWith('/system/auth'));
		expect(auth).toHaveLength(1);
		expect(auth[0].cookies).toContain('JSESSIONID');
		expect(sim.stats().sessionsCreated).toBe(1);
	});

	test('an API token with App BigTemplate: a clear error before anything is sent', async () => {
		const result = await runWay(harness, 'apiToken', { baseUrl: sim.baseUrl, apiToken: 'bp-token-0123456789' }, customCall('bigTemplate'));
		expect(result.errorOf(NODE)?.message).toBe("BigTemplate needs the Jira login: a BigPicture API token opens BigPicture's API only");
		expect(sim.calls).toHaveLength(0);
	});

	test('BigTemplate not installed: each of its REST keys is tried once, then a clear error', async () => {
		await sim.close();
		sim = await startSimulator({ portfolio: 'small', apps: ['bigGantt'] });
		const result = await runWay(harness, 'jiraLogin', login(), customCall('bigTemplate'));
		const error = result.errorOf(NODE);
		expect(error?.message).toMatch(/^Jira [\d.]+ answers here, but BigTemplate does not \(HTTP 404 on system\/auth\)$/);
		expect(error?.description).toMatch(/Check that BigTemplate is installed/);
		const tried = sim.calls.filter((c) => /template/.test(c.path)).map((c) => c.path);
		expect(tried.length).toBeGreaterThan(0);
		expect(new Set(tried).size).toBe(tried.length);
	});
});
