import * as http from 'http';

import { toConnectionConfig } from '../nodes/BigPicture/transport/config';
import { clearSessions, openSession } from '../nodes/BigPicture/transport/sessions';
import { BigPictureSession } from '../nodes/BigPicture/transport/session';
import { STATIC_DATA_KEY } from '../nodes/BigPicture/transport/tokenStore';
import { startSimulator, type Simulator, type SimulatorOptions } from './simulator';
import { configFor, failure, isApiCall, isAuth, isReauth } from './helpers/connection';
import { testRun } from './helpers/wire';

const HIERARCHY = { method: 'GET' as const, path: 'public/ppm/box/box-hierarchy' };

let sim: Simulator;
async function simulator(options: SimulatorOptions = {}): Promise<Simulator> {
	sim = await startSimulator(options);
	return sim;
}

afterEach(async () => {
	clearSessions();
	await sim?.close();
});

const countAuth = () => sim.count((c) => isAuth(c.path));
const countReauth = () => sim.count((c) => isReauth(c.path));
const apiCalls = () => sim.calls.filter((c) => isApiCall(c.path));


describe('login and attach', () => {
	test('the first call logs in once with Basic, then sends the raw JWT and every Jira cookie', async () => {
		await simulator({ affinityCookie: true });
		const session = new BigPictureSession(configFor(sim));
		const body = (await session.request(HIERARCHY, testRun())) as { cargo: { boxId: string } };
		await session.request(HIERARCHY, testRun());

		expect(body.cargo.boxId).toBe('ROOT');
		expect(countAuth()).toBe(1);
		const auth = sim.calls.find((c) => isAuth(c.path))!;
		expect(auth.auth).toBe('basic');
		const calls = apiCalls();
		expect(calls).toHaveLength(2);
		for (const call of calls) {
			expect(call.auth).toBe('jwt');
			expect(call.status).toBe(200);
			expect(call.cookies).toContain('JSESSIONID');
			expect(call.affinity).toBe(true);
			expect(call.sessionValid).toBe(true);
		}
	});

	test('200 parallel requests cause exactly one system/auth', async () => {
		await simulator();
		const session = new BigPictureSession(configFor(sim));
		const results = await Promise.all(Array.from({ length: 200 }, () => session.request(HIERARCHY, testRun())));
		expect(results).toHaveLength(200);
		expect(countAuth()).toBe(1);
		expect(apiCalls().filter((c) => c.status === 200)).toHaveLength(200);
	});

	test('cookie mode sends the pasted cookies (all of them) and no Basic', async () => {
		await simulator();
		const jsession = sim.createSession('alice');
		const session = new BigPictureSession(
			configFor(sim, { authentication: 'cookie', sessionCookie: `JSESSIONID=${jsession}; AWSALB=node-7`, username: '', password: '' }),
		);
		await session.request(HIERARCHY, testRun());
		const auth = sim.calls.find((c) => isAuth(c.path))!;
		expect(auth.auth).toBe('none');
		expect(auth.cookies).toEqual(expect.arrayContaining(['JSESSIONID', 'AWSALB']));
		expect(auth.status).toBe(200);
		expect(apiCalls()[0].cookies).toEqual(expect.arrayContaining(['JSESSIONID', 'AWSALB']));
	});

	test('a pasted session that Jira rotates is replaced, not sent twice', async () => {
		await simulator();
		const jsession = sim.createSession('alice');
		const session = new BigPictureSession(
			configFor(sim, { authentication: 'cookie', sessionCookie: `JSESSIONID=${jsession}`, username: '', password: '' }),
		);
		await session.request(HIERARCHY, testRun());
		sim.rotateSession({ keepOld: false });
		await session.request(HIERARCHY, testRun());
		await session.request(HIERARCHY, testRun());
		const last = apiCalls()[2];
		expect(last.status).toBe(200);
		expect(last.cookies.filter((name) => name === 'JSESSIONID')).toHaveLength(1);
	});

	test('a bare JSESSIONID value is accepted as the cookie', async () => {
		await simulator();
		const jsession = sim.createSession('alice');
		const session = new BigPictureSession(
			configFor(sim, { authentication: 'cookie', sessionCookie: jsession, username: '', password: '' }),
		);
		await session.request(HIERARCHY, testRun());
		expect(apiCalls()[0].sessionValid).toBe(true);
	});

	test('cookie mode falls back to Basic when Jira refuses the cookie', async () => {
		await simulator();
		const session = new BigPictureSession(
			configFor(sim, { authentication: 'cookie', sessionCookie: 'JSESSIONID=dead-session' }),
		);
		await session.request(HIERARCHY, testRun());
		const auths = sim.calls.filter((c) => isAuth(c.path));
		expect(auths.map((c) => [c.auth, c.status])).toEqual([
			['none', 401],
			['basic', 200],
		]);
		expect(apiCalls()[0].status).toBe(200);
	});

	test('a dead cookie without a fallback says so, and is tried once', async () => {
		await simulator();
		const session = new BigPictureSession(
			configFor(sim, { authentication: 'cookie', sessionCookie: 'JSESSIONID=dead-session', username: '', password: '' }),
		);
		const error = await failure(session.request(HIERARCHY, testRun()));
		expect(error.reason).toBe('session-expired');
		expect(error.step).toBe('login');
		expect(error.status).toBe(401);
		expect(error.hint).toMatch(/JSESSIONID/);
		expect(countAuth()).toBe(1);
	});

	test('auto API path falls back once to the short key and remembers it', async () => {
		await simulator({ apiKeys: ['bigpicture'] });
		const session = new BigPictureSession(configFor(sim));
		await session.request(HIERARCHY, testRun());
		await session.request(HIERARCHY, testRun());
		expect(sim.calls.map((c) => [c.path, c.status])).toEqual([
			['/rest/softwareplant-bigpicture/1.0/system/auth', 404],
			['/rest/bigpicture/1.0/system/auth', 200],
			['/rest/bigpicture/1.0/public/ppm/box/box-hierarchy', 200],
			['/rest/bigpicture/1.0/public/ppm/box/box-hierarchy', 200],
		]);
		expect(session.apiPath).toBe('/rest/bigpicture/1.0');
	});

	test('Bearer format, when chosen, is what goes on the wire', async () => {
		await simulator({ acceptBearer: true });
		const session = new BigPictureSession(configFor(sim, { authorizationFormat: 'bearer' }));
		await session.request(HIERARCHY, testRun());
		expect(apiCalls()[0].auth).toBe('bearer-jwt');
	});

	test('Jira session cookies rotated by Jira are followed', async () => {
		await simulator();
		const session = new BigPictureSession(configFor(sim));
		await session.request(HIERARCHY, testRun());
		sim.rotateSession({ keepOld: false });
		await session.request(HIERARCHY, testRun());
		await session.request(HIERARCHY, testRun());
		const calls = apiCalls();
		expect(calls.map((c) => c.status)).toEqual([200, 200, 200]);
		expect(calls[2].sessionValid).toBe(true);
		expect(countAuth()).toBe(1);
	});
});

