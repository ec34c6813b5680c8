import { clearSessions } from '../../nodes/BigPicture/transport/sessions';
import type { Harness } from '../harness';
import { closedPort, isApiCall, isAuth } from '../helpers/connection';
import { NODE, bigPictureHarness, runNode, visibleText } from '../helpers/node';
import { startSimulator, type Simulator } from '../simulator';

let sim: Simulator;
let harness: Harness;

beforeAll(async () => {
	sim = await startSimulator({ portfolio: 'small', captchaAfter: 3 });
	harness = bigPictureHarness();
});
afterAll(async () => {
	await sim.close();
});
beforeEach(() => {
	clearSessions();
	sim.resetCalls();
	sim.unlockCaptcha('alice');
});

const countAuth = () => sim.count((c) => isAuth(c.path));
const getMany = { resource: 'box', operation: 'getMany', returnAll: true };
const getBox = (id: string) => ({ resource: 'box', operation: 'get', boxId: { __rl: true, mode: 'id', value: id } });

/** The simulator's boxes, flattened the same way, to compare with the node's output. */
function expectedBoxes(): Array<{ boxId: string; parentBoxId: string | null; depth: number }> {
	const out: Array<{ boxId: string; parentBoxId: string | null; depth: number }> = [];
	const visit = (id: string, parent: string | null, depth: number) => {
		const box = sim.state.boxes.get(id)!;
		if (!box.boxArchived) out.push({ boxId: id, parentBoxId: parent, depth });
		for (const child of box.children) visit(child, id, depth + 1);
	};
	visit('ROOT', null, 0);
	return out;
}

