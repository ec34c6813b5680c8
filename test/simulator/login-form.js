'use strict';
/**
 * Jira's browser login, as a person meets it when the node's CAPTCHA message says "log in to Jira once in a
 * browser": GET /login.jsp shows the form; POST /login.jsp (form fields os_username, os_password and, once the user
 * is locked, os_captcha) logs in. A user under the CAPTCHA lock must answer it: the simulated CAPTCHA shows its word
 * as text (`CAPTCHA_WORD`), and is asked for until a login succeeds. A successful login clears the lock and the
 * failure count, like Jira's, creates a Jira session and redirects to the dashboard; a wrong password counts as a
 * failed login.
 */
const { esc } = require('./http-util');

const CAPTCHA_WORD = 'bigpicture';
const HTML = { 'content-type': 'text/html;charset=UTF-8' };

/** @param {string} baseUrl @param {{error?: string, username?: string, captcha?: boolean}} [state] */
function loginPage(baseUrl, { error, username = '', captcha = false } = {}) {
  const captchaField = captcha
    ? `<p>CAPTCHA (simulated): type the word <b id="captcha-word">${CAPTCHA_WORD}</b></p>
<label for="login-form-captcha">CAPTCHA</label><input type="text" name="os_captcha" id="login-form-captcha" autocomplete="off">`
    : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Log in - Jira (simulated)</title>
<meta name="ajs-login-page" content="true"></head>
<body id="jira" class="aui-layout aui-style-default page-type-login">
<div class="aui-page-panel"><section class="aui-page-panel-content">
<h1>Welcome to Jira</h1>
${error ? `<div class="aui-message error" id="login-error">${esc(error)}</div>` : ''}
<form id="login-form" class="aui" action="${esc(baseUrl)}/login.jsp" method="post">
<label for="login-form-username">Username</label><input type="text" name="os_username" id="login-form-username" value="${esc(username)}">
<label for="login-form-password">Password</label><input type="password" name="os_password" id="login-form-password">
${captchaField}
<input type="checkbox" name="os_cookie" id="login-form-remember-me" value="true"> Remember my login on this computer
<input type="submit" value="Log In" id="login-form-submit" name="login">
</form></section></div></body></html>`;
}

function dashboardPage(user) {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>System Dashboard - Jira (simulated)</title></head>
<body id="jira"><h1>System Dashboard</h1>
<p id="logged-in-user">Logged in as ${esc(user)}. This Jira is the BigPicture simulator: nothing more to see here.
Go back to n8n and open the credential or run the workflow again.</p></body></html>`;
}

/**
 * Handles /login.jsp (GET, POST) and /secure/Dashboard.jspa; returns false for any other path.
 * @param {import('./jira').Jira} jira @param {any} ctx
 */
function handleBrowserLogin(jira, ctx) {
  const sim = jira.sim;
  if (ctx.path === '/secure/Dashboard.jspa' && ctx.method === 'GET') {
    if (!ctx.session) {
      sim.send(ctx, 302, null, { location: `${sim.baseUrl}/login.jsp` });
    } else {
      ctx.user = ctx.session.user;
      sim.send(ctx, 200, dashboardPage(ctx.session.user), HTML);
    }
    return true;
  }
  if (ctx.path !== '/login.jsp') return false;
  if (ctx.method === 'GET') {
    sim.send(ctx, 200, loginPage(sim.baseUrl), HTML);
    return true;
  }
  if (ctx.method !== 'POST') {
    sim.send(ctx, 405, 'Method not allowed', { 'content-type': 'text/plain' });
    return true;
  }
  const form = new URLSearchParams(ctx.bodyText || '');
  const username = form.get('os_username') || '';
  const password = form.get('os_password') || '';
  const user = sim.opts.users[username];
  const again = (error, captcha) => sim.send(ctx, 200, loginPage(sim.baseUrl, { error, username, captcha }), {
    ...HTML,
    'X-Seraph-LoginReason': captcha ? 'AUTHENTICATION_DENIED' : 'AUTHENTICATED_FAILED',
  });
  if (user && jira.captcha.has(username)) {
    const answer = (form.get('os_captcha') || '').trim().toLowerCase();
    if (answer !== CAPTCHA_WORD) {
      again('Sorry, your userid is required to answer a CAPTCHA question correctly.', true);
      return true;
    }
    // Answered: the password decides. Jira keeps asking for the CAPTCHA until a login succeeds.
    if (user.password !== password) {
      jira.failures.set(username, (jira.failures.get(username) || 0) + 1);
      again('Sorry, your username and password are incorrect - please try again.', true);
      return true;
    }
    jira.captcha.delete(username);
  }
  const result = jira.checkPassword(username, password, { viaBasic: false });
  if (!result.ok) {
    again('Sorry, your username and password are incorrect - please try again.', jira.captcha.has(username));
    return true;
  }
  const id = jira.createSession(result.user);
  ctx.setCookies.push(jira.cookieHeader(id));
  ctx.user = result.user;
  sim.send(ctx, 302, null, { location: `${sim.baseUrl}/secure/Dashboard.jspa`, 'X-Seraph-LoginReason': 'OK' });
  return true;
}

module.exports = { handleBrowserLogin, loginPage, CAPTCHA_WORD };
