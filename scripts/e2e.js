#!/usr/bin/env node
'use strict';
/**
 * End-to-end suite: the package installed into a real n8n (pinned, from scripts/install-n8n.sh) the way n8n
 * installs community packages, run by n8n's own CLI against the Jira + BigPicture simulator (test/simulator).
 *
 *   npm run test:e2e            (BIGPICTURE_E2E_KEEP=1 keeps the n8n user folder for a look afterwards)
 *
 * Prints `ok N - title` / `not ok N - title : reason` per scenario, lines starting with '#' for progress, and at
 * the end `P passed, F failed`; exits 1 when any scenario failed.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { nodeItems, httpGet, tail, sleep } = require('./lib/n8n');
const { REPO } = require('./lib/package');
const { prepareN8n } = require('./lib/setup');
const { isInterrupted, onCleanup, runCleanups } = require('./lib/proc');
const {
	NODE_TYPE,
	bigPictureCredential,
	chain,
	loadExample,
	webhookPath,
} = require('./lib/workflows');
const { startSimulator } = require(path.join(REPO, 'test', 'simulator'));

const ENCRYPTION_KEY = 'n8n-nodes-bigpicture-e2e-not-a-secret';
const started = Date.now();
const say = (line) => process.stdout.write(`${line}\n`);
const note = (line) => say(`# ${line}`);
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;

class Failure extends Error {}
function check(condition, reason) {
	if (!condition) throw new Failure(reason);
}

// ------------------------------------------------------------------------------------------------ fixtures
const pw = (label) => `${label}-${crypto.randomBytes(12).toString('base64url')}`;
const USERS = {
	alice: { password: pw('alice'), admin: true, displayName: 'Alice Admin' },
	bob: { password: pw('bob'), admin: false, displayName: 'Bob Builder' },
};
const BOB_WRONG = pw('wrong');

const CRED = {
	alice: { id: 'bpE2eCredAlice01', name: 'BigPicture e2e (alice)' },
	bobWrong: { id: 'bpE2eCredBobBad1', name: 'BigPicture e2e (bob, wrong password)' },
	bob: { id: 'bpE2eCredBob0001', name: 'BigPicture e2e (bob)' },
};
const WF = {
	getMany: 'bpE2eGetMany0001',
	many: 'bpE2eManyItems01',
	webhook: 'bpE2eWebhook0001',
	wrong: 'bpE2eWrongPass01',
	captcha: 'bpE2eCaptcha0001',
	report: 'bpE2eBoxReport01',
};
const ITEM_COUNT = 60;
const AUTH_MAX_USES = 5;

const manual = () => ({ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} });
const bigPicture = (credential, parameters, extra = {}) => ({
	name: 'BigPicture',
	type: NODE_TYPE,
	parameters,
	credentials: { bigPictureApi: { id: credential.id, name: credential.name } },
	...extra,
});

function workflows(boxIds) {
	return [
		chain(WF.getMany, 'e2e: box getMany', [
			manual(),
			bigPicture(CRED.alice, {
				resource: 'box',
				operation: 'getMany',
				returnAll: true,
				filters: {},
				options: {},
			}),
		]),
		chain(WF.many, `e2e: ${ITEM_COUNT} items, one request each`, [
			manual(),
			{
				name: 'Box ids',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ ids: boxIds }), options: {} },
			},
			{
				name: 'One item per id',
				type: 'n8n-nodes-base.splitOut',
				parameters: { fieldToSplitOut: 'ids', include: 'noOtherFields', options: {} },
			},
			bigPicture(CRED.alice, {
				resource: 'request',
				operation: 'call',
				api: 'bigpicture',
				method: 'GET',
				path: '=public/ppm/box/box/{{ $json.ids }}',
				unwrapCargo: true,
				options: { concurrency: 4 },
			}),
		]),
		loadExample('webhook-box-lookup', { credential: CRED.alice, id: WF.webhook }),
		loadExample('box-report', { credential: CRED.alice, id: WF.report }),
		chain(WF.wrong, 'e2e: wrong password', [
			manual(),
			bigPicture(CRED.bobWrong, {
				resource: 'box',
				operation: 'getMany',
				returnAll: true,
				filters: {},
				options: {},
			}),
		]),
		chain(WF.captcha, 'e2e: CAPTCHA', [
			manual(),
			bigPicture(CRED.bob, {
				resource: 'box',
				operation: 'getMany',
				returnAll: true,
				filters: {},
				options: {},
			}),
		]),
	];
}

// ------------------------------------------------------------------------------------------------ helpers
const isAuth = (c) => c.path.endsWith('/system/auth');
const isReauth = (c) => c.path.endsWith('/system/reauth');
const isPublic = (c) => c.path.includes('/public/');
const describeCall = (c) =>
	`${c.method} ${c.path.replace(/^\/rest\/[^/]+\/1\.0\//, '')} → ${c.status} (auth ${c.auth}, cookies ${c.cookies.join('+') || 'none'}${c.sessionValid ? '' : ', session invalid'})`;

/** Every public BigPicture call carries the JWT and a JSESSIONID, and none failed for good. */
function checkPublicCalls(calls, { allow401 = false } = {}) {
	const pub = calls.filter(isPublic);
	check(pub.length > 0, 'no BigPicture API call reached the simulator');
	for (const c of pub) {
		check(c.auth === 'jwt', `a BigPicture call went without the JWT: ${describeCall(c)}`);
		check(
			c.cookies.includes('JSESSIONID'),
			`a BigPicture call went without JSESSIONID: ${describeCall(c)}`,
		);
		if (!allow401) check(c.status === 200, `a BigPicture call failed: ${describeCall(c)}`);
	}
	return pub;
}