describe('renewal', () => {
	test('an expired token is renewed by one reauth and the call succeeds', async () => {
		await simulator();
		const session = new BigPictureSession(configFor(sim));
		await session.request(HIERARCHY, testRun());
		sim.expireAuthTokens();
		await session.request(HIERARCHY, testRun());
		expect(countAuth()).toBe(1);
		expect(countReauth()).toBe(1);
		const reauth = sim.calls.find((c) => isReauth(c.path))!;
		expect(reauth.auth).toBe('refresh');
		expect(apiCalls().map((c) => c.status)).toEqual([200, 401, 200]);
	});

	test('a burst of 401s for one expired token causes one reauth', async () => {
		await simulator();
		const session = new BigPictureSession(configFor(sim));
		await session.request(HIERARCHY, testRun());
		sim.expireAuthTokens();
		await Promise.all(Array.from({ length: 50 }, () => session.request(HIERARCHY, testRun())));
		expect(countReauth()).toBe(1);
		expect(countAuth()).toBe(1);
	});

	test('tokens that die after a few uses keep working through reauths, never a new login', async () => {
		await simulator({ authMaxUses: 3 });
		const session = new BigPictureSession(configFor(sim));
		for (let i = 0; i < 12; i++) await session.request(HIERARCHY, testRun());
		expect(countAuth()).toBe(1);
		expect(countReauth()).toBeGreaterThanOrEqual(3);
		expect(apiCalls().filter((c) => c.status === 200)).toHaveLength(12);
	});

	test('a token close to its expiry is renewed before use: no 401 in steady state', async () => {
		await simulator({ authTtlSeconds: 2 });
		const session = new BigPictureSession(configFor(sim));
		await session.request(HIERARCHY, testRun());
		await new Promise((resolve) => setTimeout(resolve, 1700));
		await session.request(HIERARCHY, testRun());
		expect(countReauth()).toBe(1);
		expect(sim.count((c) => c.status === 401)).toBe(0);
	});

	test('a refused refresh token leads to one full login', async () => {
		await simulator();
		const session = new BigPictureSession(configFor(sim));
		await session.request(HIERARCHY, testRun());
		sim.expireAuthTokens();
		sim.expireRefreshTokens();
		await session.request(HIERARCHY, testRun());
		expect(countReauth()).toBe(1);
		expect(countAuth()).toBe(2);
		expect(apiCalls().map((c) => c.status)).toEqual([200, 401, 200]);
	});

	test('a dead Jira session: reauth, still 401, one re-login with Basic, success', async () => {
		await simulator();
		const session = new BigPictureSession(configFor(sim));
		await session.request(HIERARCHY, testRun());
		sim.killSessions();
		await session.request(HIERARCHY, testRun());
		expect(countAuth()).toBe(2);
		expect(countReauth()).toBe(1);
		expect(apiCalls().map((c) => c.status)).toEqual([200, 401, 401, 200]);
		expect(apiCalls()[3].sessionValid).toBe(true);
	});

	test('a 401 that survives a fresh login is an error, with no loop', async () => {
		await simulator();
		const session = new BigPictureSession(configFor(sim));
		await session.request(HIERARCHY, testRun());
		// Every session dies as soon as it is made: nothing the client does can succeed.
		sim.setOptions({ sessionTtlSeconds: 0.000001 });
		sim.killSessions();
		const error = await failure(session.request(HIERARCHY, testRun()));
		expect(error.status).toBe(401);
		expect(error.step).toBe('request');
		expect(error.message).toMatch(/even after a fresh BigPicture login/);
		expect(apiCalls().length).toBeLessThanOrEqual(4);
		expect(countAuth()).toBe(2);
	});
});

