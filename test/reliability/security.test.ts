/**
 * Tokens and cookies go to the credential's host only: no redirect is followed (least of all to another host), the
 * Custom API Call refuses absolute URLs, and nothing secret reaches an error, an output item or static data.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';

import { toConnectionConfig } from '../../nodes/BigPicture/transport/config';
import { BigPictureError } from '../../nodes/BigPicture/transport/errors';
import { HttpClient } from '../../nodes/BigPicture/transport/http';
import { clearSessions } from '../../nodes/BigPicture/transport/sessions';
import { STATIC_DATA_KEY } from '../../nodes/BigPicture/transport/tokenStore';
import { credentialData } from '../helpers/connection';
import { bigPictureHarness, runNode, visibleText } from '../helpers/node';
import type { Harness, HarnessRunResult } from '../harness';
import { startSimulator, type Simulator } from '../simulator';
import { customCall, nodeError, outputOf, proxyTo, recordingServer, type RecordingServer } from './helpers';
import { n8nWire, testRun } from '../helpers/wire';

let sim: Simulator;
let harness: Harness;
/** The "other host": must never receive anything. */
let other: RecordingServer;
let proxy: RecordingServer | undefined;

beforeAll(async () => {
	sim = await startSimulator();
	harness = bigPictureHarness();
	other = await recordingServer();
});
afterEach(async () => {
	clearSessions();
	sim.resetCalls();
	await proxy?.close();
	proxy = undefined;
	expect(other.received).toEqual([]);
});
afterAll(async () => {
	await other.close();
	await sim.close();
});

/** Every secret the simulator handed out or knows, plus the credential's password. */
const secrets = () => [...sim.secrets, 's3cret'];

function expectNoSecret(text: string): void {
	for (const secret of secrets()) {
		if (text.includes(secret)) throw new Error(`a secret (${secret.slice(0, 4)}…) is visible`);
	}
	expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
}

/** A proxy in front of the simulator whose answers to matching paths are replaced by a redirect elsewhere. */
async function redirecting(match: RegExp, location: string): Promise<RecordingServer> {
	return proxyTo(sim.baseUrl, (req, res) => {
		if (!match.test(req.url ?? '')) return false;
		res.writeHead(302, { location, 'set-cookie': 'SSO=1; Path=/' });
		res.end();
		return true;
	});
}