function executionFailed(r) {
	if (r.timedOut) return 'n8n execute timed out';
	if (!r.data) return `no run data in n8n's output (exit ${r.code}):\n${tail(r.output, 15)}`;
	const e = r.error;
	return e ? `${e.message}${e.description ? ` — ${e.description}` : ''}` : `exit ${r.code}`;
}

/** The boxes BigPicture (simulator) shows by default: not archived. */
function expectedBoxes(sim) {
	return [...sim.state.boxes.values()].filter((b) => !b.boxArchived);
}

function checkBoxItems(sim, items) {
	const expected = expectedBoxes(sim);
	const byId = new Map(expected.map((b) => [b.boxId, b]));
	const got = items.map((i) => i.json);
	const ids = got.map((b) => b.boxId);
	const missing = expected.map((b) => b.boxId).filter((id) => !ids.includes(id));
	check(missing.length === 0, `boxes missing from the output: ${missing.join(', ')}`);
	check(
		got.length === expected.length,
		`${got.length} boxes came out, the simulator shows ${expected.length}`,
	);
	for (const b of got) {
		const want = byId.get(b.boxId);
		check(!!want, `a box that should not be listed came out: ${JSON.stringify(b).slice(0, 200)}`);
		check(
			b.boxName === want.boxName,
			`box ${b.boxId} came out named "${b.boxName}", not "${want.boxName}"`,
		);
		check(
			b.boxStatus === want.boxStatus,
			`box ${b.boxId} came out with status ${b.boxStatus}, not ${want.boxStatus}`,
		);
	}
	return got;
}

/** Every string that must never appear in clear text, with a label (the value itself is never printed). */
function secretsOf(sim) {
	const list = [];
	for (const s of sim.secrets) {
		if (typeof s !== 'string' || s.length < 8) continue;
		list.push({ label: `simulator secret ${s.slice(0, 4)}…`, value: s });
		const parts = s.split('.');
		if (parts.length === 3 && parts.every((p) => p.length >= 8)) {
			list.push({ label: `JWT payload ${s.slice(0, 4)}…`, value: parts[1] });
			list.push({ label: `JWT signature ${s.slice(0, 4)}…`, value: parts[2] });
		}
	}
	for (const [user, u] of Object.entries(USERS))
		list.push({ label: `${user}'s password`, value: u.password });
	list.push({ label: "bob's wrong password", value: BOB_WRONG });
	for (const id of sim.sessions.keys()) list.push({ label: 'live JSESSIONID', value: id });
	return list;
}

