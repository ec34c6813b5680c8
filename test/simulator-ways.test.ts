import { startSimulator, Simulator } from './simulator';

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
const cookieHeader = (setCookies: string[]) => setCookies.map((c) => c.split(';')[0]).join('; ');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (r: Response): Promise<any> => r.json();
const last = (sim: Simulator) => sim.calls[sim.calls.length - 1];
const HIERARCHY = 'public/ppm/box/box-hierarchy';

describe('simulator: BigPicture API tokens on Data Center', () => {
	let sim: Simulator;
	beforeEach(async () => {
		sim = await startSimulator({ apiTokens: { 'bp-tok-1': 'alice', 'bp-tok-2': { user: 'bob', expired: true } } });
	});
	afterEach(async () => { await sim.close(); });

	test('both schemes work on BigPicture calls without a cookie; expired and revoked tokens get 401', async () => {
		for (const h of ['Bearer bp-tok-1', 'APIToken bp-tok-1']) {
			const r = await fetch(`${sim.apiBase()}/${HIERARCHY}`, { headers: { authorization: h } });
			expect(r.status).toBe(200);
			expect(last(sim)).toMatchObject({ auth: 'apitoken', user: 'alice', app: 'bigPicture', cookies: [] });
		}
		let r = await fetch(`${sim.apiBase()}/${HIERARCHY}`, { headers: { authorization: 'Bearer bp-tok-2' } });
		expect(r.status).toBe(401);
		expect(r.headers.get('x-simulator-reason')).toBe('API token expired');
		sim.revokeApiToken('bp-tok-1');
		r = await fetch(`${sim.apiBase()}/${HIERARCHY}`, { headers: { authorization: 'Bearer bp-tok-1' } });
		expect(r.status).toBe(401);
		expect(r.headers.get('x-simulator-reason')).toBe('API token revoked');
		r = await fetch(`${sim.apiBase()}/${HIERARCHY}`, { headers: { authorization: 'Bearer nope' } });
		expect(r.status).toBe(401);
		expect(sim.secrets).toEqual(expect.arrayContaining(['bp-tok-1', 'bp-tok-2']));
	});

	test('an API token is not a Jira login; apiTokenSchemes limits the scheme', async () => {
		let r = await fetch(`${sim.baseUrl}/rest/api/2/myself`, { headers: { authorization: 'Bearer bp-tok-1' } });
		expect(r.status).toBe(401);
		sim.setOptions({ apiTokenSchemes: ['bearer'] });
		r = await fetch(`${sim.apiBase()}/${HIERARCHY}`, { headers: { authorization: 'APIToken bp-tok-1' } });
		expect(r.status).toBe(401);
		expect(r.headers.get('x-simulator-reason')).toMatch(/scheme/);
		r = await fetch(`${sim.apiBase()}/${HIERARCHY}`, { headers: { authorization: 'Bearer bp-tok-1' } });
		expect(r.status).toBe(200);
	});

	test('apiTokenKeys: the short key answers token calls only, the classic key refuses tokens', async () => {
		sim.setOptions({ apiTokenKeys: ['bigpicture'] });
		const short = sim.apiBase('bigpicture');
		let r = await fetch(`${short}/${HIERARCHY}`, { headers: { authorization: 'Bearer bp-tok-1' } });
		expect(r.status).toBe(200);
		r = await fetch(`${short}/${HIERARCHY}`, { headers: { authorization: 'Bearer wrong' } });
		expect(r.status).toBe(401);
		r = await fetch(`${short}/system/auth`, { headers: { authorization: basic('alice', 's3cret') } });
		expect(r.status).toBe(404);
		r = await fetch(`${sim.apiBase()}/${HIERARCHY}`, { headers: { authorization: 'Bearer bp-tok-1' } });
		expect(r.status).toBe(401);
		expect(r.headers.get('x-simulator-reason')).toMatch(/not accepted under/);
		// the JWT flow still works on the classic key
		r = await fetch(`${sim.apiBase()}/system/auth`, { headers: { authorization: basic('alice', 's3cret') } });
		expect(r.status).toBe(200);
	});
});

