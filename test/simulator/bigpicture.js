'use strict';
/**
 * BigPicture side: `system/auth`, `system/reauth`, JWT issue/validation and the public API dispatcher.
 *
 * Token rules:
 *  - tokens are HS256 JWTs signed with a per-simulator random secret; payload
 *    {sub: <jira username>, sid: <JSESSIONID the token was issued under>, typ: 'auth'|'refresh', iat, exp, jti};
 *  - an authentication token is accepted when: signature valid, typ 'auth', exp in the future (simulator clock),
 *    not revoked (expireAuthTokens), not used up (authMaxUses), AND the request carries a valid JSESSIONID
 *    whose user is `sub` (with `bindTokenToSession: true` the cookie must also be the session `sid`);
 *  - raw token only; `Bearer <jwt>` only with `acceptBearer: true`;
 *  - `apiTokens: { '<token>': '<user>' }` adds BigPicture API tokens (`Authorization: Bearer|APIToken <token>`), no cookie needed.
 * Every 401 carries `X-Simulator-Reason` (simulator only) saying why, to ease debugging.
 */
const crypto = require('node:crypto');
const jwt = require('./jwt');
const { matchRoute } = require('./routes');
const { notFoundHtml, compareVersions } = require('./http-util');
const boxes = require('./api-boxes');
const resources = require('./api-resources');

const HANDLERS = { ...boxes.handlers, ...resources.handlers };

class BigPicture {
  /** @param {any} sim */
  constructor(sim) {
    this.sim = sim;
    this.secret = crypto.randomBytes(32);
    sim.secrets.add(this.secret.toString('hex'));
    /** @type {Map<string, {typ: string, sub: string, sid: string, uses: number, revoked: boolean}>} */
    this.tokens = new Map();
    this.issued = { auth: 0, refresh: 0 };
    const self = this;
    /** helper object given to handlers */
    this.api = {
      sim,
      get state() { return sim.state; },
      ok(ctx, cargo, status = 200) { sim.send(ctx, status, { currentVersion: 1, latestVersion: 1, cargo }); },
      okDelete(ctx, cargo) {
        if (sim.opts.deleteNoContent) sim.send(ctx, 204, null);
        else sim.send(ctx, 200, { currentVersion: 1, latestVersion: 1, cargo });
      },
      error(ctx, status, message) { sim.send(ctx, status, { message, status }); },
      notFoundBox(ctx, boxId) { sim.send(ctx, 404, { message: `Box with id ${boxId} not found`, status: 404, boxId }); },
      self,
    };
  }

  /** @param {string} user @param {string} sid @param {'auth'|'refresh'} typ */
  issue(user, sid, typ) {
    const o = this.sim.opts;
    const iat = Math.floor(this.sim.now() / 1000);
    const exp = iat + (typ === 'auth' ? o.authTtlSeconds : o.refreshTtlSeconds);
    const jti = crypto.randomUUID();
    const token = jwt.sign({ sub: user, sid, typ, iat, exp, jti }, this.secret);
    this.tokens.set(jti, { typ, sub: user, sid, uses: 0, revoked: false });
    this.issued[typ] += 1;
    this.sim.secrets.add(token);
    return token;
  }

  /** Marks every issued token of a type as invalid. @param {'auth'|'refresh'} typ */
  revokeAll(typ) {
    for (const t of this.tokens.values()) if (t.typ === typ) t.revoked = true;
  }

  /**
   * Classifies the Authorization header for `sim.calls[].auth`.
   * @param {string|undefined} h
   * @returns {'jwt'|'bearer-jwt'|'refresh'|'basic'|'apitoken'|'none'|'invalid'}
   */
  classify(h) {
    if (!h) return 'none';
    if (/^Basic\s/i.test(h)) return 'basic';
    const bearer = /^Bearer\s+(.+)$/i.exec(h);
    const apiTok = /^APIToken\s+(.+)$/i.exec(h);
    const apiTokens = this.sim.opts.apiTokens || {};
    if (apiTok) return apiTokens[apiTok[1].trim()] ? 'apitoken' : 'invalid';
    const raw = bearer ? bearer[1].trim() : h.trim();
    const v = jwt.verify(raw, this.secret);
    if (v.valid) {
      if (v.payload.typ === 'refresh') return bearer ? 'bearer-jwt' : 'refresh';
      return bearer ? 'bearer-jwt' : 'jwt';
    }
    if (bearer && apiTokens[raw]) return 'apitoken';
    return 'invalid';
  }

  /**
   * Checks a JWT of the given type from the Authorization header.
   * @returns {{ok: true, payload: any, rec: any} | {ok: false, reason: string}}
   */
  checkToken(header, typ) {
    if (!header) return { ok: false, reason: 'no Authorization header' };
    let raw = header.trim();
    const bearer = /^Bearer\s+(.+)$/i.exec(raw);
    if (bearer) {
      if (!this.sim.opts.acceptBearer) return { ok: false, reason: "'Bearer' prefix not accepted (raw token expected)" };
      raw = bearer[1].trim();
    }
    const v = jwt.verify(raw, this.secret);
    if (!v.valid) return { ok: false, reason: `token ${v.reason}` };
    const p = v.payload;
    if (p.typ !== typ) return { ok: false, reason: `expected a ${typ} token, got ${p.typ}` };
    if (typeof p.exp !== 'number' || this.sim.now() >= p.exp * 1000) return { ok: false, reason: `${typ} token expired` };
    const rec = this.tokens.get(p.jti);
    if (!rec) return { ok: false, reason: 'unknown token' };
    if (rec.revoked) return { ok: false, reason: `${typ} token revoked` };
    return { ok: true, payload: p, rec };
  }