function leaks(text, secrets) {
	return secrets.filter((s) => text.includes(s.value)).map((s) => s.label);
}

/** Secrets found in any string of `value` once base64/base64url-decoded (a seal that is only an encoding). */
function encodedLeaks(value, secrets) {
	const found = new Set();
	const visit = (v) => {
		if (typeof v === 'string') {
			for (const token of v.match(/[A-Za-z0-9+/_-]{16,}={0,2}/g) || []) {
				for (const enc of ['base64', 'base64url']) {
					const decoded = Buffer.from(token, enc).toString('latin1');
					for (const label of leaks(decoded, secrets)) found.add(`${label} (${enc})`);
				}
			}
		} else if (v && typeof v === 'object') {
			for (const x of Object.values(v)) visit(x);
		}
	};
	visit(value);
	return [...found];
}

// ------------------------------------------------------------------------------------------------ scenarios
const SCENARIOS = [
	[
		1,
		'getMany of boxes with Basic login: right data, one system/auth, JWT + JSESSIONID on every call',
		s1,
	],
	[2, 'second execution in a new process: tokens come back from static data, no login', s2],
	[
		3,
		`${ITEM_COUNT} items with tokens that die after ${AUTH_MAX_USES} uses: every item succeeds, reauths, no extra login`,
		s3,
	],
	[4, 'Jira session killed between executions: one re-login, then success', s4],
	[
		5,
		'published webhook workflow in n8n start, called before and after a restart: one system/auth in all',
		s5,
	],
	[6, 'n8n export:workflow holds no token, cookie or password in clear text', s6],
	[7, 'wrong password, then CAPTCHA: clear messages, no retry, no password in the output', s7],
	[8, 'examples/box-report.json runs: the summary matches the portfolio', s8],
];

let env; // {sim, n8n}

async function s1() {
	const { sim, n8n } = env;
	const mark = sim.calls.length;
	const r = await n8n.execute(WF.getMany);
	check(r.ok, `execution failed: ${executionFailed(r)}`);
	const calls = sim.calls.slice(mark);
	checkBoxItems(sim, nodeItems(r.data, 'BigPicture'));
	const auths = calls.filter(isAuth);
	check(auths.length === 1, `${auths.length} system/auth calls, expected 1`);
	check(
		auths[0].auth === 'basic' && auths[0].status === 200,
		`the login was ${describeCall(auths[0])}`,
	);
	checkPublicCalls(calls);
	return `${calls.length} calls, ${secs(r.ms)}`;
}

async function s2() {
	const { sim, n8n } = env;
	const mark = sim.calls.length;
	const r = await n8n.execute(WF.getMany);
	check(r.ok, `execution failed: ${executionFailed(r)}`);
	const calls = sim.calls.slice(mark);
	checkBoxItems(sim, nodeItems(r.data, 'BigPicture'));
	const auths = calls.filter(isAuth).length;
	const reauths = calls.filter(isReauth).length;
	check(auths === 0, `${auths} system/auth calls: the tokens did not come back from static data`);
	check(reauths === 0, `${reauths} system/reauth calls with a token that was still valid`);
	checkPublicCalls(calls);
	return `${calls.length} calls, ${secs(r.ms)}`;
}

