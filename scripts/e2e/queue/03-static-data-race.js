'use strict';
const assert = require('node:assert/strict');
const { load, sessionCalls, tokensReusedAfterTwoRefusals } = require('../fixtures/load');
const { lookupUrls, checkLookups } = require('./01-webhook-load');
const { QWF } = require('../fixtures/queue-workflows');
const c = require('../fixtures/checks');
const path = require('node:path');
const { REPO } = require('../../lib/package');
const { CRED } = require('../fixtures/accounts');
const { credentials } = require('../fixtures/stack');

/**
 * Diagnosis for a failure: opens the stored entry with the built package's sealer and says which tokens it holds
 * and whether the simulator still accepts them.
 */
async function openStored(env, stored) {
	try {
		const { toConnectionConfig } = require(
			path.join(REPO, 'dist/nodes/BigPicture/transport/config.js'),
		);
		const { Sealer } = require(path.join(REPO, 'dist/nodes/BigPicture/transport/tokenStore.js'));
		const cred = credentials({ baseUrl: env.recorder.baseUrl }).find((x) => x.id === CRED.alice.id);
		const sealer = new Sealer(toConnectionConfig(cred.data));
		const entry = await sealer.read(stored.global || stored);
		if (!entry) return 'it does not open';
		// One entry per credential: every app's token pair under `apps`, the Jira cookies once.
		const snap = { ...(entry.apps ? entry.apps.bigPicture : entry), cookies: entry.cookies };
		const about = (token) => {
			if (!token) return 'none';
			const p = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
			const seen = env.recorder.records.filter((r) => r.jti === p.jti);
			const refused = seen.filter((r) => r.status === 401).length;
			return `${p.typ} exp in ${Math.round((p.exp * 1000 - Date.now()) / 1000)} s, sent ${seen.length}× (${refused} refused)`;
		};
		return `auth ${about(snap.authentication)}; refresh ${about(snap.refresh)}; ${(snap.cookies || []).length} cookies`;
	} catch (error) {
		return `could not be checked (${error.message})`;
	}
}

module.exports = {
	// n8n 2.40.7 hands a worker's new execution empty static data (the saved execution drops `staticData` in
	// toWorkflowSnapshot, and the job says loadStaticData: false; 1.x reloaded it on the worker). So a fresh worker
	// cannot resume from the stored entry: the most it can do is log in once, then serve from its memory.
	title:
		'ten executions of one workflow at once, each writing static data: the stored entry opens afterwards with live tokens, a fresh worker logs in at most once, no token refused twice and used again',
	async run(env, t) {
		const recMark = env.recorder.records.length;
		// Every token dies now: each of the ten executions renews its session and writes static data at its end.
		env.sim.expireAuthTokens();
		const mark = env.sim.calls.length;
		const results = await load(lookupUrls(env, 10), { parallel: 10 });
		checkLookups(env, results);
		const during = sessionCalls(env.sim.calls.slice(mark));
		assert.ok(
			during.reauths + during.loginAttempts > 0,
			'no renewal: the ten executions wrote nothing new',
		);

		// New worker processes: nothing in memory, only what the last writer left in the workflow's static data.
		for (let n = 1; n <= env.workers.length; n += 1) {
			await env.workers[n - 1].stop();
			await env.startWorker(n);
		}
		const rows = await env.services.postgres.query(
			`select length("staticData"::text) from workflow_entity where id = '${QWF.lookup}'`,
		);
		assert.ok(Number(rows[0]) > 20, `no static data stored for the workflow (${rows[0]})`);
		const stored = JSON.parse(
			(
				await env.services.postgres.query(
					`select "staticData" from workflow_entity where id = '${QWF.lookup}'`,
				)
			)[0],
		);
		const entries = Object.entries((stored.global || stored).bigPictureSessions || {}).map(
			([k, e]) =>
				`${k.slice(0, 6)}… v${e.v} saved ${new Date(e.savedAt).toISOString().slice(11, 23)}`,
		);
		const opened = await openStored(env, stored);
		const after = env.sim.calls.length;
		const next = await load(lookupUrls(env, 1), { parallel: 1 });
		checkLookups(env, next);
		const s = sessionCalls(env.sim.calls.slice(after));
		// What n8n handed that execution: the static data in its stored workflow copy.
		const given = s.loginAttempts
			? await env.services.postgres
					.query(
						`select "workflowData"::json->'staticData' from execution_data order by "executionId" desc limit 1`,
					)
					.then((rows) => {
						const sd = JSON.parse(rows[0] || 'null') || {};
						const keys = Object.keys((sd.global || sd).bigPictureSessions || {});
						return `entries ${keys.map((k) => `${k.slice(0, 6)}…`).join(', ') || 'none'}`;
					})
					.catch((e) => `unknown (${e.message})`)
			: '';
		assert.match(opened, /^auth \S+ exp in \d+ s, .*; refresh \S+ exp in \d+ s/, `the stored entry: ${opened}; entries: ${entries.join(', ') || 'none'}`);
		assert.ok(
			s.loginAttempts <= 1,
			`${s.loginAttempts} logins in the next execution on a fresh worker (at most 1 expected); its calls: ${env.sim.calls
				.slice(after)
				.map(c.describeCall)
				.join('; ')}; the execution was given static data with ${given}`,
		);
		const reused = tokensReusedAfterTwoRefusals(env.recorder.records.slice(recMark));
		assert.deepEqual(reused, [], `tokens used after two refusals: ${reused.join('; ')}`);
		t.diagnostic(
			`the ten: ${during.reauths} reauths, ${during.loginAttempts} logins; the next execution on a fresh worker: ${s.loginAttempts} logins, ${s.reauths} reauths`,
		);
	},
};