describe('box operations through n8n-core', () => {
	test('getMany flattens the hierarchy: one item per box, with parent and depth, paired with its input', async () => {
		const result = await runNode(harness, sim, getMany);
		expect(result.status).toBe('success');
		const items = result.outputOf(NODE);
		expect(items.map((i) => ({ boxId: i.json.boxId, parentBoxId: i.json.parentBoxId, depth: i.json.depth }))).toEqual(
			expectedBoxes(),
		);
		expect(items.every((i) => i.json.boxChildren === undefined)).toBe(true);
		expect(items.every((i) => JSON.stringify(i.pairedItem) === JSON.stringify({ item: 0 }))).toBe(true);
		expect(countAuth()).toBe(1);
		const call = sim.calls.find((c) => isApiCall(c.path))!;
		expect(call.path).toMatch(/public\/ppm\/box\/box-hierarchy$/);
		expect(call.auth).toBe('jwt');
	});

	test('getMany honours Limit and the filters', async () => {
		const limited = await runNode(harness, sim, { resource: 'box', operation: 'getMany', returnAll: false, limit: 3 });
		expect(limited.outputOf(NODE)).toHaveLength(3);
		const program = expectedBoxes().find((b) => b.depth === 2)!;
		const subtree = await runNode(harness, sim, { ...getMany, filters: { subtreeOf: program.boxId } });
		const ids = subtree.outputOf(NODE).map((i) => i.json);
		expect(ids[0]).toMatchObject({ boxId: program.boxId, depth: 2, parentBoxId: program.parentBoxId });
		expect(ids.slice(1).every((b) => (b.depth as number) > 2)).toBe(true);
		const name = sim.state.boxes.get(program.boxId)!.boxName;
		const byName = await runNode(harness, sim, { ...getMany, filters: { nameContains: name.toUpperCase() } });
		expect(byName.outputOf(NODE).map((i) => i.json.boxId)).toContain(program.boxId);
	});

	test('getHierarchy returns the tree unwrapped from cargo', async () => {
		const result = await runNode(harness, sim, { resource: 'box', operation: 'getHierarchy' });
		const [item] = result.outputOf(NODE);
		expect(item.json.boxId).toBe('ROOT');
		expect(Array.isArray(item.json.boxChildren)).toBe(true);
		expect(item.json.cargo).toBeUndefined();
	});

	test('get finds one box by id, and names the id when it does not exist', async () => {
		const id = expectedBoxes()[3].boxId;
		const ok = await runNode(harness, sim, getBox(id));
		expect(ok.outputOf(NODE)[0].json).toMatchObject({ boxId: id, boxName: sim.state.boxes.get(id)!.boxName });

		const missing = await runNode(harness, sim, getBox('PROG-99999'));
		expect(missing.status).toBe('error');
		expect(missing.errorOf(NODE)?.message).toBe('Box "PROG-99999" does not exist');
	});

	test('continueOnFail turns a failed item into an error item, paired, while the others succeed', async () => {
		const good = expectedBoxes()[1].boxId;
		const result = await runNode(
			harness,
			sim,
			{ resource: 'box', operation: 'get', boxId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			{ inputItems: [{ id: good }, { id: 'NOPE-1' }, { id: good }], continueOnFail: true },
		);
		const items = result.outputOf(NODE);
		expect(items.map((i) => [i.json.boxId ?? i.json.error, i.pairedItem])).toEqual([
			[good, { item: 0 }],
			['Box "NOPE-1" does not exist', { item: 1 }],
			[good, { item: 2 }],
		]);
		// One hierarchy read serves every item of the run.
		expect(sim.count((c) => isApiCall(c.path))).toBe(1);
	});
});

describe('the session inside n8n', () => {
	test('200 items in parallel: exactly one system/auth, every item answered in order', async () => {
		const ids = expectedBoxes().map((b) => b.boxId);
		const inputItems = Array.from({ length: 200 }, (_, i) => ({ path: 'public/ppm/box/box-types', n: i, id: ids[i % ids.length] }));
		const result = await runNode(
			harness,
			sim,
			{ resource: 'request', operation: 'call', api: 'bigpicture', method: 'GET', path: '={{ $json.path }}', options: { concurrency: 50 } },
			{ inputItems },
		);
		const items = result.outputOf(NODE);
		expect(countAuth()).toBe(1);
		expect(sim.count((c) => isApiCall(c.path))).toBe(200);
		// box-types returns an array: each input gives the same number of items, paired with it, in input order.
		const perItem = items.length / 200;
		expect(Number.isInteger(perItem)).toBe(true);
		items.forEach((item, index) => expect(item.pairedItem).toEqual({ item: Math.floor(index / perItem) }));
	});

	test('static data carries the login into the next execution of a new process, sealed', async () => {
		const first = await runNode(harness, sim, getMany, { mode: 'trigger' });
		expect(first.staticDataPersisted).toBe(true);
		const stored = JSON.stringify(first.staticData);
		for (const secret of [...sim.secrets, 's3cret']) expect(stored).not.toContain(secret);

		clearSessions(); // the next execution runs in a new n8n process
		const second = await runNode(harness, sim, getMany, { mode: 'trigger', staticData: first.staticData });
		expect(second.status).toBe('success');
		expect(countAuth()).toBe(1);
		expect(sim.calls.filter((c) => isApiCall(c.path)).map((c) => c.status)).toEqual([200, 200]);
	});

	test('manual runs, whose static data n8n never saves, share the login through memory', async () => {
		const first = await runNode(harness, sim, getMany);
		expect(first.staticDataPersisted).toBe(false);
		await runNode(harness, sim, getMany);
		expect(countAuth()).toBe(1);
	});

	test('a changed credential logs in anew instead of reusing the stored tokens', async () => {
		const first = await runNode(harness, sim, getMany, { mode: 'trigger' });
		await runNode(harness, sim, getMany, {
			mode: 'trigger',
			staticData: first.staticData,
			credential: { username: 'bob', password: 'hunter22' },
		});
		expect(sim.calls.filter((c) => isAuth(c.path)).map((c) => c.user)).toEqual(['alice', 'bob']);
	});
});

describe('errors a user can act on, with no secret in them', () => {
	test('a wrong password: a NodeApiError naming the step, not retried, password nowhere', async () => {
		const password = 'Wr0ng-Secret-Value';
		const result = await runNode(harness, sim, getMany, { credential: { password } });
		const error = result.errorOf(NODE)!;
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe('Jira refused the username or password');
		expect(error.description).toMatch(/Step: login/);
		expect(error.description).toMatch(/CAPTCHA/);
		expect(countAuth()).toBe(1);
		expect(visibleText(result)).not.toContain(password);
	});

	test('a wrong password with Continue On Fail: one try for the whole run, an error item per input', async () => {
		const result = await runNode(harness, sim, getMany, {
			credential: { password: 'still-wrong' },
			inputItems: [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }, { n: 5 }],
			continueOnFail: true,
		});
		const items = result.outputOf(NODE);
		expect(items.map((i) => [i.json.error, i.pairedItem])).toEqual(
			[0, 1, 2, 3, 4].map((item) => ['Jira refused the username or password', { item }]),
		);
		expect(countAuth()).toBe(1);
	});

	test('with concurrency, the first failure stops the run: nothing is sent after it', async () => {
		sim.setOptions({ latencyMs: 20 });
		try {
			const inputItems = Array.from({ length: 30 }, (_, i) => ({
				path: i === 2 ? 'http://elsewhere.example/x' : 'public/ppm/box/box-types',
			}));
			const result = await runNode(
				harness,
				sim,
				{ resource: 'request', operation: 'call', api: 'bigpicture', method: 'GET', path: '={{ $json.path }}', options: { concurrency: 4 } },
				{ inputItems },
			);
			expect(result.status).toBe('error');
			const sentWhenFailed = sim.count((c) => isApiCall(c.path));
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(sim.count((c) => isApiCall(c.path))).toBe(sentWhenFailed);
			expect(sentWhenFailed).toBeLessThan(8);
		} finally {
			sim.setOptions({ latencyMs: 0 });
		}
	});

	test('a CAPTCHA lock: the message tells the user to log in in a browser', async () => {
		sim.lockCaptcha('alice');
		const result = await runNode(harness, sim, getMany);
		const error = result.errorOf(NODE)!;
		expect(error.message).toMatch(/CAPTCHA/);
		expect(error.description).toMatch(/browser/);
		expect(countAuth()).toBe(1);
		expect(visibleText(result)).not.toContain('s3cret');
	});

	test('a base URL that is not http(s) is refused before anything is sent', async () => {
		const result = await runNode(harness, sim, getMany, { credential: { baseUrl: 'ftp://jira.example.com' } });
		expect(result.errorOf(NODE)?.name).toBe('NodeOperationError');
		expect(result.errorOf(NODE)?.message).toMatch(/http:\/\/ or https:\/\//);
		expect(sim.calls).toHaveLength(0);
	});

	test('a Jira that cannot be reached: our message names Jira and the step, not n8n\'s generic one', async () => {
		const port = await closedPort();
		const result = await runNode(harness, sim, getMany, { credential: { baseUrl: `http://127.0.0.1:${port}/jira` } });
		const error = result.errorOf(NODE)!;
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe('Jira cannot be reached (ECONNREFUSED)');
		expect(error.description).toMatch(/Check the Jira base URL.*Step: system\/auth/);
	});

	test('Custom API Call refuses absolute URLs: the login never leaves the Jira host', async () => {
		for (const path of ['http://evil.example.com/steal', '//evil.example.com/x', 'public/../../../x']) {
			const result = await runNode(harness, sim, { resource: 'request', operation: 'call', api: 'bigpicture', method: 'GET', path });
			expect(result.errorOf(NODE)?.name).toBe('NodeOperationError');
		}
		expect(sim.calls).toHaveLength(0);
	});

	test('Custom API Call reaches Jira REST with the same session cookies', async () => {
		const result = await runNode(harness, sim, { resource: 'request', operation: 'call', api: 'jira', method: 'GET', path: 'rest/api/2/myself' });
		expect(result.outputOf(NODE)[0].json).toMatchObject({ name: 'alice' });
		const jiraCall = sim.calls.find((c) => c.path === '/rest/api/2/myself')!;
		expect(jiraCall.auth).toBe('none');
		expect(jiraCall.sessionValid).toBe(true);
	});
});

describe('editor helpers in n8n-core contexts', () => {
	const credentials = () => ({
		bigPictureApi: { id: '1', name: 'BigPicture', data: { baseUrl: sim.baseUrl, authentication: 'basic', username: 'alice', password: 's3cret', apiPath: 'auto' } },
	});

	test('the box list search filters by name or id', async () => {
		const target = expectedBoxes()[2];
		const name = sim.state.boxes.get(target.boxId)!.boxName;
		const found = await harness.listSearch({ nodeType: 'bigPicture', method: 'searchBoxes', filter: name, credentials: credentials() });
		expect(found.results.find((r) => r.value === target.boxId)?.name).toMatch(new RegExp(`^${name} \\(${target.boxId}\\)( — |$)`));
		const byId = await harness.listSearch({ nodeType: 'bigPicture', method: 'searchBoxes', filter: target.boxId.toLowerCase(), credentials: credentials() });
		expect(byId.results.map((r) => r.value)).toContain(target.boxId);
	});

	test('box types load as options', async () => {
		const options = await harness.loadOptions({ nodeType: 'bigPicture', method: 'getBoxTypes', credentials: credentials() });
		expect(options.length).toBe(sim.state.boxTypes.length);
		expect(options.every((o) => typeof o.name === 'string' && o.value !== '')).toBe(true);
	});
});
