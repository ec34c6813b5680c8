'use strict';
/**
 * Jira Data Center side: sessions (JSESSIONID), pre-emptive Basic auth, the CAPTCHA lock,
 * /rest/auth/1/session, /rest/api/2/myself, /rest/api/2/serverInfo, /rest/api/2/search,
 * /rest/api/2/user/search (Data Center form: ?username=<text>, "." lists everyone; startAt, maxResults) and the browser
 * login /login.jsp (a form login there, CAPTCHA answered, lifts the CAPTCHA lock: see login-form.js).
 *
 * Seraph behaviour reproduced:
 *  - a valid JSESSIONID cookie wins; the Basic header is then ignored;
 *  - otherwise a Basic header is checked on EVERY path (Jira sends no challenge);
 *    success creates a new session and sets its cookie; failure answers 401 even on anonymous paths;
 *  - wrong password: 401 + `X-Seraph-LoginReason: AUTHENTICATED_FAILED`, counts towards CAPTCHA
 *    (unknown users are answered the same way but not counted);
 *  - after `captchaAfter` consecutive failures: `captchaStatus` (401; Jira DC answers 403) + `X-Seraph-LoginReason: AUTHENTICATION_DENIED`
 *    + `X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE; login-url=<baseUrl>/login.jsp`, password not checked;
 *  - `basicAuthAllowed: false` (Jira 11 style): any Basic try answers 401, JSON
 *    `{"errorMessages":["Basic authentication is disabled on this instance"],"errors":{}}`,
 *    header `X-Seraph-LoginReason: AUTHENTICATION_DENIED`, not counted towards CAPTCHA.
 */
const crypto = require('node:crypto');
const { notFoundHtml } = require('./http-util');
const { handleBrowserLogin } = require('./login-form');

const NOT_AUTHENTICATED = { errorMessages: ['You are not authenticated. Authentication required to perform this operation.'], errors: {} };

class Jira {
  /** @param {any} sim internal simulator object */
  constructor(sim) {
    this.sim = sim;
    /** @type {Map<string, {user: string, createdAt: number}>} */
    this.sessions = new Map();
    /** @type {Map<string, number>} consecutive failures per user */
    this.failures = new Map();
    /** @type {Set<string>} users under CAPTCHA */
    this.captcha = new Set();
    this.sessionsCreated = 0;
  }

  /** New session for `user`; returns the JSESSIONID value. @param {string} user */
  createSession(user) {
    const o = this.sim.opts;
    const id = `${o.sessionIdPrefix || ''}${crypto.randomBytes(16).toString('hex').toUpperCase()}`;
    this.sessions.set(id, { user, createdAt: this.sim.now() });
    this.sessionsCreated += 1;
    this.sim.secrets.add(id);
    return id;
  }

  /** @param {string|undefined} id */
  sessionFor(id) {
    if (!id) return null;
    const s = this.sessions.get(id);
    if (!s) return null;
    const ttl = this.sim.opts.sessionTtlSeconds;
    if (ttl > 0 && this.sim.now() - s.createdAt > ttl * 1000) {
      this.sessions.delete(id);
      return null;
    }
    if (!this.sim.opts.users[s.user]) return null;
    return s;
  }

  cookieHeader(id) {
    return `JSESSIONID=${id}; Path=${this.sim.opts.contextPath || '/'}; HttpOnly`;
  }

  /** @param {string|undefined} header */
  static parseBasic(header) {
    if (!header || !/^Basic\s+/i.test(header)) return null;
    let decoded;
    try {
      decoded = Buffer.from(header.replace(/^Basic\s+/i, '').trim(), 'base64').toString('utf8');
    } catch {
      return { username: '', password: '' };
    }
    const i = decoded.indexOf(':');
    if (i < 0) return { username: decoded, password: '' };
    return { username: decoded.slice(0, i), password: decoded.slice(i + 1) };
  }

