'use strict';
/** Small HTTP helpers shared by the Jira and BigPicture parts. */

/**
 * Parses a Cookie header. The first occurrence of a name wins.
 * @param {string|undefined} header
 * @returns {Map<string,string>}
 */
/** Every cookie name in a Cookie header, duplicates kept (a client sending a name twice is a client bug). */
function cookieNames(header) {
  if (!header) return [];
  return header.split(';').map((part) => part.slice(0, part.indexOf('=')).trim()).filter(Boolean);
}

function parseCookies(header) {
  const out = new Map();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || out.has(name)) continue;
    out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {number} limit bytes
 * @returns {Promise<Buffer>}
 */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > limit) {
        reject(Object.assign(new Error('body too large'), { code: 'TOO_LARGE' }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

/** Jira-like 404 page. @param {string} path */
function notFoundHtml(path) {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Oops, you&#39;ve found a dead link. - Jira (simulated)</title></head>
<body id="jira" class="aui-layout aui-style-default page-type-message">
<div class="aui-page-panel"><section class="aui-page-panel-content">
<h1>Oops, you&#39;ve found a dead link.</h1>
<p>The page <code>${esc(path)}</code> does not exist.</p>
<p><a href="/">Go back to the previous page</a> or <a href="/secure/Dashboard.jspa">go to the dashboard</a>.</p>
</section></div></body></html>`;
}

/** Jira-like login page (also used for "SSO proxy answers a login page" tests). @param {string} baseUrl */
function loginHtml(baseUrl) {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Log in - Jira (simulated)</title>
<meta name="ajs-login-page" content="true"></head>
<body id="jira" class="aui-layout aui-style-default page-type-login">
<div class="aui-page-panel"><section class="aui-page-panel-content">
<h1>Welcome to Jira</h1>
<form id="login-form" class="aui" action="${esc(baseUrl)}/login.jsp" method="post">
<label for="login-form-username">Username</label><input type="text" name="os_username" id="login-form-username">
<label for="login-form-password">Password</label><input type="password" name="os_password" id="login-form-password">
<input type="checkbox" name="os_cookie" id="login-form-remember-me" value="true"> Remember my login on this computer
<input type="submit" value="Log In" id="login-form-submit" name="login">
</form></section></div></body></html>`;
}

/** Compares dotted versions ('8.57.0'). @returns {number} <0, 0, >0 */
function compareVersions(a, b) {
  const pa = String(a).split('.').map((x) => parseInt(x, 10) || 0);
  const pb = String(b).split('.').map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] || 0) - (pb[i] || 0);
    if (d) return d;
  }
  return 0;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
/** Strict YYYY-MM-DD that is a real calendar date. @param {unknown} s */
function isDate(s) {
  if (typeof s !== 'string' || !DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** @param {string} date YYYY-MM-DD @param {number} days */
function addDays(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

module.exports = { cookieNames, parseCookies, readBody, notFoundHtml, loginHtml, compareVersions, isDate, addDays, sleep, esc };