describe('simulator: Jira personal access tokens', () => {
	let sim: Simulator;
	beforeEach(async () => {
		sim = await startSimulator({ jiraPats: { 'pat-alice': 'alice', 'pat-old': { user: 'bob', expired: true } }, apiTokens: { 'bp-tok': 'alice' } });
	});
	afterEach(async () => { await sim.close(); });

	test('a PAT opens system/auth (JSESSIONID set) and the JWT flow goes on with that session', async () => {
		let r = await fetch(`${sim.apiBase()}/system/auth`, { headers: { authorization: 'Bearer pat-alice' } });
		expect(r.status).toBe(200);
		expect(last(sim)).toMatchObject({ auth: 'pat', user: 'alice' });
		const cookie = cookieHeader(r.headers.getSetCookie());
		expect(cookie).toMatch(/JSESSIONID=/);
		const t = await json(r);
		r = await fetch(`${sim.apiBase()}/${HIERARCHY}`, { headers: { authorization: t.authentication, cookie } });
		expect(r.status).toBe(200);
		expect(sim.stats().sessionsCreated).toBe(1);
		// Jira REST takes the PAT; with the session of the same user no new session is made
		r = await fetch(`${sim.baseUrl}/rest/api/2/myself`, { headers: { authorization: 'Bearer pat-alice', cookie } });
		expect(r.status).toBe(200);
		expect((await json(r)).name).toBe('alice');
		expect(sim.stats().sessionsCreated).toBe(1);
	});

	test('expired, revoked and unknown PATs get 401; a BigPicture API token is not a PAT', async () => {
		for (const pat of ['pat-old', 'unknown']) {
			const r = await fetch(`${sim.baseUrl}/rest/api/2/myself`, { headers: { authorization: `Bearer ${pat}` } });
			expect(r.status).toBe(401);
		}
		sim.revokeJiraPat('pat-alice');
		let r = await fetch(`${sim.apiBase()}/system/auth`, { headers: { authorization: 'Bearer pat-alice' } });
		expect(r.status).toBe(401);
		expect(r.headers.get('x-simulator-reason')).toBe('personal access token revoked');
		r = await fetch(`${sim.baseUrl}/rest/api/2/myself`, { headers: { authorization: 'Bearer bp-tok' } });
		expect(r.status).toBe(401);
		expect(sim.stats().sessionsCreated).toBe(0);
	});

	test('patSystemAuth500: system/auth answers 500 to a PAT, Basic still works', async () => {
		sim.setOptions({ patSystemAuth500: true });
		let r = await fetch(`${sim.apiBase()}/system/auth`, { headers: { authorization: 'Bearer pat-alice' } });
		expect(r.status).toBe(500);
		r = await fetch(`${sim.apiBase()}/system/auth`, { headers: { authorization: basic('alice', 's3cret') } });
		expect(r.status).toBe(200);
	});
});

