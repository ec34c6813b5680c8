'use strict';
/**
 * Every way in besides the Data Center JWT flow with a password or cookie (issue 11):
 *  - BigPicture API tokens on Data Center (`apiTokens`): `Authorization: Bearer <t>` or `APIToken <t>` on BigPicture
 *    calls only, no cookie needed; a token may be `{user, expired, revoked}` (or use expireApiToken/revokeApiToken);
 *    `apiTokenSchemes` limits the schemes; `apiTokenKeys` limits the REST keys that take tokens (a key listed there
 *    but not in `apiKeys` answers token calls only, as `/rest/bigpicture/1.0` does for the token docs);
 *  - Jira personal access tokens (`jiraPats`): `Authorization: Bearer <PAT>` on Jira REST paths and on system/auth;
 *    a valid PAT opens a Jira session (JSESSIONID set, like Basic) and the JWT flow goes on as today;
 *    `patSystemAuth500` makes system/auth answer 500 to a PAT, as some BigPicture versions do;
 *  - Jira Cloud Basic with email + Atlassian API token (`atlassianApiTokens`): stateless (no session), wrong tokens
 *    count towards the CAPTCHA lock, a locked user gets `X-Seraph-LoginReason: AUTHENTICATION_DENIED`;
 *  - BigGantt and BigTemplate (`apps`): each under its own REST key with its own system/auth/reauth and its own JWT
 *    signing key (tokens of one app are refused by another), over the one Jira session;
 *  - BigPicture Cloud (`cloud`): `GET <discoveryPath>` with the Cloud token answers `{location}`; the API is
 *    `{location}/rest/<public path>`; `moveTenant()` moves the tenant (the old base answers 401 afterwards).
 */
const { BigPicture } = require('./bigpicture');
const jwt = require('./jwt');

const APP_KEYS = Object.freeze({
  bigTemplate: () => 'softwareplant-bigtemplate',
  bigGantt: (o) => o.bigGanttKey,
});

const WAYS_DEFAULTS = Object.freeze({
  apiTokenSchemes: ['bearer', 'apitoken'],
  apiTokenKeys: null,
  jiraPats: {},
  patSystemAuth500: false,
  atlassianApiTokens: {},
  apps: [],
  bigGanttKey: 'softwareplant-biggantt',
  cloud: null,
});

const CLOUD_DEFAULTS = Object.freeze({
  tokens: {},
  discoveryPath: '/cloudmanager/bigpicture/where-am-i',
  tenantPath: '/cloud/eu-1/tenant-a',
  location: null,
  redirectDiscoveryTo: null,
});

const TOKEN_RE = /^(Bearer|APIToken)\s+(.+)$/i;

/** A token map's entry as a record: values are '<user>' or {user, expired?, revoked?}. */
function record(map, token) {
  const v = map && Object.prototype.hasOwnProperty.call(map, token) ? map[token] : undefined;
  if (v === undefined) return null;
  return typeof v === 'string' ? { user: v, expired: false, revoked: false } : { expired: false, revoked: false, ...v };
}

class Ways {
  /** @param {any} sim internal simulator */
  constructor(sim) {
    this.sim = sim;
    const o = sim.opts;
    for (const [k, v] of Object.entries(WAYS_DEFAULTS)) if (o[k] === undefined) o[k] = v;
    if (o.cloud) o.cloud = { ...CLOUD_DEFAULTS, ...o.cloud };
    /** @type {Map<string, BigPicture>} app name → its own BigPicture (own signing key, own tokens) */
    this.apps = new Map();
    for (const app of o.apps) {
      if (!APP_KEYS[app]) throw new Error(`unknown app ${app} (bigGantt, bigTemplate)`);
      const bp = new BigPicture(sim);
      bp.app = app;
      this.apps.set(app, bp);
    }
    /** Tenant paths the tenant has left: they answer 401. */
    this.movedFrom = new Set();
    this.discovery = { calls: 0, ok: 0 };
    this.addSecrets();
  }

