import { startSimulator, routes, Simulator } from './simulator';

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
const cookieHeader = (setCookies: string[]) => setCookies.map((c) => c.split(';')[0]).join('; ');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (r: Response): Promise<any> => r.json();
const decodeJwt = (t: string) => JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString('utf8'));

/** Logs in with Basic on system/auth; returns tokens and the cookie header to send back. */
async function login(sim: Simulator, user = 'alice', password = 's3cret') {
  const r = await fetch(`${sim.apiBase()}/system/auth`, { headers: { authorization: basic(user, password) } });
  const body = (await r.json()) as { authentication: string; refresh: string };
  return { status: r.status, cookie: cookieHeader(r.headers.getSetCookie()), setCookies: r.headers.getSetCookie(), ...body };
}

describe('BigPicture simulator', () => {
  let sim: Simulator;
  beforeEach(async () => { sim = await startSimulator({ portfolio: 'small' }); });
  afterEach(async () => { await sim.close(); });

  test('Basic login on system/auth sets cookies and returns expiring JWTs', async () => {
    const l = await login(sim);
    expect(l.status).toBe(200);
    expect(l.setCookies.some((c) => /^JSESSIONID=[^;]+; Path=\/jira; HttpOnly/.test(c))).toBe(true);
    expect(l.setCookies.some((c) => c.startsWith('AWSALB='))).toBe(true);
    const a = decodeJwt(l.authentication);
    const r = decodeJwt(l.refresh);
    expect(a).toMatchObject({ sub: 'alice', typ: 'auth' });
    expect(r).toMatchObject({ sub: 'alice', typ: 'refresh' });
    expect(a.exp - a.iat).toBe(900);
    expect(r.exp - r.iat).toBe(604800);

    const url = `${sim.apiBase()}/public/ppm/box/box-hierarchy`;
    let res = await fetch(url, { headers: { authorization: l.authentication, cookie: l.cookie } });
    expect(res.status).toBe(200);
    const env = await json(res);
    expect(env).toMatchObject({ currentVersion: 1, latestVersion: 1, cargo: { boxId: 'ROOT' } });
    expect(env.cargo.boxChildren[0].boxChildren.map((b: any) => b.boxId)).toEqual(['PROG-1', 'PROG-2']);
    const last = sim.calls[sim.calls.length - 1];
    expect(last).toMatchObject({ auth: 'jwt', user: 'alice', sessionValid: true, affinity: true, status: 200 });

    sim.advanceTime(901_000);
    res = await fetch(url, { headers: { authorization: l.authentication, cookie: l.cookie } });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-simulator-reason')).toMatch(/expired/);
  });

  test('cookie login, reauth, and the session requirement', async () => {
    const sid = sim.createSession('alice');
    let res = await fetch(`${sim.apiBase()}/system/auth`, { headers: { cookie: `JSESSIONID=${sid}` } });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('JSESSIONID='))).toBe(false);
    const t = await json(res);
    expect(decodeJwt(t.authentication).sid).toBe(sid);

    sim.expireAuthTokens();
    const url = `${sim.apiBase()}/public/ppm/box/box-types`;
    res = await fetch(url, { headers: { authorization: t.authentication, cookie: `JSESSIONID=${sid}` } });
    expect(res.status).toBe(401);

    res = await fetch(`${sim.apiBase()}/system/reauth`, { headers: { authorization: t.refresh } });
    expect(res.status).toBe(200);
    const { authentication } = await json(res);
    res = await fetch(url, { headers: { authorization: authentication, cookie: `JSESSIONID=${sid}` } });
    expect(res.status).toBe(200);

    // no cookie → 401 even with a valid token
    res = await fetch(url, { headers: { authorization: authentication } });
    expect(res.status).toBe(401);
    // Bearer refused unless acceptBearer
    res = await fetch(url, { headers: { authorization: `Bearer ${authentication}`, cookie: `JSESSIONID=${sid}` } });
    expect(res.status).toBe(401);
    sim.setOptions({ acceptBearer: true });
    res = await fetch(url, { headers: { authorization: `Bearer ${authentication}`, cookie: `JSESSIONID=${sid}` } });
    expect(res.status).toBe(200);
    expect(sim.calls[sim.calls.length - 1].auth).toBe('bearer-jwt');

    sim.killSessions();
    res = await fetch(url, { headers: { authorization: authentication, cookie: `JSESSIONID=${sid}` } });
    expect(res.status).toBe(401);
    sim.expireRefreshTokens();
    res = await fetch(`${sim.apiBase()}/system/reauth`, { headers: { authorization: t.refresh } });
    expect(res.status).toBe(401);
  });

  test('authMaxUses kills a token after N calls', async () => {
    sim.setOptions({ authMaxUses: 2 });
    const l = await login(sim);
    const get = () => fetch(`${sim.apiBase()}/public/ppm/box/box-types`, { headers: { authorization: l.authentication, cookie: l.cookie } }).then((r) => r.status);
    expect([await get(), await get(), await get()]).toEqual([200, 200, 401]);
  });

  test('CAPTCHA after N failed Basic logins, password not checked, unlock', async () => {
    const url = `${sim.baseUrl}/rest/api/2/myself`;
    for (let i = 0; i < 3; i++) {
      const r = await fetch(url, { headers: { authorization: basic('alice', 'wrong') } });
      expect(r.status).toBe(401);
      expect(r.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
    }
    let r = await fetch(url, { headers: { authorization: basic('alice', 's3cret') } });
    expect(r.status).toBe(401);
    expect(r.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATION_DENIED');
    expect(r.headers.get('x-authentication-denied-reason')).toBe(`CAPTCHA_CHALLENGE; login-url=${sim.baseUrl}/login.jsp`);
    sim.unlockCaptcha('alice');
    r = await fetch(url, { headers: { authorization: basic('alice', 's3cret') } });
    expect(r.status).toBe(200);
    expect((await json(r)).name).toBe('alice');
    expect(r.headers.getSetCookie().some((c) => c.startsWith('JSESSIONID='))).toBe(true);
  });

  test('Basic disabled (Jira 11 style) and JSON session login', async () => {
    sim.setOptions({ basicAuthAllowed: false });
    let r = await fetch(`${sim.apiBase()}/system/auth`, { headers: { authorization: basic('alice', 's3cret') } });
    expect(r.status).toBe(401);
    expect((await json(r)).errorMessages[0]).toMatch(/Basic authentication is disabled/);
    r = await fetch(`${sim.baseUrl}/rest/auth/1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'alice', password: 's3cret' }) });
    expect(r.status).toBe(200);
    const { session } = await json(r);
    expect(session.name).toBe('JSESSIONID');
    r = await fetch(`${sim.apiBase()}/system/auth`, { headers: { cookie: `JSESSIONID=${session.value}` } });
    expect(r.status).toBe(200);
  });

  test('uninstalled key answers 404; simulatedVersion hides newer routes', async () => {
    const r = await fetch(`${sim.apiBase('bigpicture')}/system/auth`, { headers: { authorization: basic('alice', 's3cret') } });
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    const l = await login(sim);
    const skills = `${sim.apiBase()}/public/ppm/resources/${encodeURIComponent(sim.individualId('alice'))}/skills`;
    const h = { authorization: l.authentication, cookie: l.cookie };
    expect((await fetch(skills, { headers: h })).status).toBe(200);
    sim.setOptions({ simulatedVersion: '8.56.0' });
    expect((await fetch(skills, { headers: h })).status).toBe(404);
    expect(routes.find((x) => x.id === 'getSkills')!.minVersion).toBe('8.57.0');
  });

  test('public API: create, 404 naming the box, 400 on bad body, absences, admin only', async () => {
    const l = await login(sim);
    const h = { authorization: l.authentication, cookie: l.cookie, 'content-type': 'application/json' };
    let r = await fetch(`${sim.apiBase()}/public/ppm/box/box`, { method: 'POST', headers: h, body: JSON.stringify({ parentBoxId: 'PROG-1', boxTypeId: '4', boxName: 'New', boxStartDate: '2025-05-01', boxEndDate: '2025-06-01', boxIcon: 'font-awesome-box-open@VIOLET' }) });
    expect(r.status).toBe(200);
    expect((await json(r)).cargo.createdBoxId).toBe('PRJ-4');
    expect(sim.processedPosts).toHaveLength(1);
    r = await fetch(`${sim.apiBase()}/public/ppm/box/area/task/scope/def/own/NOPE-1`, { headers: h });
    expect(r.status).toBe(404);
    expect((await json(r)).message).toContain('NOPE-1');
    r = await fetch(`${sim.apiBase()}/public/ppm/box/box`, { method: 'POST', headers: h, body: '{"parentBoxId":' });
    expect(r.status).toBe(400);
    const abs = `${sim.apiBase()}/public/ppm/resources/${encodeURIComponent(sim.individualId('bob', 'email'))}/absences`;
    r = await fetch(abs, { method: 'POST', headers: h, body: JSON.stringify({ startDate: '2025-12-01', endDate: '2025-12-02', absenceType: 'HOLIDAY', comment: 'x', percentageUnavailability: 100 }) });
    expect(r.status).toBe(200);
    r = await fetch(abs, { headers: h });
    expect((await json(r)).cargo).toHaveLength(1);
    r = await fetch(`${abs}/2025-12-01`, { method: 'DELETE', headers: h });
    expect(r.status).toBe(200);
    const bob = await login(sim, 'bob', 'hunter22');
    r = await fetch(abs, { headers: { authorization: bob.authentication, cookie: bob.cookie } });
    expect(r.status).toBe(403);
  });

  test('Jira search: JQL box function, real pagination, errors, login page', async () => {
    const l = await login(sim);
    const search = (q: string) => fetch(`${sim.baseUrl}/rest/api/2/search?${q}`, { headers: { cookie: l.cookie } });
    let r = await search(`jql=${encodeURIComponent('issue in box("PRJ-1") AND status != Done')}&maxResults=1000&fields=summary,status`);
    let b = await json(r);
    expect(b).toMatchObject({ startAt: 0, maxResults: 100, total: 120 });
    expect(b.issues).toHaveLength(100);
    expect(Object.keys(b.issues[0].fields).sort()).toEqual(['status', 'summary']);
    r = await fetch(`${sim.baseUrl}/rest/api/2/search`, { method: 'POST', headers: { cookie: l.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ jql: 'issue in box("PRJ-1")', startAt: 100, maxResults: 50 }) });
    b = await json(r);
    expect(b.issues.map((i: any) => i.key)).toEqual(Array.from({ length: 20 }, (_, i) => `DEMO-${101 + i}`));
    r = await search(`jql=${encodeURIComponent('issue in box("NOPE-9")')}`);
    expect(r.status).toBe(400);
    expect((await json(r)).errorMessages[0]).toContain('NOPE-9');
    r = await search('jql=project%20%3D%20X');
    expect(r.status).toBe(400);
    r = await fetch(`${sim.baseUrl}/rest/api/2/search?jql=x`);
    expect(r.status).toBe(401);
    r = await fetch(`${sim.baseUrl}/no/such/page`);
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    sim.setOptions({ loginPageFor: /box-hierarchy/ });
    r = await fetch(`${sim.apiBase()}/public/ppm/box/box-hierarchy`, { headers: { authorization: l.authentication, cookie: l.cookie } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
  });

  test('secrets: everything issued is listed', async () => {
    const l = await login(sim);
    const s = sim.secrets;
    expect(s).toEqual(expect.arrayContaining(['s3cret', l.authentication, l.refresh, l.cookie.split('; ')[0].split('=')[1]]));
  });
});

describe('faults', () => {
  async function run(seed: number) {
    const sim = await startSimulator({ faults: { seed, rate503: 0.3, every429: 4, rateReset: 0.1 } });
    try {
      const l = await login(sim);
      const statuses: Array<number | string> = [];
      for (let i = 0; i < 30; i++) {
        try {
          const r = await fetch(`${sim.apiBase()}/public/ppm/box/box-types`, { headers: { authorization: l.authentication, cookie: l.cookie, connection: 'close' } });
          await r.arrayBuffer();
          statuses.push(r.status);
        } catch {
          statuses.push('reset');
        }
      }
      expect(sim.calls.slice(1).map((c) => c.status)).toEqual(statuses);
      expect(sim.calls[0].status).toBe(200); // system/auth never faulted by default
      return statuses;
    } finally {
      await sim.close();
    }
  }

  test('same seed, same faults; another seed, other faults', async () => {
    const a = await run(42);
    const b = await run(42);
    const c = await run(7);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.filter((s) => s === 429).length).toBeGreaterThanOrEqual(7);
    expect(a).toContain(503);
    expect(a).toContain(200);
  });

  test('rateResetAfter processes the POST but loses the answer', async () => {
    const sim = await startSimulator({ faults: { rateResetAfter: 1 } });
    try {
      const l = await login(sim);
      await expect(fetch(`${sim.apiBase()}/public/ppm/box/box`, { method: 'POST', headers: { authorization: l.authentication, cookie: l.cookie, 'content-type': 'application/json', connection: 'close' }, body: JSON.stringify({ parentBoxId: 'ROOT', boxTypeId: '2', boxName: 'P', boxStartDate: '2025-01-01', boxEndDate: '2025-02-01', boxIcon: 'font-awesome-box@RED' }) })).rejects.toThrow();
      expect(sim.processedPosts).toHaveLength(1);
      expect(sim.calls[sim.calls.length - 1].status).toBe('reset');
      expect(sim.state.boxes.has('PORT-2')).toBe(true);
    } finally {
      await sim.close();
    }
  });
});
