'use strict';
/**
 * Jira Data Center + BigPicture simulator (loopback HTTP server, no dependencies).
 *
 * ```js
 * const { startSimulator } = require('./test/simulator');
 * const sim = await startSimulator({ portfolio: 'small' });
 * // sim.baseUrl === 'http://127.0.0.1:<port>/jira'
 * await sim.close();
 * ```
 *
 * ## Options (defaults)
 * | option | default | meaning |
 * |---|---|---|
 * | host | '127.0.0.1' | |
 * | port | 0 | 0 = any free port |
 * | contextPath | '/jira' | Jira context path; '' allowed |
 * | apiKeys | ['softwareplant-bigpicture'] | installed REST keys ('softwareplant-bigpicture' and/or 'bigpicture'); the other answers 404 (HTML) |
 * | users | alice (admin, 's3cret', JIRAUSER10000), bob (not admin, 'hunter22', JIRAUSER10001) | { name: {password, displayName, email, key, admin} } |
 * | basicAuthAllowed | true | false = Jira 11: Basic answers 401 `{"errorMessages":["Basic authentication is disabled on this instance"]}` + `X-Seraph-LoginReason: AUTHENTICATION_DENIED` (not counted towards CAPTCHA); JSON login via /rest/auth/1/session still works |
 * | captchaAfter | 3 | consecutive failed logins (Basic or /rest/auth/1/session) before the CAPTCHA lock; 0 = never |
 * | captchaStatus | 401 | status of a Basic login refused by the CAPTCHA lock; 403 is what Jira Data Center answers in public reports |
 * | authTtlSeconds | 900 | authentication JWT lifetime |
 * | refreshTtlSeconds | 604800 | refresh JWT lifetime |
 * | authMaxUses | 0 | >0: an authentication JWT is refused (401) after that many accepted public API calls |
 * | acceptBearer | false | also accept 'Bearer <jwt>' (raw token otherwise, as the vendor says) |
 * | reauthNeedsSession | false | system/reauth also needs a valid JSESSIONID of the same user |
 * | bindTokenToSession | false | an auth JWT only works with the JSESSIONID it was issued under (sid) |
 * | affinityCookie | true | every response sets `AWSALB=<value>; Path=/`; calls[].affinity says whether the client sent it back |
 * | affinityCookieName | 'AWSALB' | |
 * | sessionIdPrefix | '' | e.g. 'node1~' to mimic DC node-prefixed JSESSIONIDs |
 * | sessionTtlSeconds | 0 | 0 = sessions never time out (simulator clock) |
 * | latencyMs | 0 | added to every response |
 * | portfolio | 'small' | 'small' \| 'demo' \| {boxCount, issuesPerBox?} \| explicit tree; see portfolio.js |
 * | simulatedVersion | null | e.g. '8.57.0': routes whose minVersion is higher answer 404; null = all routes |
 * | jiraVersion | '9.12.15' | reported by /rest/api/2/serverInfo |
 * | faults | {seed:1, rate503:0, every429:0, retryAfterSeconds:1, rateReset:0, rateResetAfter:0, faultsOnAuth:false} | see faults.js; only BigPicture public API and Jira search are faulted (system/auth|reauth only with faultsOnAuth, accepted in faults or at top level) |
 * | loginPageFor, malformedJsonFor, emptyBodyFor, hugeBodyFor | null | RegExp on the path without context path: answer 200 with a Jira login page / truncated JSON / empty body / a huge valid JSON body |
 * | hugeBodyBytes | 16 MiB | size of the huge body |
 * | searchMaxResults | 100 | cap of maxResults on /rest/api/2/search |
 * | deleteNoContent | false | DELETE routes answer 204 instead of 200 + envelope |
 * | apiTokens | {} | { '<token>': '<user>' \| {user, expired?, revoked?} }: BigPicture API tokens, `Authorization: Bearer\|APIToken <token>`, no cookie needed; refused with 401 when expired/revoked (see ways.js) |
 * | apiTokenSchemes | ['bearer', 'apitoken'] | schemes accepted for API tokens (and Cloud tokens) |
 * | apiTokenKeys | null | REST keys that take API tokens (null = every installed key); a key listed here but not in apiKeys answers token calls only (e.g. ['bigpicture']) |
 * | jiraPats | {} | { '<pat>': '<user>' \| {user, expired?, revoked?} }: Jira personal access tokens, `Authorization: Bearer <pat>` on Jira REST and system/auth; opens a Jira session |
 * | patSystemAuth500 | false | system/auth answers 500 to a PAT (as some BigPicture versions do) |
 * | atlassianApiTokens | {} | { '<token>': '<user>' }: Jira Cloud Basic `<email>:<token>` (stateless, CAPTCHA rules as Basic) |
 * | apps | [] | also installed: 'bigGantt' and/or 'bigTemplate', each with its own system/auth and JWT signing key over the one Jira session |
 * | bigGanttKey | 'softwareplant-biggantt' | BigGantt's REST key ('biggantt' for `/rest/biggantt/1.0`) |
 * | cloud | null | BigPicture Cloud: {tokens: {'<token>': '<user>'}, discoveryPath: '/cloudmanager/bigpicture/where-am-i', tenantPath: '/cloud/eu-1/tenant-a', location: null (override the answered location), redirectDiscoveryTo: null}; set at start only |
 * | maxBodyBytes | 32 MiB | request body limit (413 beyond) |
 * | restSuffixes | false | like Jira's REST layer, route `/rest/…/x.json` (.xml .txt .html .htm .atom) as `/rest/…/x`; calls[].path keeps the suffix |
 * | rotateSessionEvery | 0 | >0: every Nth answer to a request with a valid JSESSIONID sets a new one and ends the old at once (5 = 20 % of answers) |
 * | tls | false | serve HTTPS with a self-signed certificate made at start (openssl CLI, see tls.js); baseUrl says https |
 *
 * ## The returned object
 * - baseUrl, apiBase(key?) — `${baseUrl}/rest/${key || apiKeys[0]}/1.0`; port; opts (live options)
 * - calls — every request: {seq, method, path (no context path), query, status (number | 'reset'),
 *   auth ('jwt'|'bearer-jwt'|'refresh'|'basic'|'apitoken'|'pat'|'cloudtoken'|'none'|'invalid'), app, user, cookies (names sent),
 *   sessionValid (JSESSIONID valid on arrival), affinity (affinity cookie sent), bodyJson (undefined = no body,
 *   null = unparseable), at (simulator clock ms)}
 * - count(filter) — calls matching a path suffix string, a RegExp on the path, or a predicate; resetCalls()
 * - connections — TCP connections the server accepted so far (TLS: completed handshakes): with calls.length, how
 *   often a client opened a new connection
 * - inFlight() — {current, max}: requests being answered now, and the most at once since resetInFlight()
 * - processedPosts — every non-GET public API request that reached its handler (after auth; faulted requests
 *   never get here, `rateResetAfter` ones do): {id, seq, method, path, routeId, bodyJson, user, at}
 * - createSession(user) → JSESSIONID; killSessions(); sessions (Map, read-only use)
 * - rotateSession({keepOld = true}) — the next response to a request authenticated by a valid JSESSIONID sets a
 *   new JSESSIONID for the same user; the old one stays valid when keepOld, else dies at once
 * - expireAuthTokens(), expireRefreshTokens() — every token issued so far becomes invalid
 * - unlockCaptcha(user), lockCaptcha(user), failedLogins(user)
 * - advanceTime(ms), now() — simulator clock (token expiry, session TTL); real time + offset
 * - setOptions(partial) — change options at run time (faults restart their sequence; users/portfolio excluded)
 * - state — the mutable data (boxes, boxTypes, issues, boxIssues, ownScopes, subScopes, teams, skills,
 *   individualSkills, absences); call state.touch() after mutating boxes directly
 * - stats() — {sessionsCreated, authIssued, refreshIssued, calls}
 * - individualId(user, form?) — 'EXT_USER@2@<key>' or ('email') 'EXT_USER@@2@@<email>'
 * - secrets — array of every password, session id, JWT, affinity value and signing key the simulator knows
 * - errors — internal errors (should stay empty)
 * - ways in (ways.js): revokeApiToken(t), expireApiToken(t), revokeJiraPat(t), revokeCloudToken(t); appBase(app),
 *   expireAppTokens(app, typ?), appStats() → {bigPicture|bigGantt|bigTemplate: {logins, authIssued, refreshIssued}};
 *   cloudDiscoveryUrl(), cloudLocation(), cloudApiBase(), moveTenant(path?) → new location, cloudStats() →
 *   {discoveryCalls, discoveryOk}; calls[].app says which app (or 'cloud') a call went to
 * - close()
 *
 * Also exported: `routes` (the BigPicture route table, see routes.js), `DEFAULT_USERS`.
 */
