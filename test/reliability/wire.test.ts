/**
 * The wire, where review found it misleading (issue 10, section 2): login endpoints reached through Jira's REST
 * suffixes, a Timeout that only bounded idle gaps, answers cut off after the status line, a DELETE whose 404 came
 * after a "not processed" 503/429, long JSON 404s read as missing endpoints, and failures classified by the text of
 * their message (a host name with "ssl" in it). Everything runs over real HTTP on 127.0.0.1: the simulator, a
 * proxy in front of it, or a tiny server built for the case.
 */
import * as http from 'node:http';

import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';

import { BigPictureError } from '../../nodes/BigPicture/transport/errors';
import { classifyNetworkError, HttpClient, type HttpRequest } from '../../nodes/BigPicture/transport/http';
import type { HttpResponse } from '../../nodes/BigPicture/transport/http';
import { DEFAULT_RETRY_POLICY, withRetries, type RetryPolicy } from '../../nodes/BigPicture/transport/retry';
import { BigPictureSession, type ApiRequest } from '../../nodes/BigPicture/transport/session';
import { clearSessions } from '../../nodes/BigPicture/transport/sessions';
import { closedPort, configFor, failure } from '../helpers/connection';
import { bigPictureHarness, runNode, visibleText } from '../helpers/node';
import type { Harness } from '../harness';
import { byId } from '../operations/helpers';
import { startSimulator, type Simulator } from '../simulator';
import { customCall, nodeError, outputOf, proxyTo, recordingServer, type RecordingServer } from './helpers';
import { n8nWire, testRun } from '../helpers/wire';

const FAST: RetryPolicy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 20, maxDelayMs: 100 };
const BP_API = '/rest/softwareplant-bigpicture/1.0';
const GET_TYPES: ApiRequest = { method: 'GET', path: 'public/ppm/box/box-types' };
const CREATE_BOX: ApiRequest = {
	method: 'POST',
	path: 'public/ppm/box/box',
	body: {
		parentBoxId: 'PROG-1',
		boxTypeId: '4',
		boxName: 'cut-off',
		boxStartDate: '2025-01-01',
		boxEndDate: '2025-02-01',
		boxIcon: 'font-awesome-sync@GREEN',
	},
};

let sim: Simulator;
let harness: Harness;
/** The proxy or purpose-built server of the current test, closed after it. */
let server: RecordingServer | undefined;

beforeAll(async () => {
	// Like Jira's REST layer: `…/system/auth.json` is routed as `…/system/auth`.
	sim = await startSimulator({ restSuffixes: true });
	harness = bigPictureHarness();
});
afterEach(async () => {
	clearSessions();
	sim.resetCalls();
	await server?.close();
	server = undefined;
});
afterAll(async () => {
	await sim.close();
});

const secrets = () => [...sim.secrets, 's3cret'];

function expectNoSecret(text: string): void {
	for (const secret of secrets()) {
		if (text.includes(secret)) throw new Error(`a secret (${secret.slice(0, 4)}…) is visible`);
	}
	expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
}

/** A session through `server` (a proxy in front of the simulator), logged in before the case starts. */
async function sessionVia(proxy: RecordingServer): Promise<BigPictureSession> {
	const bp = new BigPictureSession(configFor(sim, { baseUrl: `${proxy.url}/jira` }), FAST);
	await bp.request(GET_TYPES, testRun());
	sim.resetCalls();
	proxy.received.length = 0;
	return bp;
}

const received = (proxy: RecordingServer, method: string, path: RegExp) =>
	proxy.received.filter((r) => r.method === method && path.test(r.url));

