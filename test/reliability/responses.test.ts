/**
 * Answers that are not what they claim, and answers that do not come: through the node in n8n-core (the harness).
 * Each one must end as a NodeApiError that names the step and the HTTP status, never a crash, never an empty result.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';

import { DEFAULT_TIMEOUT_MS, toConnectionConfig } from '../../nodes/BigPicture/transport/config';
import { MAX_BODY_BYTES } from '../../nodes/BigPicture/transport/http';
import { clearSessions } from '../../nodes/BigPicture/transport/sessions';
import { BigPicture } from '../../nodes/BigPicture/BigPicture.node';
import { isApiCall } from '../helpers/connection';
import { bigPictureHarness, runNode } from '../helpers/node';
import type { Harness } from '../harness';
import { startSimulator, type Simulator, type SimulatorOptions } from '../simulator';
import { customCall, nodeError, outputOf } from './helpers';

const HIERARCHY = { resource: 'box', operation: 'getHierarchy' };
const BOX_TYPES = customCall('GET', 'public/ppm/box/box-types');
const HIERARCHY_REQUEST = 'GET /rest/softwareplant-bigpicture/1.0/public/ppm/box/box-hierarchy';

let sim: Simulator;
let harness: Harness;
beforeAll(async () => {
	sim = await startSimulator();
	harness = bigPictureHarness();
});
afterEach(() => {
	clearSessions();
	sim.setOptions({
		loginPageFor: null,
		malformedJsonFor: null,
		emptyBodyFor: null,
		hugeBodyFor: null,
		latencyMs: 0,
	} as SimulatorOptions);
	sim.resetCalls();
});
afterAll(async () => {
	await sim.close();
});

describe('bad answers become a NodeApiError naming step and status', () => {
	test.each([
		['a Jira login page', { loginPageFor: /box-hierarchy/ }, /^Jira answered GET \S+ with an HTML page instead of JSON \(HTTP 200\)$/, /login page/],
		['malformed JSON', { malformedJsonFor: /box-hierarchy/ }, /^Jira answered GET \S+ with malformed JSON \(HTTP 200\)$/, /cut the answer/],
		['an empty body', { emptyBodyFor: /box-hierarchy/ }, /^Jira answered GET \S+ with an empty body \(HTTP 200\)$/, /cut the answer/],
	])('%s', async (_name, options, message, hint) => {
		sim.setOptions(options as SimulatorOptions);
		const result = await runNode(harness, sim, HIERARCHY, { inputItems: [{ n: 1 }] });
		const error = nodeError(result);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toMatch(message);
		expect(error.message).toContain(HIERARCHY_REQUEST);
		expect(error.httpCode).toBe('200');
		expect(error.description).toMatch(hint);
		expect(error.description).toContain(`Step: request (${HIERARCHY_REQUEST})`);
		expect(result.status).toBe('error');
	});

	test('a login page at system/auth names that step', async () => {
		sim.setOptions({ loginPageFor: /system\/auth/ });
		const error = nodeError(await runNode(harness, sim, BOX_TYPES));
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toMatch(/^Jira answered GET \/rest\/softwareplant-bigpicture\/1\.0\/system\/auth with an HTML page instead of JSON \(HTTP 200\)$/);
		expect(error.httpCode).toBe('200');
		expect(error.description).toMatch(/Step: system\/auth/);
		expect(sim.count((c) => isApiCall(c.path))).toBe(0);
	});

	test('an HTML error page with an error status says so, with the status', async () => {
		// the simulator's 503 page is HTML; a GET is retried, then the status is reported
		sim.setOptions({ faults: { seed: 1, rate503: 1, retryAfterSeconds: 0 } });
		try {
			const error = nodeError(await runNode(harness, sim, BOX_TYPES));
			expect(error.name).toBe('NodeApiError');
			expect(error.httpCode).toBe('503');
			expect(error.message).toBe('GET /rest/softwareplant-bigpicture/1.0/public/ppm/box/box-types failed with HTTP 503');
			expect(error.description).toMatch(/Step: request/);
		} finally {
			sim.setOptions({ faults: { rate503: 0 } });
		}
	});

	test('a body beyond the size limit is refused while it streams, naming step and status', async () => {
		sim.setOptions({ hugeBodyFor: /box-hierarchy/, hugeBodyBytes: MAX_BODY_BYTES + 1024 });
		const error = nodeError(await runNode(harness, sim, HIERARCHY));
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe(`The answer to ${HIERARCHY_REQUEST} was larger than ${MAX_BODY_BYTES / 1024 / 1024} MB (HTTP 200)`);
		expect(error.httpCode).toBe('200');
		expect(error.description).toMatch(/Narrow the request.*Step: request/);
		sim.setOptions({ hugeBodyBytes: 16 * 1024 * 1024 });
	});

	test('a big but allowed body is read whole, not cut or emptied', async () => {
		sim.setOptions({ hugeBodyFor: /box-types/, hugeBodyBytes: 2 * 1024 * 1024 });
		const out = outputOf(await runNode(harness, sim, BOX_TYPES));
		expect(out).toHaveLength(1);
		const envelope = '{"currentVersion":1,"latestVersion":1,"cargo":{"padding":""}}'.length;
		const padding = String(out[0].json.padding);
		expect(padding.length).toBe(2 * 1024 * 1024 - envelope);
		expect(/^x+$/.test(padding)).toBe(true);
		sim.setOptions({ hugeBodyBytes: 16 * 1024 * 1024 });
	});

	test('with Continue On Fail a bad answer is an error item paired with its input, never an empty result', async () => {
		sim.setOptions({ malformedJsonFor: /box-types/ });
		const out = outputOf(await runNode(harness, sim, BOX_TYPES, { inputItems: [{ a: 1 }, { a: 2 }], continueOnFail: true }));
		expect(out).toHaveLength(2);
		out.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.error).toMatch(/malformed JSON \(HTTP 200\)/);
			expect(item.json.description).toMatch(/Step: request/);
		});
	});
});

describe('timeouts', () => {
	test('the default is 30 s, as a credential field and as the node option', () => {
		expect(DEFAULT_TIMEOUT_MS).toBe(30_000);
		expect(toConnectionConfig({ baseUrl: 'https://jira.example.com', username: 'u', password: 'p' }).timeoutMs).toBe(30_000);
		const options = new BigPicture().description.properties.find((p) => p.name === 'options');
		const timeout = (options?.options as Array<{ name: string; default: unknown }>).find((o) => o.name === 'timeout');
		expect(timeout?.default).toBe(30);
	});

	test('an answer slower than the Timeout option is a clear timeout error, not a hang', async () => {
		await runNode(harness, sim, BOX_TYPES); // logged in: the next run only waits for the request
		sim.setOptions({ latencyMs: 2500 });
		const started = Date.now();
		const error = nodeError(await runNode(harness, sim, { ...BOX_TYPES, options: { timeout: 1 } }));
		const waited = Date.now() - started;
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe('Jira did not answer GET /rest/softwareplant-bigpicture/1.0/public/ppm/box/box-types in time');
		expect(error.description).toMatch(/raise the Timeout option.*Step: request/);
		expect(waited).toBeGreaterThanOrEqual(950);
		expect(waited).toBeLessThan(2000); // well before the answer would have come
	});

	test('with a Timeout longer than the latency the same call succeeds', async () => {
		sim.setOptions({ latencyMs: 300 });
		const out = outputOf(await runNode(harness, sim, { ...BOX_TYPES, options: { timeout: 5 } }));
		expect(out.length).toBeGreaterThan(0);
	});

	test('a timed-out POST is not sent again, and the error says it may have happened', async () => {
		await runNode(harness, sim, BOX_TYPES);
		sim.resetCalls();
		sim.setOptions({ latencyMs: 2500 });
		const body = {
			parentBoxId: 'PROG-1',
			boxTypeId: '4',
			boxName: 'slow-post',
			boxStartDate: '2025-01-01',
			boxEndDate: '2025-02-01',
			boxIcon: 'font-awesome-sync@GREEN',
		};
		const error = nodeError(
			await runNode(harness, sim, customCall('POST', 'public/ppm/box/box', { body: JSON.stringify(body), options: { timeout: 1 } })),
		);
		expect(error.message).toMatch(/^Jira did not answer POST \S+ in time$/);
		expect(error.description).toMatch(/may have been processed/);
		await new Promise((resolve) => setTimeout(resolve, 1700)); // let the simulator finish the slow request
		expect(sim.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
	});
});
