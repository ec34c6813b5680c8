/**
 * Logins per run, not per item (issue 10, case 8), and concurrency with rotating cookies or single-use tokens
 * (case 10): the node in n8n-core with many items, against the simulator (behind a small proxy where Jira must
 * answer something the simulator does not).
 */
import type * as http from 'node:http';

import { afterEach, describe, expect, test } from '@jest/globals';
import type { INodeExecutionData } from 'n8n-workflow';

import { clearSessions } from '../../nodes/BigPicture/transport/sessions';
import { isApiCall, isAuth, isReauth } from '../helpers/connection';
import { NODE, bigPictureHarness, runNode } from '../helpers/node';
import { startSimulator, type Simulator, type SimulatorOptions } from '../simulator';
import { customCall, proxyTo, type RecordingServer } from './helpers';

const harness = bigPictureHarness();
let sim: Simulator | undefined;
let front: RecordingServer | undefined;

async function simulator(options: SimulatorOptions = {}): Promise<Simulator> {
	sim = await startSimulator(options);
	return sim;
}

afterEach(async () => {
	clearSessions();
	await front?.close();
	front = undefined;
	await sim?.close();
	sim = undefined;
});

/** Runs a Custom API Call for `count` items at `concurrency`, Continue On Fail, and returns the output items. */
async function run(
	s: Simulator,
	count: number,
	concurrency: number,
	call: Record<string, unknown>,
	credential: Record<string, unknown> = {},
): Promise<INodeExecutionData[]> {
	const result = await runNode(harness, s, { ...customCall('GET', 'public/ppm/box/box-types'), ...call, options: { concurrency } }, {
		inputItems: Array.from({ length: count }, (_, n) => ({ n })),
		continueOnFail: true,
		credential,
	});
	const out = result.outputOf(NODE);
	// Every item is answered once, paired with its input.
	expect(new Set(out.map((item) => (item.pairedItem as { item: number }).item)).size).toBe(count);
	return out;
}

const errorsOf = (out: INodeExecutionData[]) => out.filter((item) => item.json.error !== undefined);

/** A proxy in front of the simulator whose `answer` claims some requests. */
async function proxied(s: Simulator, answer: (req: http.IncomingMessage, res: http.ServerResponse) => boolean) {
	front = await proxyTo(s.baseUrl, answer);
	return { baseUrl: `${front.url}/jira` };
}

describe('at most one login per run and failure, every later item gets the same error (case 8)', () => {
	test('system/auth answering 503: 20 items, one login attempt (with its retries)', async () => {
		const s = await simulator({ faults: { rate503: 1, faultsOnAuth: true, retryAfterSeconds: 0 } });
		const out = await run(s, 20, 5, {});
		const errors = errorsOf(out);
		expect(errors).toHaveLength(20);
		expect(new Set(errors.map((item) => item.json.error)).size).toBe(1);
		expect(errors[0].json.error).toMatch(/503/);
		const logins = s.count((c) => isAuth(c.path));
		console.log(`case 8, system/auth 503: ${logins} system/auth requests, ${errors.length}/20 items failed`);
		expect(logins).toBeLessThanOrEqual(4); // one attempt: the first try and its 3 retries
		expect(s.count((c) => isApiCall(c.path))).toBe(0);
	});

	test('an SSO login page at system/auth: 20 items, one login', async () => {
		const s = await simulator({ loginPageFor: /system\/auth$/ });
		const out = await run(s, 20, 5, {});
		const errors = errorsOf(out);
		expect(errors).toHaveLength(20);
		expect(new Set(errors.map((item) => item.json.error)).size).toBe(1);
		const logins = s.count((c) => isAuth(c.path));
		console.log(`case 8, SSO page: ${logins} logins, ${errors.length}/20 items failed`);
		expect(logins).toBe(1);
	});

	test('a Jira REST path that always answers 401: 30 items, one login', async () => {
		const s = await simulator();
		const credential = await proxied(s, (req, res) => {
			if (!req.url!.includes('/rest/api/2/always401')) return false;
			res.writeHead(401, { 'content-type': 'application/json' }).end('{"errorMessages":["no"]}');
			return true;
		});
		const out = await run(s, 30, 10, { api: 'jira', path: 'rest/api/2/always401' }, credential);
		const errors = errorsOf(out);
		expect(errors).toHaveLength(30);
		expect(errors[0].json.error).toMatch(/401/);
		const logins = s.count((c) => isAuth(c.path));
		console.log(`case 8, Jira 401: ${logins} logins, ${s.count((c) => isReauth(c.path))} reauths, ${errors.length}/30 items failed`);
		expect(logins).toBe(1);
	});

	test('a BigPicture path that always answers 401: 30 items, one login, no reauth storm', async () => {
		const s = await simulator();
		const credential = await proxied(s, (req, res) => {
			if (!req.url!.includes('/public/always401')) return false;
			res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Unauthorized"}');
			return true;
		});
		const out = await run(s, 30, 10, { path: 'public/always401' }, credential);
		const errors = errorsOf(out);
		expect(errors).toHaveLength(30);
		const logins = s.count((c) => isAuth(c.path));
		const reauths = s.count((c) => isReauth(c.path));
		console.log(`case 8, BigPicture 401: ${logins} logins, ${reauths} reauths, ${errors.length}/30 items failed`);
		expect(logins).toBe(1);
		expect(reauths).toBeLessThanOrEqual(1);
		expect(errors.every((item) => /401 even after a fresh BigPicture login/.test(String(item.json.error)))).toBe(true);
		// The items that did not log in themselves are told so.
		expect(errors.filter((item) => /made earlier in this run/.test(String(item.json.error)))).toHaveLength(29);
	});

	test('the next run tries one login again (a run does not inherit the last run\'s failure)', async () => {
		const s = await simulator({ loginPageFor: /system\/auth$/ });
		await run(s, 5, 5, {});
		s.setOptions({ loginPageFor: null });
		const out = await run(s, 5, 5, {});
		expect(errorsOf(out)).toHaveLength(0);
		expect(s.count((c) => isAuth(c.path))).toBe(2);
	});
});

describe('concurrency with rotating cookies or single-use tokens (case 10)', () => {
	test('500 items at concurrency 50, Jira rotating its session cookie on 20 % of answers: no item fails', async () => {
		const s = await simulator({ rotateSessionEvery: 5 });
		const out = await run(s, 500, 50, {});
		const errors = errorsOf(out);
		console.log(
			`case 10, rotation: ${errors.length}/500 items failed, ${s.count((c) => isAuth(c.path))} logins, ${s.count((c) => isReauth(c.path))} reauths, ${s.count((c) => isApiCall(c.path))} API requests`,
		);
		expect(errors.map((item) => item.json.error)).toEqual([]);
		expect(s.count((c) => isAuth(c.path))).toBe(1);
	}, 60_000);

	test('100 items at concurrency 10 with tokens that die after one use: no item fails, one login', async () => {
		const s = await simulator({ authMaxUses: 1 });
		const out = await run(s, 100, 10, {});
		const errors = errorsOf(out);
		console.log(
			`case 10, single-use tokens: ${errors.length}/100 items failed, ${s.count((c) => isAuth(c.path))} logins, ${s.count((c) => isReauth(c.path))} reauths, ${s.count((c) => isApiCall(c.path))} API requests`,
		);
		expect(errors.map((item) => item.json.error)).toEqual([]);
		expect(s.count((c) => isAuth(c.path))).toBe(1);
	}, 60_000);
});
