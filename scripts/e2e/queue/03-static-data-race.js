'use strict';
const assert = require('node:assert/strict');
const { load, sessionCalls, tokensReusedAfterTwoRefusals } = require('../fixtures/load');
const { lookupUrls, checkLookups } = require('./01-webhook-load');
const { QWF } = require('../fixtures/queue-workflows');
const c = require('../fixtures/checks');

module.exports = {
	title:
		'ten executions of one workflow at once, each writing static data: the stored entry opens afterwards (0 logins), no token refused twice and used again',
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
		const after = env.sim.calls.length;
		const next = await load(lookupUrls(env, 1), { parallel: 1 });
		checkLookups(env, next);
		const s = sessionCalls(env.sim.calls.slice(after));
		assert.ok(
			s.loginAttempts === 0,
			`${s.loginAttempts} logins in the next execution: the stored entry did not open; its calls: ${env.sim.calls
				.slice(after)
				.map(c.describeCall)
				.join('; ')}`,
		);
		const reused = tokensReusedAfterTwoRefusals(env.recorder.records.slice(recMark));
		assert.deepEqual(reused, [], `tokens used after two refusals: ${reused.join('; ')}`);
		t.diagnostic(
			`the ten: ${during.reauths} reauths, ${during.loginAttempts} logins; the next execution on a fresh worker: ${s.loginAttempts} logins, ${s.reauths} reauths`,
		);
	},
};