describe('simulator: Jira Cloud Basic with an Atlassian API token', () => {
	let sim: Simulator;
	beforeEach(async () => { sim = await startSimulator({ contextPath: '', atlassianApiTokens: { 'atl-tok': 'alice' } }); });
	afterEach(async () => { await sim.close(); });

	test('email + API token is stateless; wrong tokens lead to the CAPTCHA rule (AUTHENTICATION_DENIED)', async () => {
		const url = `${sim.baseUrl}/rest/api/2/myself`;
		let r = await fetch(url, { headers: { authorization: basic('alice@example.com', 'atl-tok') } });
		expect(r.status).toBe(200);
		expect(r.headers.getSetCookie().some((c) => c.startsWith('JSESSIONID='))).toBe(false);
		expect(last(sim)).toMatchObject({ auth: 'basic', user: 'alice' });
		for (let i = 0; i < 3; i++) {
			r = await fetch(url, { headers: { authorization: basic('alice@example.com', 'wrong') } });
			expect(r.status).toBe(401);
			expect(r.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
		}
		r = await fetch(url, { headers: { authorization: basic('alice@example.com', 'atl-tok') } });
		expect(r.status).toBe(401);
		expect(r.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATION_DENIED');
		sim.unlockCaptcha('alice');
		r = await fetch(url, { headers: { authorization: basic('alice@example.com', 'atl-tok') } });
		expect(r.status).toBe(200);
		expect(sim.stats().sessionsCreated).toBe(0);
	});
});

describe('simulator: BigGantt and BigTemplate beside BigPicture', () => {
	let sim: Simulator;
	beforeEach(async () => { sim = await startSimulator({ apps: ['bigGantt', 'bigTemplate'] }); });
	afterEach(async () => { await sim.close(); });

	test('one Jira session, one JWT pair per app; tokens of one app are refused by another', async () => {
		let r = await fetch(`${sim.apiBase()}/system/auth`, { headers: { authorization: basic('alice', 's3cret') } });
		const cookie = cookieHeader(r.headers.getSetCookie());
		const bp = await json(r);
		expect(sim.appBase('bigTemplate')).toBe(`${sim.baseUrl}/rest/softwareplant-bigtemplate/1.0`);
		r = await fetch(`${sim.appBase('bigTemplate')}/system/auth`, { headers: { cookie } });
		expect(r.status).toBe(200);
		expect(last(sim)).toMatchObject({ app: 'bigTemplate', user: 'alice' });
		const bt = await json(r);
		r = await fetch(`${sim.appBase('bigGantt')}/system/auth`, { headers: { cookie } });
		const bg = await json(r);
		expect(sim.stats().sessionsCreated).toBe(1);

		const call = (app: 'bigPicture' | 'bigGantt' | 'bigTemplate', token: string) =>
			fetch(`${sim.appBase(app)}/${HIERARCHY}`, { headers: { authorization: token, cookie } }).then((x) => x.status);
		expect(await call('bigPicture', bp.authentication)).toBe(200);
		expect(await call('bigTemplate', bt.authentication)).toBe(200);
		expect(await call('bigGantt', bg.authentication)).toBe(200);
		expect(await call('bigTemplate', bp.authentication)).toBe(401);
		expect(await call('bigPicture', bt.authentication)).toBe(401);
		expect(await call('bigGantt', bt.authentication)).toBe(401);
		expect(sim.calls.filter((c) => c.path.endsWith(HIERARCHY)).map((c) => c.auth)).toEqual(['jwt', 'jwt', 'jwt', 'jwt', 'jwt', 'jwt']);

		// each app renews with its own refresh token
		sim.expireAppTokens('bigTemplate');
		expect(await call('bigTemplate', bt.authentication)).toBe(401);
		expect(await call('bigPicture', bp.authentication)).toBe(200);
		r = await fetch(`${sim.appBase('bigTemplate')}/system/reauth`, { headers: { authorization: bp.refresh } });
		expect(r.status).toBe(401);
		r = await fetch(`${sim.appBase('bigTemplate')}/system/reauth`, { headers: { authorization: bt.refresh } });
		expect(r.status).toBe(200);
		expect(await call('bigTemplate', (await json(r)).authentication)).toBe(200);

		expect(sim.appStats()).toEqual({
			bigPicture: { logins: 1, authIssued: 1, refreshIssued: 1 },
			bigGantt: { logins: 1, authIssued: 1, refreshIssued: 1 },
			bigTemplate: { logins: 1, authIssued: 2, refreshIssued: 1 },
		});
	});

	test('bigGanttKey: biggantt answers under /rest/biggantt/1.0 only', async () => {
		await sim.close();
		sim = await startSimulator({ apps: ['bigGantt'], bigGanttKey: 'biggantt' });
		expect(sim.appBase('bigGantt')).toBe(`${sim.baseUrl}/rest/biggantt/1.0`);
		let r = await fetch(`${sim.appBase('bigGantt')}/system/auth`, { headers: { authorization: basic('alice', 's3cret') } });
		expect(r.status).toBe(200);
		r = await fetch(`${sim.baseUrl}/rest/softwareplant-biggantt/1.0/system/auth`, { headers: { authorization: basic('alice', 's3cret') } });
		expect(r.status).toBe(404);
		expect(() => sim.appBase('bigTemplate')).toThrow(/not installed/);
	});
});

describe('simulator: BigPicture Cloud', () => {
	let sim: Simulator;
	beforeEach(async () => { sim = await startSimulator({ cloud: { tokens: { 'cloud-tok': 'alice', 'cloud-old': { user: 'bob', revoked: true } } } }); });
	afterEach(async () => { await sim.close(); });

	const get = (url: string, token?: string) => fetch(url, { headers: token ? { authorization: token } : {}, redirect: 'manual' });

	test('discovery answers the location; the API is {location}/rest/…; a moved tenant answers 401 at the old base', async () => {
		expect(sim.cloudDiscoveryUrl()).toBe(`http://127.0.0.1:${sim.port}/cloudmanager/bigpicture/where-am-i`);
		let r = await get(sim.cloudDiscoveryUrl(), 'Bearer cloud-tok');
		expect(r.status).toBe(200);
		const { location } = await json(r);
		expect(location).toBe(`http://127.0.0.1:${sim.port}/cloud/eu-1/tenant-a`);
		expect(last(sim)).toMatchObject({ app: 'cloud', auth: 'cloudtoken', user: 'alice' });

		r = await get(`${location}/rest/${HIERARCHY}`, 'APIToken cloud-tok');
		expect(r.status).toBe(200);
		expect((await json(r)).cargo.boxId).toBe('ROOT');
		expect((await get(`${location}/rest/${HIERARCHY}`)).status).toBe(401);
		expect((await get(`${location}/rest/${HIERARCHY}`, 'Bearer cloud-old')).status).toBe(401);
		expect((await get(`${location}/rest/system/auth`, 'Bearer cloud-tok')).status).toBe(404);
		expect((await get(sim.cloudDiscoveryUrl())).status).toBe(401);

		const moved = sim.moveTenant('/cloud/us-2/tenant-a');
		r = await get(`${location}/rest/${HIERARCHY}`, 'Bearer cloud-tok');
		expect(r.status).toBe(401);
		expect(r.headers.get('x-simulator-reason')).toMatch(/moved/);
		r = await get(sim.cloudDiscoveryUrl(), 'Bearer cloud-tok');
		expect((await json(r)).location).toBe(moved);
		expect((await get(`${moved}/rest/${HIERARCHY}`, 'Bearer cloud-tok')).status).toBe(200);
		expect(sim.cloudStats()).toEqual({ discoveryCalls: 3, discoveryOk: 2 });
		// Jira's context path is untouched by Cloud
		expect((await get(`${sim.baseUrl}/rest/api/2/serverInfo`)).status).toBe(200);
	});

	test('location and redirect overrides, for the client\'s origin rules', async () => {
		await sim.close();
		sim = await startSimulator({ cloud: { tokens: { 'cloud-tok': 'alice' }, location: 'http://evil.example/t', redirectDiscoveryTo: null } });
		let r = await get(sim.cloudDiscoveryUrl(), 'Bearer cloud-tok');
		expect((await json(r)).location).toBe('http://evil.example/t');
		await sim.close();
		sim = await startSimulator({ cloud: { tokens: { 'cloud-tok': 'alice' }, redirectDiscoveryTo: 'http://127.0.0.1:9/steal' } });
		r = await get(sim.cloudDiscoveryUrl(), 'Bearer cloud-tok');
		expect(r.status).toBe(302);
		expect(r.headers.get('location')).toBe('http://127.0.0.1:9/steal');
	});
});