  unauthorized(ctx, reason, extraHeaders) {
    this.sim.send(ctx, 401, { message: 'Unauthorized', status: 401 }, { 'X-Simulator-Reason': reason, ...(extraHeaders || {}) });
  }

  /**
   * @param {any} ctx
   * @param {string} key app key ('softwareplant-bigpicture' | 'bigpicture')
   * @param {string} rest path after /rest/<key>/1.0/
   */
  handle(ctx, key, rest) {
    const sim = this.sim;
    const o = sim.opts;
    let m = matchRoute(ctx.method, rest);
    if (m && m.methodNotAllowed && ctx.method === 'DELETE' && /^public\/ppm\/resources\/[^/]+\/absences$/.test(rest) && ctx.query.startDate !== undefined) {
      // alias: DELETE .../absences?startDate=YYYY-MM-DD
      const alt = matchRoute('DELETE', `${rest}/${encodeURIComponent(ctx.query.startDate)}`);
      if (alt && alt.route) m = alt;
    }
    if (!m) return sim.send(ctx, 404, notFoundHtml(ctx.rawPath), { 'content-type': 'text/html;charset=UTF-8' });
    if (m.methodNotAllowed) return sim.send(ctx, 405, { message: 'Method Not Allowed', status: 405 });
    const { route, params } = m;
    if (o.simulatedVersion && route.minVersion && compareVersions(route.minVersion, o.simulatedVersion) > 0) {
      return sim.send(ctx, 404, notFoundHtml(ctx.rawPath), { 'content-type': 'text/html;charset=UTF-8' });
    }
    if (route.id === 'auth') return this.systemAuth(ctx);
    if (route.id === 'reauth') return this.systemReauth(ctx);

    // --- public API: API token, or authentication JWT + Jira session
    const h = ctx.headers.authorization;
    const tok = sim.ways.apiToken(ctx, this, key);
    if (tok) {
      if (!tok.ok) return this.unauthorized(ctx, tok.reason);
      ctx.user = tok.user;
    } else {
      const t = this.checkToken(h, 'auth');
      if (!t.ok) return this.unauthorized(ctx, t.reason);
      if (o.authMaxUses > 0 && t.rec.uses >= o.authMaxUses) return this.unauthorized(ctx, 'authentication token used up (authMaxUses)');
      if (!ctx.session) return this.unauthorized(ctx, 'no valid JSESSIONID cookie');
      if (ctx.session.user !== t.payload.sub) return this.unauthorized(ctx, 'JSESSIONID belongs to another user');
      if (o.bindTokenToSession && ctx.sessionId !== t.payload.sid) return this.unauthorized(ctx, 'token issued under another session');
      t.rec.uses += 1;
      ctx.user = t.payload.sub;
    }
    if (route.adminOnly && !o.users[ctx.user].admin) return sim.send(ctx, 403, { message: 'Forbidden: BigPicture administrator rights are required', status: 403 });
    if (ctx.bodyError) return sim.send(ctx, 400, { message: `Malformed JSON body: ${ctx.bodyError}`, status: 400 });
    const handler = HANDLERS[route.id];
    if (ctx.method !== 'GET') sim.recordProcessed(ctx, route.id);
    return handler(this.api, ctx, params);
  }

  /** GET system/auth */
  systemAuth(ctx) {
    const sim = this.sim;
    const auth = sim.jira.authenticate(ctx);
    if (auth.fail) {
      const f = auth.fail;
      return sim.send(ctx, f.status, f.body === null ? { message: 'Unauthorized', status: 401 } : f.body, f.headers);
    }
    if (!auth.user) return this.unauthorized(ctx, 'no Jira session and no Basic credentials');
    ctx.user = auth.user;
    const authentication = this.issue(auth.user, ctx.sessionId, 'auth');
    const refresh = this.issue(auth.user, ctx.sessionId, 'refresh');
    return sim.send(ctx, 200, { authentication, refresh });
  }

  /** GET system/reauth */
  systemReauth(ctx) {
    const sim = this.sim;
    const t = this.checkToken(ctx.headers.authorization, 'refresh');
    if (!t.ok) return this.unauthorized(ctx, t.reason);
    if (sim.opts.reauthNeedsSession) {
      if (!ctx.session) return this.unauthorized(ctx, 'reauth needs a valid JSESSIONID (reauthNeedsSession)');
      if (ctx.session.user !== t.payload.sub) return this.unauthorized(ctx, 'JSESSIONID belongs to another user');
    }
    ctx.user = t.payload.sub;
    const authentication = this.issue(t.payload.sub, ctx.sessionId || t.payload.sid, 'auth');
    return sim.send(ctx, 200, { authentication });
  }
}

module.exports = { BigPicture };
