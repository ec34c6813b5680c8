/**
 * Keeping tokens: what survives a dead refresh token, clock skew, tokens without `exp`, a runaway cookie jar, and
 * what an exported workflow's static data gives away (issue 10, cases 1, 3, 6, 9 and 15).
 */
import type * as http from 'node:http';

import { afterEach, describe, expect, test } from '@jest/globals';

import { BigPictureSession } from '../../nodes/BigPicture/transport/session';
import { clearSessions, openSession } from '../../nodes/BigPicture/transport/sessions';
import { STATIC_DATA_KEY, Sealer } from '../../nodes/BigPicture/transport/tokenStore';
import { configFor, failure, isAuth, isReauth } from '../helpers/connection';
import { proxyTo, recordingServer, type RecordingServer } from '../reliability/helpers';
import { startSimulator, type Simulator, type SimulatorOptions } from '../simulator';
import { testRun } from '../helpers/wire';

const HIERARCHY = { method: 'GET' as const, path: 'public/ppm/box/box-hierarchy' };
const API = '/rest/softwareplant-bigpicture/1.0';

let sim: Simulator | undefined;
let servers: RecordingServer[] = [];

async function simulator(options: SimulatorOptions = {}): Promise<Simulator> {
	sim = await startSimulator(options);
	return sim;
}

async function server(
	handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): Promise<RecordingServer> {
	const started = await recordingServer(handler);
	servers.push(started);
	return started;
}

/** A proxy in front of the simulator that answers the requests `intercept` claims (the rest pass through). */
async function proxy(
	target: Simulator,
	intercept: (req: http.IncomingMessage, res: http.ServerResponse) => boolean,
): Promise<RecordingServer> {
	const started = await proxyTo(target.baseUrl, intercept);
	servers.push(started);
	return started;
}

afterEach(async () => {
	clearSessions();
	for (const each of servers) await each.close();
	servers = [];
	await sim?.close();
	sim = undefined;
});

/**
 * A session through `frontUrl` that worked and was saved to static data, after which the simulator let both its
 * tokens die: what a new process finds when it resumes.
 */
async function savedThenDead(s: Simulator, frontUrl: string) {
	const config = configFor(s, { baseUrl: `${frontUrl}/jira` });
	const staticData: Record<string, unknown> = {};
	const first = await openSession(config, staticData);
	await first.session.request(HIERARCHY, testRun());
	await first.save();
	s.expireAuthTokens();
	s.expireRefreshTokens();
	return { config, staticData };
}

const countAuth = (s: Simulator) => s.count((c) => isAuth(c.path));
const countReauth = (s: Simulator) => s.count((c) => isReauth(c.path));