  addSecrets() {
    const o = this.sim.opts;
    for (const map of [o.apiTokens, o.jiraPats, o.atlassianApiTokens, o.cloud && o.cloud.tokens]) {
      for (const t of Object.keys(map || {})) this.sim.secrets.add(t);
    }
  }

  keyOf(app) { return APP_KEYS[app](this.sim.opts); }

  /** The BigPicture of an app REST key (BigGantt, BigTemplate), or null. */
  appFor(key) {
    for (const [app, bp] of this.apps) if (this.keyOf(app) === key) return bp;
    return null;
  }

  /** Which app a request path belongs to, for calls[].app. */
  appOfPath(path) {
    const m = /^\/rest\/([a-z0-9-]+)\/1\.0(?:\/|$)/.exec(path);
    if (m) {
      const bp = this.appFor(m[1]);
      if (bp) return bp.app;
      if (m[1] === 'softwareplant-bigpicture' || m[1] === 'bigpicture') return 'bigPicture';
      return null;
    }
    const c = this.sim.opts.cloud;
    if (c && (this.isTenantPath(path) || path === c.discoveryPath)) return 'cloud';
    return null;
  }

  /** calls[].auth for every way in. */
  classify(h) {
    const base = this.sim.bp.classify(h);
    if (base !== 'invalid' || !h) return base;
    const o = this.sim.opts;
    for (const bp of this.apps.values()) {
      const c = bp.classify(h);
      if (c !== 'invalid') return c;
    }
    const m = TOKEN_RE.exec(h.trim());
    if (m) {
      const t = m[2].trim();
      if (m[1].toLowerCase() === 'bearer' && record(o.jiraPats, t)) return 'pat';
      if (o.cloud && record(o.cloud.tokens, t)) return 'cloudtoken';
    }
    return 'invalid';
  }

  /** Whether a token scheme is accepted by `apiTokenSchemes`. */
  schemeOk(scheme) {
    return this.sim.opts.apiTokenSchemes.map((s) => s.toLowerCase()).includes(scheme.toLowerCase());
  }

  /**
   * The API token of a public API call on BigPicture (`bp`, under `key`), or null when the call does not carry one
   * (then the JWT rules apply).
   * @returns {null | {ok: true, user: string} | {ok: false, reason: string}}
   */
  apiToken(ctx, bp, key) {
    const o = this.sim.opts;
    if (ctx.cloudUser) return { ok: true, user: ctx.cloudUser };
    if (bp.app) return null; // BigGantt/BigTemplate take only their own JWTs
    const m = TOKEN_RE.exec((ctx.headers.authorization || '').trim());
    if (!m) return null;
    const rec = record(o.apiTokens, m[2].trim());
    if (!rec) return null;
    if (!this.schemeOk(m[1])) return { ok: false, reason: `API token scheme '${m[1]}' not accepted (apiTokenSchemes)` };
    if (o.apiTokenKeys && !o.apiTokenKeys.includes(key)) return { ok: false, reason: `API tokens are not accepted under /rest/${key}/1.0 (apiTokenKeys)` };
    if (rec.revoked) return { ok: false, reason: 'API token revoked' };
    if (rec.expired) return { ok: false, reason: 'API token expired' };
    if (!o.users[rec.user]) return { ok: false, reason: 'API token of an unknown user' };
    return { ok: true, user: rec.user };
  }

  /** A key listed only in `apiTokenKeys` is there for API token calls alone (a wrong token still gets its 401). */
  answersTokenCall(key, h) {
    const o = this.sim.opts;
    if (!o.apiTokenKeys || !o.apiTokenKeys.includes(key)) return false;
    const m = TOKEN_RE.exec((h || '').trim());
    return Boolean(m && !jwt.looksLikeJwt(m[2].trim()));
  }