async function s3() {
	const { sim, n8n, boxIds } = env;
	sim.setOptions({ authMaxUses: AUTH_MAX_USES });
	try {
		const mark = sim.calls.length;
		const r = await n8n.execute(WF.many);
		const calls = sim.calls.slice(mark);
		check(r.ok, `execution failed: ${executionFailed(r)}`);
		const items = nodeItems(r.data, 'BigPicture').map((i) => i.json);
		check(items.length === ITEM_COUNT, `${items.length} items came out, ${ITEM_COUNT} went in`);
		items.forEach((box, i) => {
			check(!box.error, `item ${i} failed: ${box.error}`);
			check(
				box.boxId === boxIds[i],
				`item ${i} is box ${box.boxId}, expected ${boxIds[i]} (order or pairing lost)`,
			);
		});
		const auths = calls.filter(isAuth).length;
		const reauths = calls.filter(isReauth);
		const gets = calls.filter((c) => isPublic(c) && c.path.includes('/box/box/'));
		const ok = gets.filter((c) => c.status === 200).length;
		const refused = gets.filter((c) => c.status === 401).length;
		check(auths === 1, `${auths} system/auth calls, expected 1 (the first login only)`);
		const minReauths = Math.ceil(ITEM_COUNT / AUTH_MAX_USES) - 1;
		check(
			reauths.length >= minReauths,
			`${reauths.length} system/reauth calls, at least ${minReauths} needed`,
		);
		check(
			reauths.every((c) => c.status === 200),
			'a system/reauth was refused',
		);
		check(
			ok === ITEM_COUNT,
			`${ok} box requests succeeded at the simulator, expected ${ITEM_COUNT}`,
		);
		checkPublicCalls(calls, { allow401: true });
		return `1 login, ${reauths.length} reauths, ${refused} refused calls retried, ${secs(r.ms)}`;
	} finally {
		sim.setOptions({ authMaxUses: 0 });
	}
}

async function s4() {
	const { sim, n8n } = env;
	sim.killSessions();
	const mark = sim.calls.length;
	const r = await n8n.execute(WF.getMany);
	const calls = sim.calls.slice(mark);
	check(r.ok, `execution failed: ${executionFailed(r)}`);
	checkBoxItems(sim, nodeItems(r.data, 'BigPicture'));
	const auths = calls.filter(isAuth);
	check(auths.length === 1, `${auths.length} system/auth calls, expected exactly 1 re-login`);
	check(auths[0].status === 200, `the re-login was ${describeCall(auths[0])}`);
	const pub = checkPublicCalls(calls, { allow401: true });
	const last = pub[pub.length - 1];
	check(last.status === 200 && last.sessionValid, `the last call was ${describeCall(last)}`);
	return calls.map((c) => describeCall(c).replace(/ \(.*\)$/, '')).join('; ');
}

async function s5() {
	const { sim, n8n, boxIds } = env;
	const wf = loadExample('webhook-box-lookup', { credential: CRED.alice, id: WF.webhook });
	const hookUrl = (boxId) =>
		`${n8n.url}/webhook/${webhookPath(wf)}?boxId=${encodeURIComponent(boxId)}`;
	await n8n.publish(WF.webhook);
	const mark = sim.calls.length;
	const answers = [];
	const ask = async (boxId) => {
		const res = await httpGet(hookUrl(boxId));
		// 503 "n8n is starting up", then 404 until the published webhook is registered
		if (res.status === 404 || res.status === 503 || /starting up/i.test(res.body)) return false;
		answers.push({ boxId, res });
		return true;
	};
	const byId = new Map(expectedBoxes(sim).map((b) => [b.boxId, b]));
	const picks = boxIds.filter((id) => id !== 'ROOT');
	const firstRun = [picks[0], picks[3], picks[6], picks[9 % picks.length]];
	const secondRun = [picks[1], picks[4], picks[7 % picks.length]];

	let authsAfterFirst;
	for (const [round, ids] of [
		[1, firstRun],
		[2, secondRun],
	]) {
		const t0 = Date.now();
		const handle = await n8n.start({ ready: () => ask(ids[0]), timeoutMs: 180000 });
		env.running = handle;
		try {
			note(`n8n start #${round} answered the webhook after ${secs(Date.now() - t0)}`);
			for (const id of ids.slice(1)) await ask(id);
			await sleep(500); // static data is saved after the response
		} finally {
			await handle.stop();
			env.running = undefined;
		}
		if (round === 1) authsAfterFirst = sim.calls.slice(mark).filter(isAuth).length;
	}
	for (const { boxId, res } of answers) {
		check(
			res.status === 200,
			`GET ?boxId=${boxId} answered ${res.status}: ${res.body.slice(0, 300)}`,
		);
		check(
			res.json && res.json.boxId === boxId,
			`GET ?boxId=${boxId} answered ${res.body.slice(0, 300)}`,
		);
		check(
			res.json.boxName === byId.get(boxId).boxName,
			`box ${boxId} came back named "${res.json.boxName}"`,
		);
	}
	check(answers.length === firstRun.length + secondRun.length, `${answers.length} answers`);
	const calls = sim.calls.slice(mark);
	const auths = calls.filter(isAuth).length;
	check(
		auths === 1,
		`${auths} system/auth calls in all (${authsAfterFirst} before the restart), expected 1`,
	);
	checkPublicCalls(calls);
	return `${answers.length} webhook calls over 2 starts, ${calls.length} simulator calls`;
}