/** How a system/reauth is answered when BigPicture no longer accepts the refresh token (anything but 401/403). */
const REAUTH_FAILURES: Array<[string, (res: http.ServerResponse) => void]> = [
	['500', (res) => res.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"NullPointerException"}')],
	['400', (res) => res.writeHead(400, { 'content-type': 'application/json' }).end('{"message":"Invalid token"}')],
	['302', (res) => res.writeHead(302, { location: '/jira/login.jsp' }).end()],
	[
		'200 HTML',
		(res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Log in to Jira</body></html>'),
	],
];

describe('a refresh token BigPicture no longer accepts (case 1)', () => {
	test.each(REAUTH_FAILURES)(
		'a reauth answered %s falls back to one login, in this process and in the next, and the dead tokens are not kept',
		async (name, answer) => {
			const s = await simulator();
			let reauthBroken = false;
			const front = await proxy(s, (req, res) => {
				if (!reauthBroken || !req.url!.endsWith('/system/reauth')) return false;
				answer(res);
				return true;
			});
			const { config, staticData } = await savedThenDead(s, front.url);
			reauthBroken = true;

			// A new process resumes the dead tokens from static data: one reauth, then one login, then the answer.
			clearSessions();
			const second = await openSession(config, staticData);
			await expect(second.session.request(HIERARCHY, testRun())).resolves.toBeDefined();
			await expect(second.session.request(HIERARCHY, testRun())).resolves.toBeDefined();
			await second.save();
			const reauths = () => front.received.filter((r) => r.url.endsWith('/system/reauth')).length;
			// One reauth (a 500 is retried like any GET), then one login.
			expect(reauths()).toBe(name === '500' ? 4 : 1);
			expect(countAuth(s)).toBe(2);

			// What was saved is the new login: a third process neither reauths nor logs in.
			clearSessions();
			const third = await openSession(config, staticData);
			await third.session.request(HIERARCHY, testRun());
			expect(reauths()).toBe(name === '500' ? 4 : 1);
			expect(countAuth(s)).toBe(2);
		},
	);

	test('when the login after a failed reauth fails too, the dead tokens leave static data: the next process only logs in', async () => {
		const s = await simulator();
		let broken = false;
		const front = await proxy(s, (req, res) => {
			if (!broken) return false;
			if (req.url!.endsWith('/system/reauth')) {
				res.writeHead(500).end('{}');
				return true;
			}
			if (req.url!.endsWith('/system/auth')) {
				res.writeHead(400, { 'content-type': 'application/json' }).end('{"message":"maintenance"}');
				return true;
			}
			return false;
		});
		const { config, staticData } = await savedThenDead(s, front.url);
		broken = true;
		clearSessions();
		const second = await openSession(config, staticData);
		const error = await failure(second.session.request(HIERARCHY, testRun()));
		expect(error.step).toBe('system/auth');
		await second.save();
		const reauths = front.received.filter((r) => r.url.endsWith('/system/reauth')).length;
		expect(reauths).toBe(4); // one reauth: a 500 and its three retries

		broken = false;
		clearSessions();
		const third = await openSession(config, staticData);
		await third.session.request(HIERARCHY, testRun());
		// Straight to system/auth: the dead refresh token was not saved as good.
		expect(front.received.filter((r) => r.url.endsWith('/system/reauth')).length).toBe(reauths);
	});
});

describe('the Timeout of the request that needs a login bounds the login (case 3)', () => {
	const slow = (path: string) => async () => {
		const s = await simulator();
		const front = await proxy(s, (req, res) => {
			if (!req.url!.endsWith(path)) return false;
			setTimeout(() => res.writeHead(503).end(), 4000);
			return true;
		});
		return { s, front };
	};

	test('system/auth', async () => {
		const { s, front } = await slow('/system/auth')();
		const session = new BigPictureSession(configFor(s, { baseUrl: `${front.url}/jira` }));
		const started = Date.now();
		const error = await failure(session.request({ ...HIERARCHY, timeoutMs: 500 }, testRun()));
		expect(error.reason).toBe('timeout');
		expect(error.step).toBe('system/auth');
		expect(Date.now() - started).toBeLessThan(2500);
	});

	test('system/reauth', async () => {
		const { s, front } = await slow('/system/reauth')();
		const session = new BigPictureSession(configFor(s, { baseUrl: `${front.url}/jira` }));
		await session.request(HIERARCHY, testRun());
		s.expireAuthTokens();
		const started = Date.now();
		const error = await failure(session.request({ ...HIERARCHY, timeoutMs: 500 }, testRun()));
		expect(error.reason).toBe('timeout');
		expect(error.step).toBe('reauth');
		expect(Date.now() - started).toBeLessThan(2500);
	});
});

describe("renewal follows the token's lifetime on the local clock (case 9)", () => {
	test.each([
		['20 minutes', 20 * 60_000, 'reauth'],
		['8 days (beyond the refresh token)', 8 * 24 * 3600_000, 'login'],
	])('n8n ahead of Jira by %s: no renewal before each call, in this process or the next', async (_name, skew) => {
		const s = await simulator();
		s.advanceTime(-skew);
		const staticData: Record<string, unknown> = {};
		const first = await openSession(configFor(s), staticData);
		for (let i = 0; i < 5; i++) await first.session.request(HIERARCHY, testRun());
		await first.save();
		clearSessions();
		const second = await openSession(configFor(s), staticData);
		for (let i = 0; i < 3; i++) await second.session.request(HIERARCHY, testRun());
		expect(countAuth(s)).toBe(1);
		expect(countReauth(s)).toBe(0);
		expect(s.count((c) => c.status === 401)).toBe(0);
	});

	test('a token is still renewed ahead of its life: skewed by 20 minutes with 2 s tokens, no 401', async () => {
		const s = await simulator({ authTtlSeconds: 2 });
		s.advanceTime(-20 * 60_000);
		const session = new BigPictureSession(configFor(s));
		await session.request(HIERARCHY, testRun());
		await new Promise((resolve) => setTimeout(resolve, 1700));
		await session.request(HIERARCHY, testRun());
		expect(countReauth(s)).toBe(1);
		expect(s.count((c) => c.status === 401)).toBe(0);
	});
});

/**
 * A minimal BigPicture whose tokens are opaque (no JWT, no `exp`) and which sets cookies as asked: the node must
 * resume such tokens from static data and keep its jar bounded.
 */
async function opaqueBigPicture(options: { junkCookieBytes?: number } = {}) {
	let issued = 0;
	let current = '';
	let answers = 0;
	const started = await server((req, res) => {
		req.resume();
		const cookies: string[] = [];
		if (options.junkCookieBytes) cookies.push(`junk${++answers}=${'x'.repeat(options.junkCookieBytes)}; Path=/`);
		const send = (status: number, body: unknown) => {
			if (cookies.length) res.setHeader('set-cookie', cookies);
			res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
		};
		if (req.url === `${API}/system/auth`) {
			issued++;
			current = `opaque-auth-${issued}-${'a'.repeat(16)}`;
			cookies.push(`JSESSIONID=session-${issued}; Path=/; HttpOnly`);
			return send(200, { authentication: current, refresh: `opaque-refresh-${issued}-${'r'.repeat(16)}` });
		}
		if (req.headers.authorization !== current || !String(req.headers.cookie).includes('JSESSIONID=')) {
			return send(401, { message: 'Unauthorized' });
		}
		return send(200, { currentVersion: 1, latestVersion: 1, cargo: { boxId: 'ROOT' } });
	});
	return { server: started, logins: () => issued };
}

describe('tokens without exp, and a cookie jar that would grow without bound (case 15)', () => {
	test('tokens without exp are resumed from static data by the next process', async () => {
		const bp = await opaqueBigPicture();
		const config = configFor({ baseUrl: bp.server.url } as Simulator);
		const staticData: Record<string, unknown> = {};
		const first = await openSession(config, staticData);
		await first.session.request(HIERARCHY, testRun());
		await first.save();
		clearSessions();
		const second = await openSession(config, staticData);
		await second.session.request(HIERARCHY, testRun());
		expect(bp.logins()).toBe(1);
	});

	test('a server that sets a new cookie name on every answer: the Cookie header and the snapshot stay small', async () => {
		const bp = await opaqueBigPicture({ junkCookieBytes: 100 });
		const config = configFor({ baseUrl: bp.server.url } as Simulator);
		const staticData: Record<string, unknown> = {};
		const opened = await openSession(config, staticData);
		for (let i = 0; i < 300; i++) await opened.session.request(HIERARCHY, testRun());
		await opened.save();
		const last = bp.server.received[bp.server.received.length - 1];
		const cookie = String(last.headers.cookie);
		expect(cookie).toContain('JSESSIONID=session-1');
		expect(cookie.length).toBeLessThan(8 * 1024);
		expect(JSON.stringify(staticData).length).toBeLessThan(8 * 1024);
		expect(bp.logins()).toBe(1);
		// Still the same login in the next process, with Jira's session cookie.
		clearSessions();
		const second = await openSession(config, staticData);
		await second.session.request(HIERARCHY, testRun());
		expect(bp.logins()).toBe(1);
	});
});

describe("static data does not help anyone guess the credential's password (case 6)", () => {
	const entries = (staticData: Record<string, unknown>) =>
		staticData[STATIC_DATA_KEY] as Record<string, Record<string, unknown>>;

	test("the entry's name does not depend on the password, and each entry is sealed under its own random salt", async () => {
		const s = await simulator();
		const saved = async (password: string) => {
			clearSessions();
			s.opts.users.alice.password = password;
			const staticData: Record<string, unknown> = {};
			const opened = await openSession(configFor(s, { password }), staticData);
			await opened.session.request(HIERARCHY, testRun());
			await opened.save();
			const [[name, entry]] = Object.entries(entries(staticData));
			return { name, entry };
		};
		const a = await saved('one-password');
		const b = await saved('one-password');
		const c = await saved('another-password');
		// The name comes from the credential's identity alone: it cannot be used to test a password guess.
		expect(a.name).toBe(c.name);
		expect(a.name).toBe(b.name);
		// Same credential, two workflows: two salts, so no guess can be tried against both at once.
		expect(typeof a.entry.salt).toBe('string');
		expect(a.entry.salt).not.toEqual(b.entry.salt);
		// Nothing of the identity in clear either.
		expect(JSON.stringify(a)).not.toContain('alice');
	});

	test("an entry sealed for BigPicture alone (before the apps shared one) still resumes, and is kept in the apps' form", async () => {
		const s = await simulator();
		const config = configFor(s);
		const before = new BigPictureSession(config);
		await before.request(HIERARCHY, testRun());
		const staticData: Record<string, unknown> = {};
		await new Sealer(config).write(staticData, before.snapshot()); // the entry as the previous release sealed it
		const name = Object.keys(entries(staticData))[0];
		for (let run = 0; run < 2; run++) {
			clearSessions(); // a new n8n process: the first resumes the old entry, the second what it saved
			const opened = await openSession(config, staticData);
			await opened.session.request(HIERARCHY, testRun());
			await opened.save();
		}
		expect(countAuth(s)).toBe(1);
		expect(Object.keys(entries(staticData))).toEqual([name]);
		const stored = await new Sealer<{ apps: Record<string, unknown> }>(config).read(staticData);
		expect(Object.keys(stored?.apps ?? {})).toEqual(['bigPicture']);
	});

	test('an entry of the old format is ignored (one login) and dropped when the new one is written', async () => {
		const s = await simulator();
		const staticData: Record<string, unknown> = {
			[STATIC_DATA_KEY]: {
				'0123456789abcdef01234567': { v: 1, savedAt: Date.now(), mac: 'x', iv: 'AAAAAAAAAAAAAAAA', tag: 'AAAAAAAAAAAAAAAAAAAAAA==', data: 'AAAA' },
			},
		};
		const opened = await openSession(configFor(s), staticData);
		await opened.session.request(HIERARCHY, testRun());
		await opened.save();
		expect(countAuth(s)).toBe(1);
		expect(Object.keys(entries(staticData))).toHaveLength(1);
		expect(Object.values(entries(staticData))[0].v).toBe(2);
	});
});