const { createServer } = require('./server');
const { Jira } = require('./jira');
const { BigPicture } = require('./bigpicture');
const { buildState } = require('./portfolio');
const { Faults, FAULT_DEFAULTS } = require('./faults');
const { routes } = require('./routes');
const { InFlight } = require('./inflight');
const { Ways } = require('./ways');
const crypto = require('node:crypto');

const DEFAULT_USERS = Object.freeze({
  alice: Object.freeze({ password: 's3cret', displayName: 'Alice Admin', email: 'alice@example.com', key: 'JIRAUSER10000', admin: true }),
  bob: Object.freeze({ password: 'hunter22', displayName: 'Bob Builder', email: 'bob@example.com', key: 'JIRAUSER10001', admin: false }),
});

const DEFAULTS = {
  host: '127.0.0.1', port: 0, contextPath: '/jira', apiKeys: ['softwareplant-bigpicture'],
  basicAuthAllowed: true, captchaAfter: 3, authTtlSeconds: 900, refreshTtlSeconds: 604800, authMaxUses: 0,
  acceptBearer: false, reauthNeedsSession: false, bindTokenToSession: false,
  affinityCookie: true, affinityCookieName: 'AWSALB', sessionIdPrefix: '', sessionTtlSeconds: 0,
  latencyMs: 0, portfolio: 'small', simulatedVersion: null, jiraVersion: '9.12.15',
  loginPageFor: null, malformedJsonFor: null, emptyBodyFor: null, hugeBodyFor: null, hugeBodyBytes: 16 * 1024 * 1024,
  searchMaxResults: 100, deleteNoContent: false, apiTokens: {}, maxBodyBytes: 32 * 1024 * 1024, faultsOnAuth: false,
  restSuffixes: false,
  captchaStatus: 401,
  rotateSessionEvery: 0,
  tls: false,
};