async function s6() {
	const { sim, n8n } = env;
	const { text, workflows: exported } = await n8n.exportWorkflows();
	const found = leaks(text, secretsOf(sim));
	check(found.length === 0, `the export holds in clear text: ${found.join(', ')}`);
	for (const id of [WF.getMany, WF.webhook]) {
		const wf = exported.find((w) => w.id === id);
		check(!!wf, `workflow ${id} is not in the export`);
		const sd = wf.staticData;
		const sessions = sd && (sd.global ? sd.global.bigPictureSessions : sd.bigPictureSessions);
		check(
			sessions && JSON.stringify(sessions).length > 20,
			`workflow ${id} has no sessions in its static data (${JSON.stringify(sd || null).slice(0, 200)}): the check proves nothing`,
		);
		const decoded = encodedLeaks(sd, secretsOf(sim));
		check(
			decoded.length === 0,
			`the static data of ${id} holds, merely encoded: ${decoded.join(', ')}`,
		);
	}
	const one = await n8n.exportWorkflows(WF.webhook);
	const found1 = leaks(one.text, secretsOf(sim));
	check(
		found1.length === 0,
		`export:workflow --id=${WF.webhook} holds in clear text: ${found1.join(', ')}`,
	);
	return `${exported.length} workflows, ${text.length} bytes checked against ${secretsOf(sim).length} secrets`;
}

async function s7() {
	const { sim, n8n } = env;
	sim.setOptions({ captchaAfter: 1 });
	const secrets = [
		{ label: "bob's wrong password", value: BOB_WRONG },
		{ label: "bob's password", value: USERS.bob.password },
	];
	const errorText = (r) => (r.error ? `${r.error.message || ''} ${r.error.description || ''}` : '');

	let mark = sim.calls.length;
	const wrong = await n8n.execute(WF.wrong);
	let calls = sim.calls.slice(mark);
	check(!wrong.ok, 'the execution with a wrong password succeeded');
	check(!!wrong.error, `no error in the run data (exit ${wrong.code}):\n${tail(wrong.output, 10)}`);
	check(
		/refused the username or password/i.test(errorText(wrong)),
		`wrong password: the error says "${errorText(wrong).trim()}"`,
	);
	let found = leaks(wrong.output, secrets);
	check(found.length === 0, `the output of the failed execution holds ${found.join(', ')}`);
	const logins = calls.filter(isAuth).length;
	check(logins === 1, `${logins} login attempts with the wrong password, expected 1 (no retry)`);
	check(sim.failedLogins('bob') === 1, `Jira counted ${sim.failedLogins('bob')} failed logins`);

	mark = sim.calls.length;
	const locked = await n8n.execute(WF.captcha);
	calls = sim.calls.slice(mark);
	check(!locked.ok, 'the execution under a CAPTCHA lock succeeded');
	check(
		!!locked.error,
		`no error in the run data (exit ${locked.code}):\n${tail(locked.output, 10)}`,
	);
	check(/CAPTCHA/.test(errorText(locked)), `CAPTCHA: the error says "${errorText(locked).trim()}"`);
	found = leaks(locked.output, secrets);
	check(found.length === 0, `the output of the CAPTCHA execution holds ${found.join(', ')}`);
	const tries = calls.filter(isAuth).length;
	check(tries === 1, `${tries} login attempts under the CAPTCHA lock, expected 1`);
	return `"${wrong.error.message}" / "${locked.error.message}"`;
}

