/**
 * Retry policy, counted on the wire: what the simulator (or a proxy in front of it) received for each method and
 * each failure. A POST that may have reached the server is never sent twice; GET is retried; 429 is retried for any
 * method after its Retry-After; a Retry-After beyond the bound is an error at once.
 */
import { afterEach, describe, expect, test } from '@jest/globals';

import { BigPictureError } from '../../nodes/BigPicture/transport/errors';
import type { HttpResponse } from '../../nodes/BigPicture/transport/http';
import { DEFAULT_RETRY_POLICY, retryDelay, type RetryPolicy } from '../../nodes/BigPicture/transport/retry';
import { BigPictureSession, type ApiRequest } from '../../nodes/BigPicture/transport/session';
import { clearSessions } from '../../nodes/BigPicture/transport/sessions';
import { configFor, failure, isApiCall } from '../helpers/connection';
import { startSimulator, type SimCall, type Simulator, type SimulatorOptions } from '../simulator';
import { proxyTo, type RecordingServer } from './helpers';
import { testRun } from '../helpers/wire';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Faults } = require('../simulator/faults') as {
	Faults: new (cfg: Record<string, unknown>) => { decide(): { kind: string; retryAfter?: number } | null };
};

type Want = null | '503' | '503+retry-after' | 'reset' | 'resetAfter' | '429';

/**
 * The simulator's faults are seeded: finds a seed whose first fault-eligible calls give exactly `wanted`, so a test
 * can say "the first call is a 503 without Retry-After, the second one succeeds" instead of quoting a magic seed.
 */
function seedFor(faults: Record<string, number>, wanted: Want[]): number {
	for (let seed = 1; seed < 100_000; seed++) {
		const sequence = new Faults({ ...faults, seed });
		const matches = wanted.every((want) => {
			const got = sequence.decide();
			if (want === null) return got === null;
			if (!got) return false;
			if (want === '503') return got.kind === '503' && got.retryAfter === undefined;
			if (want === '503+retry-after') return got.kind === '503' && got.retryAfter !== undefined;
			return got.kind === want;
		});
		if (matches) return seed;
	}
	throw new Error(`no seed gives ${wanted.join(', ')}`);
}

const FAST: RetryPolicy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 20, maxDelayMs: 100 };

const GET_TYPES: ApiRequest = { method: 'GET', path: 'public/ppm/box/box-types' };
const CREATE_BOX = (name: string): ApiRequest => ({
	method: 'POST',
	path: 'public/ppm/box/box',
	body: {
		parentBoxId: 'PROG-1',
		boxTypeId: '4',
		boxName: name,
		boxStartDate: '2025-01-01',
		boxEndDate: '2025-02-01',
		boxIcon: 'font-awesome-sync@GREEN',
	},
});

let sim: Simulator;
let proxy: RecordingServer | undefined;
afterEach(async () => {
	clearSessions();
	await proxy?.close();
	proxy = undefined;
	await sim?.close();
});

/** A logged-in session (the login is done before faults start, so every fault hits the request under test). */
async function session(options: SimulatorOptions, faults?: Record<string, number>, policy = FAST) {
	sim = await startSimulator(options);
	const bp = new BigPictureSession(configFor(sim), policy);
	await bp.request(GET_TYPES, testRun());
	sim.resetCalls();
	if (faults) sim.setOptions({ faults });
	return bp;
}

const apiCalls = (method?: string): SimCall[] =>
	sim.calls.filter((c) => isApiCall(c.path) && (!method || c.method === method));