function normalizeContextPath(cp) {
  if (!cp || cp === '/') return '';
  let s = String(cp);
  if (!s.startsWith('/')) s = `/${s}`;
  return s.replace(/\/+$/, '');
}

/**
 * @param {Partial<typeof DEFAULTS> & {users?: Record<string, any>, faults?: Record<string, any>}} [options]
 */
async function startSimulator(options = {}) {
  const users = {};
  for (const [name, u] of Object.entries(options.users || DEFAULT_USERS)) {
    users[name] = { displayName: name, email: `${name}@example.com`, key: `JIRAUSER${10000 + Object.keys(users).length}`, admin: false, ...u };
  }
  const opts = { ...DEFAULTS, ...options, users, contextPath: normalizeContextPath(options.contextPath === undefined ? DEFAULTS.contextPath : options.contextPath) };
  opts.faults = { ...FAULT_DEFAULTS, ...(options.faults || {}) };

  /** @type {Set<string>} */
  const secretSet = new Set();
  let clockOffset = 0;
  let pendingRotate = null;
  let sessionAnswers = 0;
  let processedId = 0;

  const sim = {
    opts,
    calls: [],
    processedPosts: [],
    errors: [],
    secrets: secretSet,
    baseUrl: '',
    now: () => Date.now() + clockOffset,
    affinityValue: crypto.randomBytes(24).toString('base64url'),
    faults: new Faults(opts.faults),
    inFlight: new InFlight(),
    connections: 0,
    state: null,
    jira: null,
    bp: null,
    _huge: null,

    /** Sends a response (cookies, affinity, rotation, reset-after). */
    send(ctx, status, body, headers = {}) {
      if (ctx.sent) return;
      ctx.sent = true;
      ctx.call.user = ctx.user || (ctx.session ? ctx.session.user : null);
      if (ctx.resetAfter) return sim.reset(ctx, true);
      let payload = '';
      const hdrs = { ...headers };
      if (body === null || body === undefined) payload = '';
      else if (typeof body === 'string' || Buffer.isBuffer(body)) payload = body;
      else {
        payload = JSON.stringify(body);
        if (!Object.keys(hdrs).some((k) => k.toLowerCase() === 'content-type')) hdrs['content-type'] = 'application/json;charset=UTF-8';
      }
      if (opts.rotateSessionEvery > 0 && ctx.session && ctx.sessionId && ++sessionAnswers % opts.rotateSessionEvery === 0) {
        pendingRotate = { keepOld: false };
      }
      if (pendingRotate && ctx.session && ctx.sessionId) {
        const { keepOld } = pendingRotate;
        pendingRotate = null;
        const id = sim.jira.createSession(ctx.session.user);
        if (!keepOld) sim.jira.sessions.delete(ctx.sessionId);
        ctx.setCookies.push(sim.jira.cookieHeader(id));
      }
      const cookies = ctx.setCookies.slice();
      if (opts.affinityCookie) {
        const exp = new Date(sim.now() + 7 * 86400000).toUTCString();
        cookies.push(`${opts.affinityCookieName}=${sim.affinityValue}; Expires=${exp}; Path=/`);
      }
      if (cookies.length) hdrs['set-cookie'] = cookies;
      hdrs['X-AREQUESTID'] = `${ctx.call.seq}x1`;
      hdrs['content-length'] = String(Buffer.byteLength(payload));
      ctx.call.status = status;
      ctx.res.writeHead(status, hdrs);
      ctx.res.end(status === 204 ? undefined : payload);
    },

    /** Destroys the socket without an answer. */
    reset(ctx) {
      ctx.sent = true;
      ctx.call.status = 'reset';
      const sock = ctx.req.socket;
      if (typeof sock.resetAndDestroy === 'function') sock.resetAndDestroy();
      else sock.destroy();
    },

    recordProcessed(ctx, routeId) {
      processedId += 1;
      sim.processedPosts.push({ id: processedId, seq: ctx.call.seq, method: ctx.method, path: ctx.path, routeId, bodyJson: ctx.bodyJson, user: ctx.user, at: sim.now() });
    },

    hugeBody() {
      if (!sim._huge || sim._huge.length !== opts.hugeBodyBytes) {
        const head = '{"currentVersion":1,"latestVersion":1,"cargo":{"padding":"';
        const tail = '"}}';
        const n = Math.max(0, opts.hugeBodyBytes - head.length - tail.length);
        sim._huge = Buffer.from(head + 'x'.repeat(n) + tail);
      }
      return sim._huge;
    },
  };

  for (const u of Object.values(users)) secretSet.add(u.password);
  for (const t of Object.keys(opts.apiTokens || {})) secretSet.add(t);
  secretSet.add(sim.affinityValue);
  sim.state = buildState(opts.portfolio, users);
  sim.jira = new Jira(sim);
  sim.bp = new BigPicture(sim);
  sim.ways = new Ways(sim);

  const server = createServer(sim);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => { server.off('error', reject); resolve(); });
  });
  const addr = /** @type {import('node:net').AddressInfo} */ (server.address());
  const hostForUrl = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  sim.baseUrl = `${opts.tls ? 'https' : 'http'}://${hostForUrl}:${addr.port}${opts.contextPath}`;

  const api = {
    get baseUrl() { return sim.baseUrl; },
    get port() { return addr.port; },
    opts,
    apiBase(key) { return `${sim.baseUrl}/rest/${key || opts.apiKeys[0] || 'softwareplant-bigpicture'}/1.0`; },
    get calls() { return sim.calls; },
    get processedPosts() { return sim.processedPosts; },
    get errors() { return sim.errors; },
    get connections() { return sim.connections; },
    get state() { return sim.state; },
    get sessions() { return sim.jira.sessions; },
    get secrets() { return [...secretSet]; },
    count(filter) {
      let pred;
      if (typeof filter === 'function') pred = filter;
      else if (filter instanceof RegExp) pred = (c) => filter.test(c.path);
      else if (typeof filter === 'string') pred = (c) => c.path.endsWith(filter);
      else pred = () => true;
      let n = 0;
      for (const c of sim.calls) if (pred(c)) n += 1;
      return n;
    },
    resetCalls() { sim.calls.length = 0; sim.processedPosts.length = 0; },
    inFlight() { return { current: sim.inFlight.current, max: sim.inFlight.max }; },
    resetInFlight() { sim.inFlight.reset(); },
    createSession(user) {
      if (!users[user]) throw new Error(`unknown user ${user}`);
      return sim.jira.createSession(user);
    },
    killSessions() { sim.jira.sessions.clear(); },
    rotateSession({ keepOld = true } = {}) { pendingRotate = { keepOld }; },
    expireAuthTokens() { sim.bp.revokeAll('auth'); },
    expireRefreshTokens() { sim.bp.revokeAll('refresh'); },
    unlockCaptcha(user) { sim.jira.captcha.delete(user); sim.jira.failures.set(user, 0); },
    lockCaptcha(user) { sim.jira.captcha.add(user); },
    failedLogins(user) { return sim.jira.failures.get(user) || 0; },
    advanceTime(ms) { clockOffset += ms; },
    now() { return sim.now(); },
    setOptions(partial) {
      const p = { ...partial };
      delete p.users; delete p.portfolio; delete p.host; delete p.port; delete p.tls;
      if (p.contextPath !== undefined) throw new Error('contextPath cannot change at run time');
      if (p.faults) {
        opts.faults = { ...opts.faults, ...p.faults };
        sim.faults.configure(opts.faults);
        delete p.faults;
      }
      Object.assign(opts, p);
      for (const t of Object.keys(opts.apiTokens || {})) secretSet.add(t);
      sim.ways.addSecrets();
    },
    stats() {
      return { sessionsCreated: sim.jira.sessionsCreated, authIssued: sim.bp.issued.auth, refreshIssued: sim.bp.issued.refresh, calls: sim.calls.length };
    },
    individualId(user, form) {
      const u = users[user];
      if (!u) throw new Error(`unknown user ${user}`);
      return form === 'email' ? `EXT_USER@@2@@${u.email}` : `EXT_USER@2@${u.key}`;
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        if (typeof server.closeAllConnections === 'function') server.closeAllConnections();
      });
    },
  };
  sim.ways.install(api);
  return api;
}

module.exports = { startSimulator, routes, DEFAULT_USERS };