describe('refusals are final', () => {
	test('a wrong password says so, is not retried, and never shows the password', async () => {
		await simulator();
		const session = new BigPictureSession(configFor(sim, { password: 'wrong-Pa55word' }));
		const error = await failure(session.request(HIERARCHY, testRun()));
		expect(error.reason).toBe('wrong-login');
		expect(error.step).toBe('login');
		expect(error.status).toBe(401);
		expect(countAuth()).toBe(1);
		expect(JSON.stringify({ ...error, message: error.message })).not.toContain('wrong-Pa55word');
	});

	test('a CAPTCHA lock stops at once and tells the user what to do', async () => {
		await simulator({ captchaAfter: 2 });
		sim.lockCaptcha('alice');
		const session = new BigPictureSession(configFor(sim));
		const error = await failure(session.request(HIERARCHY, testRun()));
		expect(error.reason).toBe('captcha');
		expect(error.hint).toMatch(/browser/);
		expect(countAuth()).toBe(1);
		// Answered from memory: trying again would only prolong the lock.
		const again = await failure(session.request(HIERARCHY, testRun()));
		expect(again.reason).toBe('captcha');
		expect(countAuth()).toBe(1);
	});

	test('a refused password is remembered: the next calls do not try it again', async () => {
		await simulator({ captchaAfter: 3 });
		const session = new BigPictureSession(configFor(sim, { password: 'not-the-password' }));
		for (let i = 0; i < 5; i++) expect((await failure(session.request(HIERARCHY, testRun()))).reason).toBe('wrong-login');
		expect(countAuth()).toBe(1);
		expect(sim.failedLogins('alice')).toBe(1);
	});

	test('one call logs in at most once, even when the call itself started with a login', async () => {
		// A BigPicture that logs in fine but refuses every API call (the user lost BigPicture access).
		const paths: string[] = [];
		let n = 0;
		const server = http.createServer((req, res) => {
			paths.push(req.url!);
			res.setHeader('content-type', 'application/json');
			if (req.url!.endsWith('/system/auth')) {
				res.end(JSON.stringify({ authentication: `a${++n}`, refresh: `r${n}` }));
			} else if (req.url!.endsWith('/system/reauth')) {
				res.end(JSON.stringify({ authentication: `a${++n}` }));
			} else {
				res.statusCode = 401;
				res.end('{}');
			}
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
		const port = (server.address() as { port: number }).port;
		try {
			const session = new BigPictureSession(
				toConnectionConfig({ baseUrl: `http://127.0.0.1:${port}`, authentication: 'basic', username: 'u', password: 'p' }),
			);
			const error = await failure(session.request(HIERARCHY, testRun()));
			expect(error.status).toBe(401);
			expect(paths.filter((p) => p.endsWith('/system/auth'))).toHaveLength(1);
		} finally {
			server.close();
		}
		// Started without a login of its own: reauth, then one login, then the error.
		sim = await startSimulator();
	});

	test('Basic disabled on Jira (Jira 11) is reported as such', async () => {
		await simulator({ basicAuthAllowed: false });
		const session = new BigPictureSession(configFor(sim));
		const error = await failure(session.request(HIERARCHY, testRun()));
		expect(error.reason).toBe('basic-disabled');
		expect(error.message).toMatch(/does not allow Basic/);
		expect(error.hint).toMatch(/Session Cookie/);
		expect(countAuth()).toBe(1);
	});

	test('no BigPicture at the address: 404 under both keys, a clear error', async () => {
		await simulator({ apiKeys: [] });
		const session = new BigPictureSession(configFor(sim));
		const error = await failure(session.request(HIERARCHY, testRun()));
		expect(error.reason).toBe('not-installed');
		expect(error.message).toMatch(/^Jira [\d.]+ answers here, but BigPicture does not/);
		expect(error.status).toBe(404);
		expect(countAuth()).toBe(2);
	});

	test('a wrong context path: no Jira there, and the hint says where to look', async () => {
		await simulator();
		const session = new BigPictureSession(configFor(sim, { baseUrl: `${sim.baseUrl}/wrong` }));
		const error = await failure(session.request(HIERARCHY, testRun()));
		expect(error.reason).toBe('not-jira');
		expect(error.hint).toMatch(/context path/);
	});

	test('a login page instead of JSON is a clear error naming the step', async () => {
		await simulator({ loginPageFor: /system\/auth/ });
		const session = new BigPictureSession(configFor(sim));
		const error = await failure(session.request(HIERARCHY, testRun()));
		expect(error.reason).toBe('bad-response');
		expect(error.step).toBe('system/auth');
		expect(error.message).toMatch(/HTML page instead of JSON/);
	});

	test('an unreachable host is reported as such', async () => {
		await simulator();
		const config = configFor(sim);
		await sim.close();
		const session = new BigPictureSession({ ...config, baseUrl: config.baseUrl });
		const error = await failure(session.request(HIERARCHY, testRun()));
		expect(error.reason).toBe('unreachable');
		sim = await startSimulator();
	});
});

describe('token store', () => {
	test('static data carries the session into a new process, sealed', async () => {
		await simulator();
		const staticData: Record<string, unknown> = {};
		const first = await openSession(configFor(sim), staticData);
		await first.session.request(HIERARCHY, testRun());
		await first.save();

		const stored = JSON.stringify(staticData);
		expect(Object.keys(staticData)).toEqual([STATIC_DATA_KEY]);
		for (const secret of [...sim.secrets, 's3cret']) expect(stored).not.toContain(secret);
		expect(stored).not.toMatch(/eyJ/);

		clearSessions(); // a new n8n process
		const second = await openSession(configFor(sim), JSON.parse(stored));
		await second.session.request(HIERARCHY, testRun());
		expect(countAuth()).toBe(1);
		expect(apiCalls().map((c) => [c.status, c.sessionValid])).toEqual([
			[200, true],
			[200, true],
		]);
	});

	test('an unchanged session does not rewrite static data', async () => {
		await simulator();
		const staticData: Record<string, unknown> = {};
		const opened = await openSession(configFor(sim), staticData);
		await opened.session.request(HIERARCHY, testRun());
		await opened.save();
		const entry = staticData[STATIC_DATA_KEY];
		const again = await openSession(configFor(sim), staticData);
		await again.session.request(HIERARCHY, testRun());
		await again.save();
		expect(staticData[STATIC_DATA_KEY]).toBe(entry);
	});

	test('a changed credential never reuses the old tokens', async () => {
		await simulator();
		const staticData: Record<string, unknown> = {};
		const alice = await openSession(configFor(sim), staticData);
		await alice.session.request(HIERARCHY, testRun());
		await alice.save();
		clearSessions();
		const bob = await openSession(configFor(sim, { username: 'bob', password: 'hunter22' }), staticData);
		await bob.session.request(HIERARCHY, testRun());
		expect(countAuth()).toBe(2);
		expect(apiCalls()[1].user).toBe('bob');
	});

	test('a load balancer that re-sets its cookie on every answer does not make every run rewrite static data', async () => {
		await simulator({ affinityCookie: true });
		const staticData: Record<string, unknown> = {};
		const first = await openSession(configFor(sim), staticData);
		await first.session.request(HIERARCHY, testRun());
		await first.save();
		const entry = staticData[STATIC_DATA_KEY];
		clearSessions();
		await new Promise((resolve) => setTimeout(resolve, 1100)); // the affinity cookie's Expires moves on
		const second = await openSession(configFor(sim), staticData);
		await second.session.request(HIERARCHY, testRun());
		await second.save();
		expect(countAuth()).toBe(1);
		expect(staticData[STATIC_DATA_KEY]).toBe(entry);
	});

	test('changing the TLS switch gives a new session (a new HTTP agent), not the cached one', async () => {
		await simulator();
		const plain = await openSession(configFor(sim), {});
		const insecure = await openSession(configFor(sim, { ignoreSslIssues: true }), {});
		expect(insecure.session).not.toBe(plain.session);
		expect(insecure.session.config.allowUnauthorizedCerts).toBe(true);
	});

	test('the memory layer shares one login between executions of the process', async () => {
		await simulator();
		const a = await openSession(configFor(sim), {});
		await a.session.request(HIERARCHY, testRun());
		const b = await openSession(configFor(sim), {});
		await b.session.request(HIERARCHY, testRun());
		expect(a.session).toBe(b.session);
		expect(countAuth()).toBe(1);
	});
});