describe('503 and other 5xx', () => {
	test('a GET hit by 503s (with and without Retry-After) is retried until it succeeds', async () => {
		const faults = { rate503: 0.5, retryAfterSeconds: 0 };
		const bp = await session({}, { ...faults, seed: seedFor(faults, ['503', '503+retry-after', null]) });
		const body = (await bp.request(GET_TYPES, testRun())) as { cargo: unknown[] };
		expect(Array.isArray(body.cargo)).toBe(true);
		expect(apiCalls().map((c) => c.status)).toEqual([503, 503, 200]);
	});

	test('a GET that keeps getting 503 gives up after the bounded number of tries, with a clear error', async () => {
		const bp = await session({}, { seed: 1, rate503: 1, retryAfterSeconds: 0 });
		const error = await failure(bp.request(GET_TYPES, testRun()));
		expect(apiCalls().map((c) => c.status)).toEqual([503, 503, 503, 503]);
		expect(error).toMatchObject({ step: 'request', status: 503, reason: 'server-error' });
		expect(error.message).toBe('GET /rest/softwareplant-bigpicture/1.0/public/ppm/box/box-types failed with HTTP 503');
	});

	test('a POST hit by a 503 is sent once, not processed, and the error says so', async () => {
		const bp = await session({}, { seed: 1, rate503: 1, retryAfterSeconds: 0 });
		const error = await failure(bp.request(CREATE_BOX('once-503'), testRun()));
		expect(apiCalls('POST')).toHaveLength(1);
		expect(sim.processedPosts).toHaveLength(0);
		expect(error).toMatchObject({ step: 'request', status: 503, reason: 'server-error' });
		expect(error.message).toMatch(/^POST \/rest\/softwareplant-bigpicture\/1\.0\/public\/ppm\/box\/box failed with HTTP 503/);
		expect(error.hint).toMatch(/never sent twice: it may have been processed/);
	});

	test('other 5xx: a GET is retried with backoff, a POST is not (502 from a proxy in front of Jira)', async () => {
		sim = await startSimulator();
		let failuresLeft = 2;
		proxy = await proxyTo(sim.baseUrl, (req, res) => {
			if (!/\/public\//.test(req.url ?? '') || failuresLeft === 0) return false;
			failuresLeft--;
			res.writeHead(502, { 'content-type': 'text/html' });
			res.end('<html><body>502 Bad Gateway</body></html>');
			return true;
		});
		const bp = new BigPictureSession(configFor(sim, { baseUrl: `${proxy.url}/jira` }), FAST);
		const started = Date.now();
		await bp.request(GET_TYPES, testRun());
		const waited = Date.now() - started;
		const publicCalls = () => proxy!.received.filter((r) => /\/public\//.test(r.url));
		expect(publicCalls()).toHaveLength(3);
		// two backoffs of the FAST policy: 10–20 ms, then 20–40 ms
		expect(waited).toBeGreaterThanOrEqual(30);

		failuresLeft = 1;
		const error = await failure(bp.request(CREATE_BOX('proxy-502'), testRun()));
		expect(error).toMatchObject({ status: 502, reason: 'server-error', step: 'request' });
		expect(publicCalls().filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(sim.processedPosts).toHaveLength(0);
	});
});

describe('connection resets', () => {
	test('a GET whose answer was lost is retried and succeeds', async () => {
		const faults = { rateResetAfter: 0.5 };
		const bp = await session({}, { ...faults, seed: seedFor(faults, ['resetAfter', null]) });
		await bp.request(GET_TYPES, testRun());
		expect(apiCalls().map((c) => c.status)).toEqual(['reset', 200]);
	});

	test('a DELETE whose answer was lost is retried, and the 404 that follows counts as done', async () => {
		const faults = { rateResetAfter: 0.5 };
		const bp = await session({}, { ...faults, seed: seedFor(faults, ['resetAfter', null]) });
		const boxId = [...sim.state.boxes.keys()].find((id) => id.startsWith('ITER-'))!;
		const body = await bp.request({ method: 'DELETE', path: `public/ppm/box/box/${boxId}` }, testRun());
		expect(body).toEqual({});
		expect(apiCalls('DELETE').map((c) => c.status)).toEqual(['reset', 404]);
		expect(sim.state.boxes.has(boxId)).toBe(false);
	});

	test('a GET whose connection dropped before processing is retried and succeeds', async () => {
		const faults = { rateReset: 0.5 };
		const bp = await session({}, { ...faults, seed: seedFor(faults, ['reset', 'reset', null]) });
		await bp.request(GET_TYPES, testRun());
		expect(apiCalls().map((c) => c.status)).toEqual(['reset', 'reset', 200]);
	});

	test('a POST processed and then dropped is not sent again: processed exactly once, clear error', async () => {
		const bp = await session({}, { seed: 1, rateResetAfter: 1 });
		const error = await failure(bp.request(CREATE_BOX('lost-answer'), testRun()));
		expect(apiCalls('POST')).toHaveLength(1);
		expect(sim.processedPosts.map((p) => (p.bodyJson as { boxName: string }).boxName)).toEqual(['lost-answer']);
		expect(error).toMatchObject({ step: 'request', reason: 'connection-reset' });
		expect(error.message).toBe(
			'The connection was closed before Jira answered POST /rest/softwareplant-bigpicture/1.0/public/ppm/box/box',
		);
		// The user must learn that it may have happened, and not to blindly run it again.
		expect(error.hint).toMatch(/may have been processed/);
	});

	test('a POST whose connection dropped is not sent again either (the client cannot tell when it dropped)', async () => {
		const bp = await session({}, { seed: 1, rateReset: 1 });
		const error = await failure(bp.request(CREATE_BOX('dropped'), testRun()));
		expect(apiCalls('POST')).toHaveLength(1);
		expect(sim.processedPosts).toHaveLength(0);
		expect(error.reason).toBe('connection-reset');
	});
});

describe('429 and Retry-After', () => {
	test('429 is retried after its Retry-After, for a POST too (a 429 was not processed)', async () => {
		// every 2nd fault-eligible call answers 429 with Retry-After: 1
		const bp = await session({}, { seed: 1, every429: 2, retryAfterSeconds: 1 });
		await bp.request(GET_TYPES, testRun()); // eligible call 1: answered
		const started = Date.now();
		await bp.request(CREATE_BOX('after-429'), testRun()); // call 2: 429, call 3: processed
		const waited = Date.now() - started;
		expect(apiCalls().map((c) => [c.method, c.status])).toEqual([
			['GET', 200],
			['POST', 429],
			['POST', 200],
		]);
		expect(sim.processedPosts).toHaveLength(1);
		expect(waited).toBeGreaterThanOrEqual(950);
	});

	test('a Retry-After beyond the bound is a clear error at once, without waiting', async () => {
		const bp = await session({}, { seed: 1, every429: 1, retryAfterSeconds: 3600 });
		const started = Date.now();
		const error = await failure(bp.request(GET_TYPES, testRun()));
		expect(Date.now() - started).toBeLessThan(1000);
		expect(apiCalls()).toHaveLength(1);
		expect(error).toMatchObject({ step: 'request', status: 429, reason: 'rate-limited' });
		expect(error.message).toMatch(/failed with HTTP 429/);
		expect(error.hint).toMatch(/3600/);
	});

	test('429 on every try: bounded, then a clear error', async () => {
		const bp = await session({}, { seed: 1, every429: 1, retryAfterSeconds: 0 });
		const error = await failure(bp.request(GET_TYPES, testRun()));
		expect(apiCalls()).toHaveLength(1 + DEFAULT_RETRY_POLICY.maxRetries);
		expect(error.status).toBe(429);
	});
});

describe('401', () => {
	test('a POST refused with 401 (not processed) is sent again after reauth, and processed once', async () => {
		const bp = await session({ authMaxUses: 1 });
		// the login's token was used by the warm-up GET: this POST is refused, then sent with a fresh token
		await bp.request(CREATE_BOX('after-401'), testRun());
		expect(apiCalls('POST').map((c) => c.status)).toEqual([401, 200]);
		expect(sim.processedPosts).toHaveLength(1);
		expect(sim.count((c) => /system\/reauth$/.test(c.path))).toBe(1);
	});
});

describe('the policy, method by status', () => {
	const answer = (status: number, headers: Record<string, string> = {}): HttpResponse => ({ status, headers, text: '' });
	const failed = (reason: 'connection-reset' | 'timeout' | 'unreachable', code?: string) =>
		new BigPictureError('x', { step: 'request', reason, code });
	const policy = DEFAULT_RETRY_POLICY;

	test.each([
		['GET', 503, true],
		['PUT', 503, true],
		['DELETE', 503, true],
		['POST', 503, false],
		['PATCH', 503, false],
		['GET', 500, true],
		['GET', 502, true],
		['GET', 504, true],
		['POST', 502, false],
		['GET', 501, false],
		['GET', 429, true],
		['POST', 429, true],
		['PATCH', 429, true],
		['GET', 400, false],
		['GET', 404, false],
		['GET', 401, false],
		['POST', 200, false],
	] as const)('%s answered %i: retried = %s', (method, status, retried) => {
		expect(retryDelay(method, answer(status), 0, policy) !== undefined).toBe(retried);
	});

	test('Retry-After is honoured in seconds and as a date, and refused beyond the bound', () => {
		expect(retryDelay('GET', answer(429, { 'retry-after': '2' }), 0, policy)).toBe(2000);
		expect(retryDelay('GET', answer(503, { 'retry-after': '0' }), 0, policy)).toBe(0);
		const inFiveSeconds = new Date(Date.now() + 5000).toUTCString();
		const fromDate = retryDelay('GET', answer(429, { 'retry-after': inFiveSeconds }), 0, policy)!;
		expect(fromDate).toBeGreaterThan(3000);
		expect(fromDate).toBeLessThanOrEqual(5000);
		expect(retryDelay('GET', answer(429, { 'retry-after': String(policy.maxRetryAfterMs / 1000 + 1) }), 0, policy)).toBeUndefined();
		expect(retryDelay('POST', answer(503, { 'retry-after': '1' }), 0, policy)).toBeUndefined();
	});

	test('exponential backoff with jitter, capped, and bounded in tries', () => {
		for (let attempt = 0; attempt < policy.maxRetries; attempt++) {
			const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
			const delays = Array.from({ length: 200 }, () => retryDelay('GET', answer(502), attempt, policy)!);
			expect(Math.min(...delays)).toBeGreaterThanOrEqual(ceiling / 2);
			expect(Math.max(...delays)).toBeLessThanOrEqual(ceiling);
			expect(new Set(delays).size).toBeGreaterThan(10); // jitter: not all the same
		}
		const big: RetryPolicy = { ...policy, maxRetries: 20 };
		expect(retryDelay('GET', answer(502), 15, big)!).toBeLessThanOrEqual(big.maxDelayMs);
		expect(retryDelay('GET', answer(502), policy.maxRetries, policy)).toBeUndefined();
		expect(retryDelay('GET', answer(429), policy.maxRetries, policy)).toBeUndefined();
	});

	test('transport failures: resets only for idempotent methods, refused connections for all, timeouts never', () => {
		expect(retryDelay('GET', failed('connection-reset'), 0, policy)).toBeDefined();
		expect(retryDelay('DELETE', failed('connection-reset'), 0, policy)).toBeDefined();
		expect(retryDelay('POST', failed('connection-reset'), 0, policy)).toBeUndefined();
		expect(retryDelay('POST', failed('unreachable', 'ECONNREFUSED'), 0, policy)).toBeDefined();
		expect(retryDelay('POST', failed('unreachable', 'ENOTFOUND'), 0, policy)).toBeUndefined();
		expect(retryDelay('GET', failed('timeout'), 0, policy)).toBeUndefined();
	});
});
