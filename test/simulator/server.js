'use strict';
/**
 * The HTTP pipeline: parse → record → latency → context path → app key → faults →
 * broken-response options → route (Jira or BigPicture) → send (cookies, rotation, reset-after).
 */
const http = require('node:http');
const https = require('node:https');
const { selfSignedCertificate } = require('./tls');
const { cookieNames, parseCookies, readBody, notFoundHtml, loginHtml, sleep } = require('./http-util');

const BP_RE = /^\/rest\/([a-z0-9-]+)\/1\.0(?:\/(.*))?$/;
const BP_KEYS = new Set(['softwareplant-bigpicture', 'bigpicture']);

/**
 * @param {any} sim internal simulator
 * @returns {import('node:http').Server}
 */
function createServer(sim) {
  const handler = (req, res) => {
    sim.inFlight.track(res);
    handle(sim, req, res).catch((err) => {
      try {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`simulator error: ${err && err.message}`);
        }
      } catch { /* ignore */ }
      sim.errors.push(err);
    });
  };
  const server = sim.opts.tls ? https.createServer(selfSignedCertificate(), handler) : http.createServer(handler);
  // Connections the server accepted (after the handshake, over TLS): shows whether a client reuses them.
  server.on(sim.opts.tls ? 'secureConnection' : 'connection', () => { sim.connections += 1; });
  server.keepAliveTimeout = 5000;
  return server;
}

/** @param {any} sim @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
async function handle(sim, req, res) {
  const o = sim.opts;
  const url = new URL(req.url || '/', 'http://sim.local');
  const rawPath = url.pathname;
  const cp = o.contextPath || '';
  const underCp = !cp || rawPath === cp || rawPath.startsWith(`${cp}/`);
  const sentPath = underCp ? (rawPath.slice(cp.length) || '/') : rawPath;
  // Jira's REST layer routes `/rest/…/x.json` (and .xml .txt .html .htm .atom) as `/rest/…/x`.
  const path = o.restSuffixes && sentPath.startsWith('/rest/') ? sentPath.replace(/\.(json|xml|txt|html?|atom)$/, '') : sentPath;
  const cookies = parseCookies(req.headers.cookie);
  const query = Object.fromEntries(url.searchParams);

  let bodyBuf;
  try {
    bodyBuf = await readBody(req, o.maxBodyBytes);
  } catch {
    res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' });
    res.end('Request Entity Too Large');
    return;
  }
  const bodyText = bodyBuf.length ? bodyBuf.toString('utf8') : '';
  let bodyJson, bodyError = null;
  if (bodyText) {
    try { bodyJson = JSON.parse(bodyText); } catch (e) { bodyError = e.message; }
  }

  const sessionId = cookies.get('JSESSIONID');
  const session = sim.jira.sessionFor(sessionId);
  const call = {
    seq: sim.calls.length + 1,
    method: req.method,
    path: sentPath,
    query,
    status: /** @type {number|'reset'|null} */ (null),
    auth: sim.ways.classify(req.headers.authorization),
    app: sim.ways.appOfPath(sentPath),
    user: /** @type {string|null} */ (null),
    cookies: cookieNames(req.headers.cookie),
    sessionValid: Boolean(session),
    affinity: cookies.has(o.affinityCookieName),
    bodyJson: bodyText ? (bodyError ? null : bodyJson) : undefined,
    at: sim.now(),
  };
  sim.calls.push(call);

  const ctx = {
    req, res, call, method: req.method, rawPath, path, query, headers: req.headers, cookies,
    bodyText, bodyJson, bodyError,
    session, sessionId: session ? sessionId : null,
    setCookies: [], user: null, sent: false, resetAfter: false,
  };

  if (o.latencyMs > 0) await sleep(o.latencyMs);

  if (sim.ways.handleOutside(ctx)) return;
  if (!underCp) return sim.send(ctx, 404, notFoundHtml(rawPath), { 'content-type': 'text/html;charset=UTF-8' });

  const bpm = BP_RE.exec(path);
  const appBp = bpm && sim.ways.appFor(bpm[1]);
  const isBp = Boolean(bpm && (BP_KEYS.has(bpm[1]) || appBp));
  if (isBp && !appBp && !o.apiKeys.includes(bpm[1]) && !sim.ways.answersTokenCall(bpm[1], req.headers.authorization)) {
    return sim.send(ctx, 404, notFoundHtml(rawPath), { 'content-type': 'text/html;charset=UTF-8' });
  }
  const rest = isBp ? (bpm[2] || '') : '';
  const isAuthPath = isBp && (rest === 'system/auth' || rest === 'system/reauth');
  const eligible = isBp ? (!isAuthPath || o.faults.faultsOnAuth || o.faultsOnAuth) : path === '/rest/api/2/search';

  if (eligible && sim.faults.active) {
    const f = sim.faults.decide();
    if (f) {
      if (f.kind === 'reset') return sim.reset(ctx);
      if (f.kind === '429') return sim.send(ctx, 429, { message: 'Too Many Requests', status: 429 }, { 'Retry-After': String(f.retryAfter) });
      if (f.kind === '503') {
        return sim.send(ctx, 503, '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>',
          { 'content-type': 'text/html', ...(f.retryAfter !== undefined ? { 'Retry-After': String(f.retryAfter) } : {}) });
      }
      if (f.kind === 'resetAfter') ctx.resetAfter = true;
    }
  }

  if (o.loginPageFor && o.loginPageFor.test(path)) {
    return sim.send(ctx, 200, loginHtml(sim.baseUrl), { 'content-type': 'text/html;charset=UTF-8', 'X-Seraph-LoginReason': 'OUT' });
  }
  if (o.malformedJsonFor && o.malformedJsonFor.test(path)) {
    return sim.send(ctx, 200, '{"currentVersion":1,"latestVersion":1,"cargo":{"boxId":"ROOT","boxChildren":[{"boxId":', { 'content-type': 'application/json;charset=UTF-8' });
  }
  if (o.emptyBodyFor && o.emptyBodyFor.test(path)) {
    return sim.send(ctx, 200, '', { 'content-type': 'application/json;charset=UTF-8' });
  }
  if (o.hugeBodyFor && o.hugeBodyFor.test(path)) {
    return sim.send(ctx, 200, sim.hugeBody(), { 'content-type': 'application/json;charset=UTF-8' });
  }

  if (isBp && sim.ways.intercept(ctx, rest)) return;
  if (isBp) return (appBp || sim.bp).handle(ctx, bpm[1], rest);
  return sim.jira.handle(ctx);
}

module.exports = { createServer };