describe('redirects', () => {
	test('an API call redirected to another host: nothing reaches that host, the error says why', async () => {
		proxy = await redirecting(/\/public\//, `http://localhost:${other.port}/steal`);
		const result = await runNode(harness, sim, { resource: 'box', operation: 'getHierarchy' }, {
			credential: { baseUrl: `${proxy.url}/jira` },
		});
		const error = nodeError(result);
		expect(error.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('302');
		expect(error.message).toBe('GET /rest/softwareplant-bigpicture/1.0/public/ppm/box/box-hierarchy failed with HTTP 302');
		expect(error.description).toMatch(/redirected.*credentials are never sent to another address.*Step: request/);
		expect(other.received).toEqual([]);
		// the redirect was answered once and not followed, not even on the same host
		expect(proxy.received.filter((r) => /\/public\//.test(r.url))).toHaveLength(1);
		expectNoSecret(visibleText(result));
	});

	test('a login redirected to an SSO page on another host: the Basic login is not sent there', async () => {
		proxy = await redirecting(/system\/auth/, `http://localhost:${other.port}/sso/login?return=/jira`);
		const result = await runNode(harness, sim, customCall('GET', 'public/ppm/box/box-types'), {
			credential: { baseUrl: `${proxy.url}/jira` },
		});
		const error = nodeError(result);
		expect(error.httpCode).toBe('302');
		expect(error.description).toMatch(/SSO login.*Step: system\/auth/);
		expect(other.received).toEqual([]);
		expect(sim.calls.filter((c) => /\/public\//.test(c.path))).toEqual([]);
	});

	test('the transport refuses any URL outside the credential origin, even if a caller builds one', async () => {
		const config = toConnectionConfig(credentialData(sim, { baseUrl: `http://127.0.0.1:${sim.port}` }));
		const client = new HttpClient(config);
		for (const path of [`@localhost:${other.port}/x`, `.localhost:${other.port}/x`, `:${other.port}/x`]) {
			const error = await client.send({ method: 'GET', path, step: 'request' }, n8nWire).then(
				() => undefined,
				(e: unknown) => e,
			);
			expect(error).toBeInstanceOf(BigPictureError);
			expect((error as BigPictureError).message).toMatch(/outside the Jira base URL/);
		}
		expect(sim.calls).toEqual([]);
	});
});

describe('Custom API Call paths', () => {
	test.each([
		['an absolute URL', () => `http://127.0.0.1:${other.port}/steal`],
		['an absolute URL in capitals', () => `HTTP://127.0.0.1:${other.port}/steal`],
		['a protocol-relative URL', () => `//127.0.0.1:${other.port}/steal`],
		['a URL from an expression', () => `={{ "http://127.0.0.1:${other.port}/" + "steal" }}`],
		['a path climbing out of the API base', () => '../../../../secure/admin'],
	])('%s is refused and nothing is sent', async (_name, path) => {
		for (const api of ['bigpicture', 'jira']) {
			const result = await runNode(harness, sim, customCall('GET', path(), { api }));
			const error = nodeError(result);
			expect(error.name).toBe('NodeOperationError');
			expect(error.message).toMatch(/Full URLs are not allowed|must not contain "\.\."/);
		}
		expect(sim.calls).toEqual([]);
		expect(other.received).toEqual([]);
	});

	test('a relative path is sent to the credential host, under the API base', async () => {
		const out = outputOf(await runNode(harness, sim, customCall('GET', '/public/ppm/box/box-types')));
		expect(out.length).toBeGreaterThan(0);
		expect(sim.calls.map((c) => c.path)).toContain('/rest/softwareplant-bigpicture/1.0/public/ppm/box/box-types');
	});
});

describe('no secret in errors, output or static data', () => {
	const runs: Array<[string, () => Promise<HarnessRunResult>]> = [
		['a successful run', () => runNode(harness, sim, { resource: 'box', operation: 'getMany', returnAll: true })],
		['a wrong password', () => runNode(harness, sim, { resource: 'box', operation: 'getHierarchy' }, { credential: { password: 'Wr0ng-pa55word' } })],
		['a 404 with a JSON body', () => runNode(harness, sim, customCall('GET', 'public/ppm/box/box/NOPE-1'))],
		['a 400 from a POST', () => runNode(harness, sim, customCall('POST', 'public/ppm/box/box', { body: '{"boxName":""}' }))],
		['an error item (continueOnFail)', () => runNode(harness, sim, customCall('GET', 'public/ppm/box/box/NOPE-2'), { continueOnFail: true, inputItems: [{ a: 1 }] })],
		['a login page', async () => {
			sim.setOptions({ loginPageFor: /box-types/ });
			try {
				return await runNode(harness, sim, customCall('GET', 'public/ppm/box/box-types'));
			} finally {
				sim.setOptions({ loginPageFor: null });
			}
		}],
		['a 401 that survives a fresh login', async () => {
			await runNode(harness, sim, customCall('GET', 'public/ppm/box/box-types'));
			sim.setOptions({ sessionTtlSeconds: 0.000001 });
			sim.killSessions();
			try {
				return await runNode(harness, sim, customCall('GET', 'public/ppm/box/box-types'));
			} finally {
				sim.setOptions({ sessionTtlSeconds: 0 });
			}
		}],
	];

	test.each(runs)('%s', async (_name, run) => {
		const result = await run();
		expectNoSecret(visibleText(result));
		expect(visibleText(result)).not.toContain('Wr0ng-pa55word');
	});

	test('an error body that echoes the request headers is scrubbed of the token and the Jira cookies', async () => {
		proxy = await proxyTo(sim.baseUrl, (req, res) => {
			if (!/\/public\//.test(req.url ?? '')) return false;
			res.writeHead(400, { 'content-type': 'application/json' });
			res.end(
				JSON.stringify({
					message: `Bad request. Authorization: ${req.headers.authorization}; Cookie: ${req.headers.cookie}`,
					errors: { cookie: String(req.headers.cookie) },
				}),
			);
			return true;
		});
		const result = await runNode(harness, sim, customCall('GET', 'public/ppm/box/box-types'), {
			credential: { baseUrl: `${proxy.url}/jira` },
		});
		const error = nodeError(result);
		expect(error.httpCode).toBe('400');
		expect(error.message).toMatch(/failed with HTTP 400: /);
		expectNoSecret(visibleText(result));
	});

	test('static data holds only a sealed entry: no token, cookie or password, in any mode that saves it', async () => {
		const result = await runNode(harness, sim, { resource: 'box', operation: 'getHierarchy' }, { mode: 'trigger' });
		expect(result.staticDataPersisted).toBe(true);
		const stored = result.staticData.global as Record<string, Record<string, Record<string, unknown>>>;
		expect(Object.keys(stored)).toEqual([STATIC_DATA_KEY]);
		for (const entry of Object.values(stored[STATIC_DATA_KEY])) {
			expect(Object.keys(entry).sort()).toEqual(['data', 'iv', 'mac', 'salt', 'savedAt', 'tag', 'v']);
		}
		expectNoSecret(JSON.stringify(result.staticData));
		// and it is usable: a new process resumes from it without a login
		clearSessions();
		sim.resetCalls();
		await runNode(harness, sim, { resource: 'box', operation: 'getHierarchy' }, { mode: 'trigger', staticData: result.staticData });
		expect(sim.count((c) => /system\/auth$/.test(c.path))).toBe(0);
	});

	test.each([
		['bigpicture', 'system/auth'],
		['bigpicture', 'system/reauth'],
		['bigpicture', './system//auth/'],
		['bigpicture', 'public/../system/auth'],
		['bigpicture', 'system/%61uth'],
		['jira', 'rest/softwareplant-bigpicture/1.0/system/auth'],
	])('a Custom API Call (%s) to %s is refused: its tokens never reach the output', async (api, path) => {
		const result = await runNode(harness, sim, customCall('GET', path, { api }), { continueOnFail: true });
		const out = outputOf(result);
		expect(out).toHaveLength(1);
		expect(String(out[0].json.error)).toMatch(/it is the login's own endpoint|must not contain "\.\."/);
		expectNoSecret(visibleText(result));
		// only the node's own login (Basic) reached system/auth; the ".." path was refused before any login
		const systemCalls = sim.calls.filter((c) => /\/system\//.test(c.path));
		expect(systemCalls.map((c) => [c.path, c.auth])).toEqual(
			path.includes('..') ? [] : [['/rest/softwareplant-bigpicture/1.0/system/auth', 'basic']],
		);
	});
});

describe('paths that try to leave their scope, and echoes of what was sent', () => {
	test('Custom API Call cannot reach system/auth through a ";" path parameter (Tomcat strips it)', async () => {
		const result = await runNode(harness, sim, customCall('GET', 'system/auth;x'));
		expect(result.status).toBe('error');
		expect(visibleText(result)).not.toMatch(/eyJ/);
		expect(sim.count((c) => /system\/auth/.test(c.path) && c.auth === 'jwt')).toBe(0);
	});

	test('escaped dot segments cannot climb out of the API base, in the node or in the transport', async () => {
		const path = '%2e%2e/%2e%2e/%2e%2e/%2e%2e/other-app/steal';
		const result = await runNode(harness, sim, customCall('GET', path));
		expect(result.status).toBe('error');
		const { openSession } = await import('../../nodes/BigPicture/transport/sessions');
		const { session } = await openSession(toConnectionConfig(credentialData(sim)), undefined);
		const error = await session.request({ method: 'GET', path }, testRun()).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(BigPictureError);
		expect((error as BigPictureError).message).toMatch(/outside the Jira base URL/);
		expect(sim.count((c) => c.path.includes('other-app'))).toBe(0);
	});

	test('a malformed base URL is refused without repeating it (it may hold a password)', () => {
		const error = (() => {
			try {
				toConnectionConfig({ baseUrl: 'https://admin:Sup3rSecret@jira example.com/jira', authentication: 'basic', username: 'a', password: 'b' });
			} catch (e) {
				return e as BigPictureError;
			}
			return undefined;
		})();
		expect(error?.message).toBe('The Jira base URL is not a valid URL');
		expect(JSON.stringify({ ...error, message: error?.message })).not.toContain('Sup3rSecret');
	});

	test('an error body that echoes the cookies JSON-escaped does not carry them into the error', async () => {
		const echo = await recordingServer((req, res) => {
			res.setHeader('content-type', 'application/json');
			if (req.url!.endsWith('/system/auth')) {
				res.end(JSON.stringify({ authentication: 'a1', refresh: 'r1' }));
				return;
			}
			res.statusCode = 400;
			const cookie = String(req.headers.cookie).replace(/=/g, '\\u003d').replace(/\//g, '\\/');
			res.end(`{"message":"bad request, cookies were ${cookie}"}`);
		});
		try {
			const { BigPictureSession } = await import('../../nodes/BigPicture/transport/session');
			const session = new BigPictureSession(
				toConnectionConfig({ baseUrl: echo.url, authentication: 'cookie', sessionCookie: 'JSESSIONID=ABCDEF0123456789; AWSALB=Zm9v/YmFyYmF6cXV4==' }),
			);
			const error = (await session.request({ method: 'GET', path: 'public/ppm/teams' }, testRun()).catch((e: unknown) => e)) as BigPictureError;
			expect(error.status).toBe(400);
			const text = JSON.stringify({ message: error.message, body: error.body, hint: error.hint });
			expect(text).toContain('cookies were');
			expect(text).not.toContain('Zm9v/YmFyYmF6cXV4==');
			expect(text).not.toContain('ABCDEF0123456789');
		} finally {
			await echo.close();
		}
	});
});
