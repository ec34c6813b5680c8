/**
 * Stop (issue 12): the execution's cancel signal reaches every request in flight, through n8n's own request helper,
 * cuts short a wait between tries, and does not fail another execution that shares the session.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';

import { BigPictureSession, type ApiRequest } from '../../nodes/BigPicture/transport/session';
import { clearSessions } from '../../nodes/BigPicture/transport/sessions';
import type { Harness, HarnessRunResult } from '../harness';
import { configFor, failure, isApiCall, isAuth } from '../helpers/connection';
import { bigPictureHarness, NODE, runNode } from '../helpers/node';
import { testRun } from '../helpers/wire';
import { startSimulator, type Simulator } from '../simulator';
import { customCall, proxyTo } from './helpers';

const GET_TYPES: ApiRequest = { method: 'GET', path: 'public/ppm/box/box-types' };
/** Far longer than the second a Stop may take: a request still held then was not cancelled. */
const HOLD_MS = 5_000;

let sim: Simulator;
let harness: Harness;

beforeAll(async () => {
	sim = await startSimulator();
	harness = bigPictureHarness();
});
afterEach(() => {
	clearSessions();
	sim.setOptions({ latencyMs: 0 });
	sim.resetCalls();
});
afterAll(async () => {
	await sim.close();
});

/** Resolves once the simulator is holding `count` requests. */
async function held(count = 1): Promise<void> {
	for (let i = 0; i < 200 && sim.inFlight().current < count; i++) {
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	expect(sim.inFlight().current).toBeGreaterThanOrEqual(count);
}

async function released(): Promise<number> {
	for (let i = 0; i < 100 && sim.inFlight().current > 0; i++) {
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	return sim.inFlight().current;
}

/** The node ended on the cancel of the request held, not on an answer or a timeout. */
function expectStopped(result: HarnessRunResult, path: string): void {
	expect(result.errorOf(NODE)?.message).toBe(`GET /rest/softwareplant-bigpicture/1.0/${path} was cancelled`);
}

/**
 * Runs Box Types while the simulator holds every answer, presses Stop once the request is held, and checks that the
 * execution ended within a second on `heldPath` and that the simulator saw the connection close (the request ended
 * on the wire, not merely unawaited).
 */
async function stopWhileHeld(heldPath: string): Promise<void> {
	sim.setOptions({ latencyMs: HOLD_MS });
	const stop = new AbortController();
	const running = runNode(harness, sim, customCall('GET', 'public/ppm/box/box-types'), { signal: stop.signal });
	await held();
	const stoppedAt = Date.now();
	stop.abort();
	const result = await running;
	expect(Date.now() - stoppedAt).toBeLessThan(1000);
	expectStopped(result, heldPath);
	expect(await released()).toBe(0);
}

describe('Stop ends the requests in flight', () => {
	test('a Stop while BigPicture holds an operation ends the execution within a second, and its connection', async () => {
		// Logged in first, so that the request held is the operation itself.
		await runNode(harness, sim, customCall('GET', 'public/ppm/box/box-types'));
		await stopWhileHeld('public/ppm/box/box-types');
		expect(sim.count((c) => isApiCall(c.path))).toBe(2);
	}, 30_000);

	test('a Stop during the login ends it too, and the next execution logs in normally', async () => {
		await stopWhileHeld('system/auth');
		sim.setOptions({ latencyMs: 0 });
		const next = await runNode(harness, sim, customCall('GET', 'public/ppm/box/box-types'));
		expect(next.errorOf(NODE)).toBeUndefined();
		expect(next.outputOf(NODE).length).toBeGreaterThan(0);
		expect(sim.count((c) => isAuth(c.path))).toBe(2);
	}, 30_000);
});

describe('Stop ends the waits between tries', () => {
	test('a Stop while the node waits out a Retry-After of 20 s ends the execution within a second', async () => {
		let refused = 0;
		const proxy = await proxyTo(sim.baseUrl, (req, res) => {
			if (!/box-types/.test(req.url ?? '')) return false;
			refused++;
			res.writeHead(503, { 'content-type': 'text/html', 'retry-after': '20' });
			res.end('<html><body>503</body></html>');
			return true;
		});
		try {
			const stop = new AbortController();
			const running = runNode(harness, sim, customCall('GET', 'public/ppm/box/box-types'), {
				signal: stop.signal,
				credential: { baseUrl: `${proxy.url}/jira` },
			});
			for (let i = 0; i < 500 && refused === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
			expect(refused).toBe(1);
			const stoppedAt = Date.now();
			stop.abort();
			const result = await running;
			expect(Date.now() - stoppedAt).toBeLessThan(1000);
			expectStopped(result, 'public/ppm/box/box-types');
			expect(refused).toBe(1);
		} finally {
			await proxy.close();
		}
	}, 40_000);
});

describe('a Stop belongs to its execution', () => {
	test('another execution waiting for the stopped one\'s login logs in by itself instead of failing', async () => {
		const session = new BigPictureSession(configFor(sim));
		sim.setOptions({ latencyMs: 800 });
		const stop = new AbortController();
		const stopped = session.request(GET_TYPES, testRun(stop.signal));
		await held();
		const other = session.request(GET_TYPES, testRun());
		stop.abort();
		expect((await failure(stopped)).reason).toBe('cancelled');
		await expect(other).resolves.toMatchObject({ cargo: expect.any(Array) });
	}, 30_000);
});