async function s8() {
	const { sim, n8n } = env;
	const mark = sim.calls.length;
	const r = await n8n.execute(WF.report);
	check(r.ok, `execution failed: ${executionFailed(r)}`);
	const rows = nodeItems(r.data, 'Count by status').map((i) => i.json);
	const want = {};
	for (const b of expectedBoxes(sim)) want[b.boxStatus] = (want[b.boxStatus] || 0) + 1;
	const got = {};
	for (const row of rows) got[row.boxStatus] = row.count_boxId;
	check(
		JSON.stringify(Object.entries(got).sort()) === JSON.stringify(Object.entries(want).sort()),
		`summary ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`,
	);
	check(sim.calls.slice(mark).filter(isAuth).length === 1, 'expected one login for a new workflow');
	return JSON.stringify(got);
}

// ------------------------------------------------------------------------------------------------ main
async function setup() {
	const t0 = Date.now();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'bigpicture-e2e-'));
	onCleanup(() => {
		if (process.env.BIGPICTURE_E2E_KEEP) note(`kept ${userFolder}`);
		else fs.rmSync(userFolder, { recursive: true, force: true });
	});
	const n8n = await prepareN8n({ userFolder, encryptionKey: ENCRYPTION_KEY, log: note });
	const sim = await startSimulator({ portfolio: 'small', contextPath: '/jira', users: USERS });
	onCleanup(() => sim.close());
	env = { sim, n8n };
	onCleanup(async () => {
		if (env.running) await env.running.stop();
	});
	note(
		`simulator ${sim.baseUrl}, n8n user folder ${userFolder}, N8N_PORT ${n8n.port}, broker ${n8n.brokerPort}`,
	);

	const ids = [...sim.state.boxes.keys()];
	env.boxIds = Array.from({ length: ITEM_COUNT }, (_, i) => ids[i % ids.length]);
	await n8n.importCredentials([
		bigPictureCredential({
			...CRED.alice,
			baseUrl: sim.baseUrl,
			username: 'alice',
			password: USERS.alice.password,
		}),
		bigPictureCredential({
			...CRED.bobWrong,
			baseUrl: sim.baseUrl,
			username: 'bob',
			password: BOB_WRONG,
		}),
		bigPictureCredential({
			...CRED.bob,
			baseUrl: sim.baseUrl,
			username: 'bob',
			password: USERS.bob.password,
		}),
	]);
	await n8n.importWorkflows(workflows(env.boxIds));
	note(`setup took ${secs(Date.now() - t0)}`);
}

async function main() {
	let passed = 0;
	let failed = 0;
	let setupError;
	onCleanup(() => {}); // Ctrl-C from here on stops every process this script started
	try {
		await setup();
	} catch (error) {
		setupError = error;
		note(`setup failed: ${error.stack || error}`);
	}
	for (const [n, title, fn] of SCENARIOS) {
		if (setupError) {
			say(`not ok ${n} - ${title} : setup failed: ${String(setupError.message).split('\n')[0]}`);
			failed += 1;
			continue;
		}
		if (isInterrupted()) break;
		const t0 = Date.now();
		try {
			const detail = await fn();
			if (isInterrupted()) break;
			say(`ok ${n} - ${title}`);
			if (detail) note(`  ${detail} (${secs(Date.now() - t0)})`);
			passed += 1;
		} catch (error) {
			if (isInterrupted()) break;
			const reason = error instanceof Failure ? error.message : `${error.stack || error}`;
			const [first, ...more] = String(reason).split('\n');
			say(`not ok ${n} - ${title} : ${first}`);
			for (const line of more) note(`  ${line}`);
			failed += 1;
		}
	}
	if (env && env.sim && env.sim.errors.length)
		note(`simulator internal errors: ${env.sim.errors.length}`);
	await runCleanups();
	note(`e2e took ${secs(Date.now() - started)}`);
	say(`${passed} passed, ${failed} failed`);
	return failed === 0 && !setupError;
}

main().then(
	(ok) => process.exit(ok ? 0 : 1),
	async (error) => {
		process.stderr.write(`${error.stack || error}\n`);
		await runCleanups();
		process.exit(1);
	},
);
