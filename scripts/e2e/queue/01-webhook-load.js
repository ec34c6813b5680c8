'use strict';
const assert = require('node:assert/strict');
const { executionsPerWorker } = require('../fixtures/queue-stack');
const { load, sessionCalls } = require('../fixtures/load');
const c = require('../fixtures/checks');

const CALLS = 200;
const PARALLEL = 20;

/** The lookup webhook for `count` box ids (cycling through the portfolio, ROOT left out). */
function lookupUrls(env, count) {
	const ids = [...env.sim.state.boxes.keys()].filter((id) => id !== 'ROOT');
	return Array.from({ length: count }, (_, i) => ids[i % ids.length]).map((boxId) =>
		env.hookUrl('bigpicture-box', { boxId }),
	);
}

/** Every answer is 200 with the box that was asked for. */
function checkLookups(env, results) {
	const byId = env.sim.state.boxes; // archived ones too: a lookup by id finds them
	for (const r of results) {
		const boxId = new URL(r.url).searchParams.get('boxId');
		assert.ok(
			r.status === 200,
			`call ${r.i} (boxId ${boxId}) answered ${r.status ?? r.error}: ${String(r.body).slice(0, 300)}`,
		);
		assert.ok(
			r.json && r.json.boxId === boxId,
			`call ${r.i} asked for ${boxId}, got ${String(r.body).slice(0, 300)}`,
		);
		assert.ok(
			r.json.boxName === byId.get(boxId).boxName,
			`box ${boxId} came back named "${r.json.boxName}"`,
		);
	}
}

module.exports = {
	lookupUrls,
	checkLookups,
	title: `published webhook called ${CALLS} times, ${PARALLEL} at a time: all answered right, run on both workers, at most one login per worker`,
	async run(env, t) {
		const before = executionsPerWorker(env);
		const mark = env.sim.calls.length;
		const t0 = Date.now();
		const results = await load(lookupUrls(env, CALLS), { parallel: PARALLEL });
		const ms = Date.now() - t0;
		checkLookups(env, results);
		const ran = executionsPerWorker(env).map((n, i) => n - before[i]);
		assert.ok(
			ran.reduce((a, b) => a + b, 0) >= CALLS,
			`the workers logged ${ran.join(' + ')} executions for ${CALLS} calls: some ran elsewhere`,
		);
		assert.ok(
			ran.every((n) => n > 0),
			`one worker ran nothing: ${ran.join(' / ')}`,
		);
		// Every login since the stack started (the start-up probe included): one per worker process at most.
		const all = sessionCalls(env.sim.calls);
		const now = sessionCalls(env.sim.calls.slice(mark));
		assert.ok(
			all.loginAttempts <= env.workers.length,
			`${all.loginAttempts} logins for ${env.workers.length} worker processes`,
		);
		c.checkPublicCalls(env.sim.calls.slice(mark));
		env.scenario1 = { logins: all.loginAttempts, loginsDuringLoad: now.loginAttempts, ran };
		t.diagnostic(
			`${CALLS} calls in ${c.secs(ms)} (${(CALLS / (ms / 1000)).toFixed(1)}/s); executions per worker ${ran.join(' / ')}; logins ${all.loginAttempts} in all (${now.loginAttempts} during the load), reauths ${now.reauths}`,
		);
	},
};