  /**
   * Checks a username/password pair with the CAPTCHA rules.
   * @returns {{ok: true, user: string} | {ok: false, status: number, headers: Record<string,string>, body: any}}
   */
  checkPassword(username, password, { viaBasic }) {
    const o = this.sim.opts;
    if (viaBasic && !o.basicAuthAllowed) {
      return { ok: false, status: 401, headers: { 'X-Seraph-LoginReason': 'AUTHENTICATION_DENIED' },
        body: { errorMessages: ['Basic authentication is disabled on this instance'], errors: {} } };
    }
    const u = o.users[username];
    if (u && this.captcha.has(username)) {
      return { ok: false, status: o.captchaStatus, headers: {
        'X-Seraph-LoginReason': 'AUTHENTICATION_DENIED',
        'X-Authentication-Denied-Reason': `CAPTCHA_CHALLENGE; login-url=${this.sim.baseUrl}/login.jsp`,
      }, body: null, captcha: true };
    }
    if (!u || u.password !== password) {
      if (u) {
        const n = (this.failures.get(username) || 0) + 1;
        this.failures.set(username, n);
        if (o.captchaAfter > 0 && n >= o.captchaAfter) this.captcha.add(username);
      }
      return { ok: false, status: 401, headers: { 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED' }, body: null };
    }
    this.failures.set(username, 0);
    return { ok: true, user: username };
  }

  /**
   * Resolves the Jira user of a request (cookie first, then Basic). On Basic success sets the cookie.
   * @param {any} ctx
   * @returns {{user: string|null, via: 'session'|'basic'|null, fail?: {status:number, headers:any, body:any}}}
   */
  authenticate(ctx) {
    const way = this.sim.ways.authenticateJira(ctx);
    if (way) return way;
    if (ctx.session) {
      return { user: ctx.session.user, via: 'session' };
    }
    const basic = Jira.parseBasic(ctx.headers.authorization);
    if (!basic) return { user: null, via: null };
    const r = this.checkPassword(basic.username, basic.password, { viaBasic: true });
    if (!r.ok) return { user: null, via: null, fail: r };
    const id = this.createSession(r.user);
    ctx.setCookies.push(this.cookieHeader(id));
    ctx.sessionId = id;
    ctx.session = this.sessions.get(id);
    return { user: r.user, via: 'basic' };
  }

  sendFail(ctx, fail) {
    const body = fail.body === null ? (fail.captcha ? { errorMessages: ['CAPTCHA_CHALLENGE'], errors: {} } : NOT_AUTHENTICATED) : fail.body;
    // Jira answers a failed Basic login with an HTML-free 401; JSON on REST paths.
    this.sim.send(ctx, fail.status, body, fail.headers);
  }

  userJson(name) {
    const u = this.sim.opts.users[name];
    return {
      self: `${this.sim.baseUrl}/rest/api/2/user?username=${encodeURIComponent(name)}`,
      key: u.key, name, emailAddress: u.email, displayName: u.displayName, active: true,
      timeZone: 'Europe/Warsaw', locale: 'en_US',
      groups: { size: u.admin ? 2 : 1, items: [] }, applicationRoles: { size: 1, items: [] }, expand: 'groups,applicationRoles',
    };
  }

  /** Handles every non-BigPicture path under the context path. @param {any} ctx */
  handle(ctx) {
    const { method, path } = ctx;
    if (handleBrowserLogin(this, ctx)) return;
    if (path === '/rest/auth/1/session') return this.sessionResource(ctx);
    const auth = this.authenticate(ctx);
    if (auth.fail) return this.sendFail(ctx, auth.fail);
    ctx.user = auth.user;
    if (path === '/rest/api/2/serverInfo' && method === 'GET') {
      return this.sim.send(ctx, 200, { baseUrl: this.sim.baseUrl, version: this.sim.opts.jiraVersion, versionNumbers: this.sim.opts.jiraVersion.split('.').map(Number), deploymentType: 'Server', buildNumber: 100000, serverTitle: 'Jira (simulated)' });
    }
    if (path === '/rest/api/2/myself' && method === 'GET') {
      if (!auth.user) return this.sim.send(ctx, 401, NOT_AUTHENTICATED);
      return this.sim.send(ctx, 200, this.userJson(auth.user));
    }
    if (path === '/rest/api/2/search' && (method === 'GET' || method === 'POST')) {
      if (!auth.user) return this.sim.send(ctx, 401, NOT_AUTHENTICATED);
      return this.search(ctx);
    }
    if (path === '/rest/api/2/user/search' && method === 'GET') {
      if (!auth.user) return this.sim.send(ctx, 401, NOT_AUTHENTICATED);
      return this.userSearch(ctx);
    }
    return this.sim.send(ctx, 404, notFoundHtml(ctx.rawPath), { 'content-type': 'text/html;charset=UTF-8' });
  }

  /**
   * GET /rest/api/2/user/search?username=<text> (Jira DC): users whose username, display name or email starts with
   * the text (any word of the display name), "." = everyone; 400 without username, like Jira.
   */
  userSearch(ctx) {
    const sim = this.sim;
    const q = ctx.query.username;
    if (q === undefined || q === '') {
      return sim.send(ctx, 400, { errorMessages: ["The username query parameter was not provided"], errors: {} });
    }
    const needle = String(q).toLowerCase();
    const startAt = Math.max(0, parseInt(ctx.query.startAt, 10) || 0);
    let maxResults = ctx.query.maxResults === undefined ? 50 : parseInt(ctx.query.maxResults, 10);
    if (!Number.isFinite(maxResults) || maxResults < 0) maxResults = 50;
    maxResults = Math.min(maxResults, 1000);
    const matches = Object.entries(sim.opts.users).filter(([name, u]) => {
      if (needle === '.') return true;
      const words = [name, u.email || '', ...(u.displayName || '').split(/\s+/)].map((w) => w.toLowerCase());
      return words.some((w) => w.startsWith(needle)) || (u.displayName || '').toLowerCase().startsWith(needle);
    }).sort(([a], [b]) => (a < b ? -1 : 1));
    const page = matches.slice(startAt, startAt + maxResults).map(([name, u]) => ({
      self: `${sim.baseUrl}/rest/api/2/user?username=${encodeURIComponent(name)}`,
      key: u.key, name, emailAddress: u.email, displayName: u.displayName, active: true, timeZone: 'Europe/Warsaw', locale: 'en_US',
    }));
    return sim.send(ctx, 200, page);
  }

  /** POST (login), GET (current), DELETE (logout) /rest/auth/1/session. */
  sessionResource(ctx) {
    const sim = this.sim;
    if (ctx.method === 'POST') {
      const b = ctx.bodyJson;
      if (!b || typeof b.username !== 'string' || typeof b.password !== 'string') {
        return sim.send(ctx, 400, { errorMessages: ['Invalid request body: username and password are required'], errors: {} });
      }
      const r = this.checkPassword(b.username, b.password, { viaBasic: false });
      if (!r.ok) {
        if (r.captcha) return sim.send(ctx, 403, { errorMessages: ['CAPTCHA_CHALLENGE'], errors: {} }, r.headers);
        return sim.send(ctx, 401, { errorMessages: ['Login failed'], errors: {} }, r.headers);
      }
      const id = this.createSession(r.user);
      ctx.setCookies.push(this.cookieHeader(id));
      ctx.user = r.user;
      return sim.send(ctx, 200, {
        session: { name: 'JSESSIONID', value: id },
        loginInfo: { failedLoginCount: 0, loginCount: 1, lastFailedLoginTime: null, previousLoginTime: null },
      });
    }
    if (ctx.method === 'GET') {
      if (!ctx.session) return sim.send(ctx, 401, NOT_AUTHENTICATED);
      ctx.user = ctx.session.user;
      return sim.send(ctx, 200, { self: `${sim.baseUrl}/rest/api/latest/user?username=${ctx.user}`, name: ctx.user, loginInfo: { failedLoginCount: 0, loginCount: 1 } });
    }
    if (ctx.method === 'DELETE') {
      if (!ctx.session) return sim.send(ctx, 401, NOT_AUTHENTICATED);
      ctx.user = ctx.session.user;
      this.sessions.delete(ctx.sessionId);
      return sim.send(ctx, 204, null);
    }
    return sim.send(ctx, 405, { errorMessages: ['Method not allowed'], errors: {} });
  }

  /** /rest/api/2/search with JQL `issue in box("<boxId>")` [AND ...] [ORDER BY ...]. */
  search(ctx) {
    const sim = this.sim;
    const isPost = ctx.method === 'POST';
    if (isPost && (ctx.bodyJson === undefined || ctx.bodyJson === null || typeof ctx.bodyJson !== 'object')) {
      return sim.send(ctx, 400, { errorMessages: ['Invalid request payload. Refer to the REST API documentation and try again.'], errors: {} });
    }
    const src = isPost ? ctx.bodyJson : ctx.query;
    const jql = typeof src.jql === 'string' ? src.jql : '';
    const startAt = Math.max(0, parseInt(src.startAt, 10) || 0);
    let maxResults = src.maxResults === undefined || src.maxResults === '' ? 50 : parseInt(src.maxResults, 10);
    if (!Number.isFinite(maxResults) || maxResults < 0) maxResults = 50;
    maxResults = Math.min(maxResults, sim.opts.searchMaxResults);
    let fields = src.fields;
    if (typeof fields === 'string') fields = fields.split(',').map((s) => s.trim()).filter(Boolean);
    if (!Array.isArray(fields) || fields.length === 0) fields = ['*navigable'];

    const m = /^\s*issue\s+in\s+box\s*\(\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*\)\s*(?:AND\s+.+?)?\s*(?:ORDER\s+BY\s+.+)?$/i.exec(jql);
    if (!m) {
      return sim.send(ctx, 400, { errorMessages: [jql.trim() ? `Error in the JQL Query: Unable to parse the query "${jql}" (the simulator understands issue in box("<boxId>") [AND ...]).` : 'Error in the JQL Query: the query is empty.'], errors: {} });
    }
    // Jira rejects unbalanced brackets or quotes anywhere in the query (the rest is not parsed by the simulator).
    let depth = 0;
    for (const ch of jql.replace(/"[^"]*"|'[^']*'/g, '')) {
      if (ch === '(') depth += 1;
      else if (ch === ')' && --depth < 0) break;
      else if (ch === '"' || ch === "'") { depth = -1; break; }
    }
    if (depth !== 0) {
      return sim.send(ctx, 400, { errorMessages: [`Error in the JQL Query: unbalanced brackets or quotes in "${jql}".`], errors: {} });
    }
    const boxId = m[1] ?? m[2] ?? m[3];
    if (!sim.state.boxes.has(boxId)) {
      return sim.send(ctx, 400, { errorMessages: [`Box with id "${boxId}" does not exist or you do not have permission to view it.`], errors: {} });
    }
    const keys = sim.state.boxIssues.get(boxId) || [];
    const page = keys.slice(startAt, startAt + maxResults);
    const all = fields.includes('*all') || fields.includes('*navigable');
    const issues = page.map((k) => {
      const i = sim.state.issues.get(k);
      let f = i.fields;
      if (!all) {
        f = {};
        for (const name of fields) if (name in i.fields) f[name] = i.fields[name];
      }
      return { expand: 'operations,versionedRepresentations,editmeta,changelog,renderedFields', id: i.id, self: `${sim.baseUrl}/rest/api/2/issue/${i.id}`, key: i.key, fields: f };
    });
    return sim.send(ctx, 200, { expand: 'schema,names', startAt, maxResults, total: keys.length, issues });
  }
}

module.exports = { Jira, NOT_AUTHENTICATED };