describe('case 2: no spelling of system/auth or system/reauth is sent as an operation', () => {
	const apps = [
		'softwareplant-bigpicture/1.0',
		'bigpicture/1.0',
		'softwareplant-bigtemplate/1.0',
		'softwareplant-biggantt/1.0',
		'softwareplant-bigpicture/latest',
	];
	const spellings = [
		'system/auth.json',
		'system/reauth.json',
		'system/auth.xml',
		'system/auth.txt',
		'system/auth.html',
		'system/reauth.htm',
		'system/auth.atom',
		'system/AUTH.JSON',
		'SYSTEM/Auth.Json',
		'system/auth.json.json',
		'system/auth.xml.json',
		'system/auth.json/',
		'system/auth.json//',
		'system//auth.json',
		'system/./auth.json',
		'system/x/../auth.json',
		'system/x/%2e%2e/auth.json',
		'system/auth;v=1.json',
		'system/auth.json;v=1',
		'system;x=1/auth.json',
		'system/auth%2ejson',
		'system/auth%2Ejson',
		'system/auth%252ejson',
		'system%2fauth.json',
		'system%2Freauth',
		'system/%61uth.json',
		'system/auth.%6Ason',
		'system/auth%3bx.json',
		'system/auth.json?x=1',
	];

	test('the transport refuses each one, for every app key, and sends nothing', async () => {
		const client = new HttpClient(configFor(sim));
		const notRefused: string[] = [];
		for (const app of apps) {
			for (const spelling of spellings) {
				const path = `/rest/${app}/${spelling}`;
				const outcome = await client.send({ method: 'GET', path, step: 'request' }, n8nWire).then(
					(response) => `HTTP ${response.status}`,
					(error: unknown) => (error instanceof BigPictureError ? error.message : String(error)),
				);
				if (!/it is the login's own endpoint/.test(outcome)) notRefused.push(`${path}: ${outcome}`);
			}
		}
		expect(notRefused).toEqual([]);
		expect(sim.calls).toEqual([]);
	});

	test('paths that only look alike are still sent', async () => {
		const client = new HttpClient(configFor(sim));
		for (const path of [
			`${BP_API}/public/ppm/box/box-types.json`,
			`${BP_API}/system/authority`,
			`${BP_API}/public/system/authx.json`,
			'/rest/api/2/issue/auth.json',
		]) {
			const response = await client.send({ method: 'GET', path, step: 'request' }, n8nWire);
			expect(response.status).toBeGreaterThanOrEqual(200);
		}
		expect(sim.calls).toHaveLength(4);
	});

	test.each([
		['bigpicture', 'system/auth.json'],
		['bigpicture', 'system/reauth.xml'],
		['bigpicture', 'system/Auth.JSON/'],
		['jira', 'rest/softwareplant-bigpicture/1.0/system/auth.json'],
		['jira', 'rest/softwareplant-bigpicture/1.0/system/auth.txt'],
	])('a Custom API Call (%s) to %s is refused: the tokens never reach the output', async (api, path) => {
		const result = await runNode(harness, sim, customCall('GET', path, { api }), { continueOnFail: true });
		const out = outputOf(result);
		expect(out).toHaveLength(1);
		expect(String(out[0].json.error)).toMatch(/it is the login's own endpoint/);
		expectNoSecret(visibleText(result));
		// only the node's own login reached system/auth
		expect(sim.calls.filter((c) => /\/system\//i.test(c.path)).map((c) => [c.path, c.auth])).toEqual([
			[`${BP_API}/system/auth`, 'basic'],
		]);
	});
});

/** Headers at once, then one body byte every 300 ms for 15 s: an answer that never stops arriving. */
function trickle(res: http.ServerResponse): void {
	res.writeHead(200, { 'content-type': 'application/json' });
	res.write('[');
	let sent = 0;
	const timer = setInterval(() => {
		if (++sent >= 50) {
			clearInterval(timer);
			res.end('1]');
		} else res.write(' ');
	}, 300);
	res.on('close', () => clearInterval(timer));
}

describe('case 3: the Timeout is a deadline for the whole answer', () => {
	test('an answer trickling in byte by byte is cut at the deadline', async () => {
		server = await recordingServer((req, res) => trickle(res));
		const client = new HttpClient(configFor(sim, { baseUrl: server.url }));
		const started = Date.now();
		const error = await failure(client.send({ method: 'GET', path: '/slow', step: 'request', timeoutMs: 1000 }, n8nWire));
		const waited = Date.now() - started;
		expect(error).toMatchObject({ reason: 'timeout', step: 'request', request: 'GET /slow' });
		expect(error.message).toBe('Jira did not answer GET /slow in time');
		expect(waited).toBeGreaterThanOrEqual(950);
		expect(waited).toBeLessThan(2500);
	}, 20_000);

	test("the node's Timeout option bounds a trickling answer too, with the step in the error", async () => {
		server = await proxyTo(sim.baseUrl, (req, res) => {
			if (!/box-types/.test(req.url ?? '')) return false;
			trickle(res);
			return true;
		});
		const started = Date.now();
		const error = nodeError(
			await runNode(harness, sim, { ...customCall('GET', 'public/ppm/box/box-types'), options: { timeout: 1 } }, {
				credential: { baseUrl: `${server.url}/jira` },
			}),
		);
		expect(Date.now() - started).toBeLessThan(4000);
		expect(error.message).toBe(`Jira did not answer GET ${BP_API}/public/ppm/box/box-types in time`);
		expect(error.description).toMatch(/raise the Timeout option.*Step: request/);
	}, 20_000);

	test('an outside cancel signal stops the request at once, and is not called a timeout', async () => {
		server = await recordingServer((req, res) => trickle(res));
		const client = new HttpClient(configFor(sim, { baseUrl: server.url }));
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 200);
		const started = Date.now();
		const error = await failure(
			client.send({ method: 'GET', path: '/slow', step: 'request', timeoutMs: 10_000, signal: controller.signal }, n8nWire),
		);
		expect(Date.now() - started).toBeLessThan(1500);
		expect(error).toMatchObject({ reason: 'cancelled', step: 'request' });
		expect(error.message).toBe('GET /slow was cancelled');
	}, 20_000);

	test('a signal that is already aborted sends nothing', async () => {
		server = await recordingServer();
		const client = new HttpClient(configFor(sim, { baseUrl: server.url }));
		const error = await failure(
			client.send({ method: 'GET', path: '/x', step: 'request', signal: AbortSignal.abort() }, n8nWire),
		);
		expect(error.reason).toBe('cancelled');
		expect(server.received).toEqual([]);
	});
});

/**
 * A proxy that passes everything to the simulator, except that the answers to matching requests are cut off after
 * the status line and half the body: with Content-Length announced and the connection closed early, or chunked and
 * the socket destroyed. The request itself reaches the simulator whole (it is processed).
 */
function cuttingProxy(match: (req: http.IncomingMessage) => boolean, mode: 'length' | 'chunked', times = Infinity) {
	const upstream = new URL(sim.baseUrl);
	let left = times;
	return proxyTo(sim.baseUrl, (req, res) => {
		if (left === 0 || !match(req)) return false;
		left--;
		const forward = http.request(
			{ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
			(answer) => {
				const chunks: Buffer[] = [];
				answer.on('data', (chunk: Buffer) => chunks.push(chunk));
				answer.on('end', () => {
					const body = Buffer.concat(chunks);
					const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json' };
					if (mode === 'length') headers['content-length'] = body.length;
					res.writeHead(answer.statusCode ?? 200, headers);
					res.write(body.subarray(0, Math.floor(body.length / 2)));
					setTimeout(() => res.socket?.destroy(), 30);
				});
			},
		);
		req.pipe(forward);
		return true;
	});
}

describe('case 4: an answer cut off after the status line', () => {
	test.each(['length', 'chunked'] as const)(
		'a processed POST (%s) is not sent again, and the error says it may have been processed',
		async (mode) => {
			server = await cuttingProxy((req) => req.method === 'POST', mode);
			const bp = await sessionVia(server);
			const error = await failure(bp.request(CREATE_BOX, testRun()));
			expect(error.message).toBe(`Jira's answer to POST ${BP_API}/public/ppm/box/box was cut off (HTTP 200)`);
			expect(error.reason).toBe('connection-reset');
			expect(error.hint).toMatch(/may have been processed, so it was not sent again/);
			expect(received(server, 'POST', /\/box\/box$/)).toHaveLength(1);
			expect(sim.processedPosts).toHaveLength(1);
		},
	);

	test.each(['length', 'chunked'] as const)('a GET whose answer was cut off (%s) is sent again', async (mode) => {
		server = await cuttingProxy((req) => req.method === 'GET' && /box-types/.test(req.url ?? ''), mode, 1);
		const bp = new BigPictureSession(configFor(sim, { baseUrl: `${server.url}/jira` }), FAST);
		const body = (await bp.request(GET_TYPES, testRun())) as { cargo: unknown[] };
		expect(Array.isArray(body.cargo)).toBe(true);
		expect(received(server, 'GET', /box-types$/)).toHaveLength(2);
	});

	test('a GET cut off every time ends with the cut-off error, not "cannot be reached"', async () => {
		server = await cuttingProxy((req) => /box-types/.test(req.url ?? ''), 'length');
		const bp = new BigPictureSession(configFor(sim, { baseUrl: `${server.url}/jira` }), FAST);
		const error = await failure(bp.request(GET_TYPES, testRun()));
		expect(error.message).toBe(`Jira's answer to GET ${BP_API}/public/ppm/box/box-types was cut off (HTTP 200)`);
		expect(error.hint).not.toMatch(/may have been processed/);
		expect(received(server, 'GET', /box-types$/)).toHaveLength(1 + FAST.maxRetries);
	});
});

describe('case 11: only a lost answer turns a retried DELETE\'s 404 into success', () => {
	/** A proxy that answers the first DELETE itself with `status`, then passes everything through. */
	async function failFirstDelete(status: number, headers: http.OutgoingHttpHeaders = {}) {
		let done = false;
		server = await proxyTo(sim.baseUrl, (req, res) => {
			if (done || req.method !== 'DELETE') return false;
			done = true;
			res.writeHead(status, { 'content-type': 'text/html', ...headers });
			res.end(`<html><body>${status}</body></html>`);
			return true;
		});
		return sessionVia(server);
	}

	test.each([
		[503, {}],
		[503, { 'retry-after': '0' }],
		[429, { 'retry-after': '0' }],
	])('%i (not processed), then a JSON 404: the box is reported missing', async (status, headers) => {
		const bp = await failFirstDelete(status, headers);
		const error = await failure(bp.request({ method: 'DELETE', path: 'public/ppm/box/box/NOPE-11' }, testRun()));
		expect(error).toMatchObject({ status: 404, reason: 'not-found', step: 'request' });
		expect(received(server!, 'DELETE', /NOPE-11$/)).toHaveLength(2);
	});

	test.each([502, 504])('%i (the answer may be lost), then a JSON 404: the DELETE counts as done', async (status) => {
		const bp = await failFirstDelete(status);
		await expect(bp.request({ method: 'DELETE', path: 'public/ppm/box/box/NOPE-12' }, testRun())).resolves.toEqual({});
	});

	test('through the node: Box › Delete of a missing box after a 503 is an error naming the box', async () => {
		let done = false;
		server = await proxyTo(sim.baseUrl, (req, res) => {
			if (done || req.method !== 'DELETE') return false;
			done = true;
			res.writeHead(503, { 'content-type': 'text/html', 'retry-after': '0' });
			res.end('<html><body>503</body></html>');
			return true;
		});
		const error = nodeError(
			await runNode(harness, sim, { resource: 'box', operation: 'delete', boxId: byId('NOPE-13') }, {
				credential: { baseUrl: `${server.url}/jira` },
			}),
		);
		expect(error.message).toBe('Box "NOPE-13" does not exist');
	});

	test('a refused connection (never reached Jira), then a 404: not success', async () => {
		const refused = classifyNetworkError({ code: 'ECONNREFUSED' }, { method: 'DELETE', path: '/x', step: 'request' });
		const outcomes: Array<HttpResponse | BigPictureError> = [refused, { status: 404, headers: {}, text: '{}' }];
		const answer = await withRetries('DELETE', FAST, async () => {
			const next = outcomes.shift()!;
			if (next instanceof BigPictureError) throw next;
			return next;
		});
		expect(answer.status).toBe(404);
		expect(outcomes).toEqual([]);
	});
});

describe('case 12: a long JSON error is parsed whole, then shortened', () => {
	const longNotFound = (boxId: string) =>
		JSON.stringify({
			trace: 'x'.repeat(6000),
			frames: Array.from({ length: 400 }, (_, i) => `at frame ${i}`),
			message: `Box with id ${boxId} not found`,
			status: 404,
			boxId,
		});

	async function answering404(boxId: string) {
		server = await proxyTo(sim.baseUrl, (req, res) => {
			if (!(req.url ?? '').endsWith(`/box/box/${boxId}`)) return false;
			res.writeHead(404, { 'content-type': 'application/json' });
			res.end(longNotFound(boxId));
			return true;
		});
	}

	test('Box › Delete names the missing box instead of asking for BigPicture 8.24', async () => {
		await answering404('LONG-404');
		const error = nodeError(
			await runNode(harness, sim, { resource: 'box', operation: 'delete', boxId: byId('LONG-404') }, {
				credential: { baseUrl: `${server!.url}/jira` },
			}),
		);
		expect(error.message).toBe('Box "LONG-404" does not exist');
		expect(JSON.stringify(error)).not.toMatch(/8\.24/);
	});

	test('the kept body has its fields, with long strings and lists cut, so the error stays small', async () => {
		await answering404('LONG-405');
		const bp = await sessionVia(server!);
		const error = await failure(bp.request({ method: 'GET', path: 'public/ppm/box/box/LONG-405' }, testRun()));
		expect(error.status).toBe(404);
		const body = error.body as { trace: string; frames: string[]; message: string; boxId: string };
		expect(body).toMatchObject({ message: 'Box with id LONG-405 not found', status: 404, boxId: 'LONG-405' });
		expect(body.trace.length).toBeLessThan(600);
		expect(body.frames.length).toBeLessThan(30);
		expect(body.frames.at(-1)).toMatch(/more/);
		expect(JSON.stringify(body).length).toBeLessThan(4000);
		expect(error.message).toContain('Box with id LONG-405 not found');
	});
});

describe('case 13: failures are classified by error code, never by message text', () => {
	test.each(['ssl-cert.invalid', 'timeout-tls.invalid', 'reset.invalid'])(
		'a host that does not resolve (%s) is reported as such, not as TLS or a timeout',
		async (host) => {
			const client = new HttpClient(configFor(sim, { baseUrl: `https://${host}/jira` }));
			const error = await failure(client.send({ method: 'GET', path: '/rest/api/2/myself', step: 'request' }, n8nWire));
			expect(error.reason).toBe('unreachable');
			expect(error.message).toMatch(new RegExp(`^The Jira host name ${host.replace(/\./g, '\\.')} could not be resolved \\((ENOTFOUND|EAI_AGAIN)\\)$`));
			expect(error.hint).not.toMatch(/Ignore SSL/);
			expect(error.hint).toMatch(/Check the Jira base URL/);
		},
	);

	test('TLS spoken to a plain HTTP port is a TLS failure, found by its code', async () => {
		server = await recordingServer();
		const client = new HttpClient(configFor(sim, { baseUrl: `https://127.0.0.1:${server.port}` }));
		const error = await failure(client.send({ method: 'GET', path: '/x', step: 'request' }, n8nWire));
		expect(error.reason).toBe('tls');
		expect(error.message).toMatch(/^The TLS connection to Jira failed \(\w+\)$/);
	});

	test('a closed port is "cannot be reached" and retried (refused: never reached Jira)', async () => {
		const port = await closedPort();
		const bp = new BigPictureSession(configFor(sim, { baseUrl: `http://127.0.0.1:${port}/jira` }), FAST);
		const error = await failure(bp.request(GET_TYPES, testRun()));
		expect(error.message).toBe('Jira cannot be reached (ECONNREFUSED)');
		expect(error.reason).toBe('unreachable');
	});

	test.each([
		[{ code: 'CERT_HAS_EXPIRED' }, 'tls', /Ignore SSL Issues/],
		[{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'tls', /Ignore SSL Issues/],
		[{ code: 'ERR_TLS_CERT_ALTNAME_INVALID' }, 'tls', /Ignore SSL Issues/],
		[{ code: 'ERR_SSL_WRONG_VERSION_NUMBER' }, 'tls', /http or https/],
		[{ code: 'EPROTO' }, 'tls', /http or https/],
		[{ code: 'ENOTFOUND' }, 'unreachable', /base URL/],
		[{ code: 'EAI_AGAIN' }, 'unreachable', /base URL/],
		[{ code: 'ETIMEDOUT' }, 'timeout', /Timeout option/],
		[{ code: 'ECONNABORTED' }, 'timeout', /Timeout option/],
		[{ code: 'ECONNRESET' }, 'connection-reset', /dropped the connection/],
		[{ code: 'EPIPE' }, 'connection-reset', /dropped the connection/],
		[{ code: 'ECONNRESET', status: 200 }, 'connection-reset', /dropped the connection/],
		[{ code: 'ERR_BODY_TOO_LARGE', status: 200 }, 'bad-response', /Narrow the request/],
		[{ code: 'ERR_CANCELED' }, 'cancelled', undefined],
		[{ code: 'EHOSTUNREACH' }, 'unreachable', /base URL/],
	] as const)('code %j → %s', (failureSeen, reason, hint) => {
		const request: HttpRequest = { method: 'GET', path: '/ssl/cert/timeout', step: 'request' };
		const error = classifyNetworkError(failureSeen, request);
		expect(error.reason).toBe(reason);
		if (hint) expect(error.hint).toMatch(hint);
		expect(error.code).toBe(failureSeen.code);
	});
});