  /**
   * Jira-side authentication for PATs and Atlassian API tokens; null = not ours (the DC rules apply).
   * @returns {null | {user: string|null, via: string, fail?: any}}
   */
  authenticateJira(ctx) {
    const sim = this.sim;
    const o = sim.opts;
    const h = (ctx.headers.authorization || '').trim();
    const bearer = /^Bearer\s+(.+)$/i.exec(h);
    if (bearer && Object.keys(o.jiraPats).length) {
      const t = bearer[1].trim();
      const rec = record(o.jiraPats, t);
      // JWTs and BigPicture API tokens are not Jira's business: leave them to the other rules.
      if (!rec && (sim.bp.classify(h) !== 'invalid' || record(o.apiTokens, t))) return null;
      if (!rec || rec.revoked || rec.expired || !o.users[rec.user]) {
        const why = !rec ? 'unknown personal access token' : rec.revoked ? 'personal access token revoked' : rec.expired ? 'personal access token expired' : 'unknown user';
        return { user: null, via: null, fail: { status: 401, headers: { 'X-Simulator-Reason': why }, body: { errorMessages: ['You are not authenticated. Authentication required to perform this operation.'], errors: {} } } };
      }
      if (ctx.session && ctx.session.user === rec.user) return { user: rec.user, via: 'pat' };
      const id = sim.jira.createSession(rec.user);
      ctx.setCookies.push(sim.jira.cookieHeader(id));
      ctx.sessionId = id;
      ctx.session = sim.jira.sessions.get(id);
      return { user: rec.user, via: 'pat' };
    }
    if (ctx.session || !Object.keys(o.atlassianApiTokens).length) return null;
    const basic = sim.jira.constructor.parseBasic(h);
    if (!basic || !basic.username.includes('@')) return null;
    const name = Object.keys(o.users).find((n) => o.users[n].email === basic.username);
    if (name && sim.jira.captcha.has(name)) {
      return { user: null, via: null, fail: { status: 401, headers: { 'X-Seraph-LoginReason': 'AUTHENTICATION_DENIED', 'X-Authentication-Denied-Reason': 'CAPTCHA_CHALLENGE' }, body: null, captcha: true } };
    }
    const rec = record(o.atlassianApiTokens, basic.password);
    if (!name || !rec || rec.user !== name || rec.revoked || rec.expired) {
      if (name) {
        const n = (sim.jira.failures.get(name) || 0) + 1;
        sim.jira.failures.set(name, n);
        if (o.captchaAfter > 0 && n >= o.captchaAfter) sim.jira.captcha.add(name);
      }
      return { user: null, via: null, fail: { status: 401, headers: { 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED' }, body: null } };
    }
    sim.jira.failures.set(name, 0);
    return { user: name, via: 'atlassian-token' };
  }

  /** Before the BigPicture dispatcher: true when answered here. */
  intercept(ctx, rest) {
    const sim = this.sim;
    if (rest === 'system/auth' && sim.opts.patSystemAuth500 && this.classify(ctx.headers.authorization) === 'pat') {
      sim.send(ctx, 500, { message: 'Internal server error: java.lang.NullPointerException', status: 500 });
      return true;
    }
    return false;
  }

  // --- BigPicture Cloud

  origin() { return this.sim.baseUrl.replace(/^(https?:\/\/[^/]+).*$/, '$1'); }

  location() {
    const c = this.sim.opts.cloud;
    return c.location || `${this.origin()}${c.tenantPath}`;
  }

  isTenantPath(path) {
    const c = this.sim.opts.cloud;
    const under = (p) => path === p || path.startsWith(`${p}/`);
    return under(c.tenantPath) || [...this.movedFrom].some(under);
  }

  cloudToken(h) {
    const c = this.sim.opts.cloud;
    const m = TOKEN_RE.exec((h || '').trim());
    if (!m) return { ok: false, reason: 'no Cloud API token' };
    const rec = record(c.tokens, m[2].trim());
    if (!rec) return { ok: false, reason: 'unknown Cloud API token' };
    if (!this.schemeOk(m[1])) return { ok: false, reason: `token scheme '${m[1]}' not accepted (apiTokenSchemes)` };
    if (rec.revoked) return { ok: false, reason: 'Cloud API token revoked' };
    if (rec.expired) return { ok: false, reason: 'Cloud API token expired' };
    if (!this.sim.opts.users[rec.user]) return { ok: false, reason: 'Cloud API token of an unknown user' };
    return { ok: true, user: rec.user };
  }

  /** Paths outside Jira's context path (Cloud discovery and tenant API): true when answered here. */
  handleOutside(ctx) {
    const sim = this.sim;
    const c = sim.opts.cloud;
    if (!c) return false;
    const path = ctx.rawPath;
    if (path === c.discoveryPath) {
      this.discovery.calls += 1;
      if (ctx.method !== 'GET') { sim.send(ctx, 405, { message: 'Method Not Allowed', status: 405 }); return true; }
      if (c.redirectDiscoveryTo) { sim.send(ctx, 302, '', { location: c.redirectDiscoveryTo }); return true; }
      const t = this.cloudToken(ctx.headers.authorization);
      if (!t.ok) { sim.bp.unauthorized(ctx, t.reason); return true; }
      ctx.user = t.user;
      this.discovery.ok += 1;
      sim.send(ctx, 200, { location: this.location() });
      return true;
    }
    if (!this.isTenantPath(path)) return false;
    const current = path === c.tenantPath || path.startsWith(`${c.tenantPath}/`);
    if (!current) { sim.bp.unauthorized(ctx, 'tenant moved to another server'); return true; }
    const m = /^\/rest\/(.*)$/.exec(path.slice(c.tenantPath.length));
    if (!m || /^system\//.test(m[1])) {
      sim.send(ctx, 404, { message: 'Not Found', status: 404 });
      return true;
    }
    const t = this.cloudToken(ctx.headers.authorization);
    if (!t.ok) { sim.bp.unauthorized(ctx, t.reason); return true; }
    ctx.cloudUser = t.user;
    sim.bp.handle(ctx, 'cloud', m[1]);
    return true;
  }

  /** Public methods added to the simulator object. */
  install(api) {
    const ways = this;
    const sim = this.sim;
    const mark = (map, token, field) => {
      const rec = record(map, token);
      if (!rec) throw new Error('unknown token');
      map[token] = { ...rec, [field]: true };
    };
    Object.assign(api, {
      revokeApiToken(t) { mark(sim.opts.apiTokens, t, 'revoked'); },
      expireApiToken(t) { mark(sim.opts.apiTokens, t, 'expired'); },
      revokeJiraPat(t) { mark(sim.opts.jiraPats, t, 'revoked'); },
      revokeCloudToken(t) { mark(sim.opts.cloud.tokens, t, 'revoked'); },
      appBase(app) {
        if (app === 'bigPicture') return api.apiBase();
        if (!ways.apps.has(app)) throw new Error(`app ${app} is not installed (option apps)`);
        return `${sim.baseUrl}/rest/${ways.keyOf(app)}/1.0`;
      },
      expireAppTokens(app, typ = 'auth') { (app === 'bigPicture' ? sim.bp : ways.apps.get(app)).revokeAll(typ); },
      appStats() {
        const out = {};
        for (const [app, bp] of [['bigPicture', sim.bp], ...ways.apps]) {
          const logins = sim.calls.filter((c) => c.app === app && c.status === 200 && c.path.endsWith('/system/auth')).length;
          out[app] = { logins, authIssued: bp.issued.auth, refreshIssued: bp.issued.refresh };
        }
        return out;
      },
      cloudDiscoveryUrl() { return `${ways.origin()}${sim.opts.cloud.discoveryPath}`; },
      cloudLocation() { return ways.location(); },
      cloudApiBase() { return `${ways.location()}/rest`; },
      moveTenant(tenantPath) {
        const c = sim.opts.cloud;
        ways.movedFrom.add(c.tenantPath);
        c.tenantPath = tenantPath || `${c.tenantPath}-moved${ways.movedFrom.size}`;
        ways.movedFrom.delete(c.tenantPath);
        return ways.location();
      },
      cloudStats() { return { discoveryCalls: ways.discovery.calls, discoveryOk: ways.discovery.ok }; },
    });
  }
}

module.exports = { Ways, WAYS_DEFAULTS, CLOUD_DEFAULTS };
