'use strict';
const assert = require('node:assert/strict');
const { load, sessionCalls, tokensReusedAfterTwoRefusals } = require('../fixtures/load');
const { sleep } = require('../../lib/n8n');
const { note } = require('../fixtures/stack');
const { executionErrors } = require('../fixtures/queue-stack');

const CALLS = 60;

module.exports = {
	title: `a worker SIGKILLed in the middle of ${CALLS} box creations and started again: later calls succeed, no token loop, no POST sent twice`,
	async run(env, t) {
		const mark = env.sim.calls.length;
		const postMark = env.sim.processedPosts.length;
		const recMark = env.recorder.records.length;
		const run = `q${Date.now().toString(36)}`;
		const names = Array.from({ length: CALLS }, (_, i) => `${run}-${i}`);
		let restartedAt = null;
		let killing = null;
		const results = await load(
			names.map((name) => env.hookUrl('bigpicture-create', { name })),
			{
				parallel: 10,
				timeoutMs: 90000,
				onAnswer: async (done) => {
					if (done !== 15 || killing) return;
					killing = (async () => {
						await env.killWorker(1);
						note('worker 1 killed with SIGKILL');
						await sleep(1000);
						await env.startWorker(1);
						restartedAt = Date.now();
						note('worker 1 started again');
					})();
					await killing;
				},
			},
		);
		assert.ok(restartedAt, 'the worker was never killed and restarted');
		// Calls sent after the new worker was ready must all succeed; the ones in flight at the kill may be lost.
		const later = results.filter((r) => r.ms !== undefined && r.i >= 25);
		const failedLater = later.filter((r) => r.status !== 200);
		assert.deepEqual(
			failedLater.map((r) => `${r.i}: ${r.status ?? r.error} ${String(r.body).slice(0, 120)}`),
			[],
			`calls sent after the kill failed; n8n's latest execution errors: ${(await executionErrors(env)).join(' // ')}`,
		);
		for (const r of results.filter((x) => x.status === 200)) {
			const name = new URL(r.url).searchParams.get('name');
			const box = r.json && env.sim.state.boxes.get(r.json.boxId);
			assert.ok(
				box && box.boxName === name,
				`call ${r.i} (name ${name}) answered ${String(r.body).slice(0, 200)}`,
			);
		}
		const posts = env.sim.processedPosts
			.slice(postMark)
			.map((p) => p.bodyJson && p.bodyJson.boxName);
		const twice = posts.filter((n, i) => posts.indexOf(n) !== i);
		assert.deepEqual(twice, [], 'a box was created twice (a POST sent again)');
		const s = sessionCalls(env.sim.calls.slice(mark));
		assert.ok(
			s.loginAttempts <= 1,
			`${s.loginAttempts} logins: only the restarted worker may log in, once`,
		);
		const reused = tokensReusedAfterTwoRefusals(env.recorder.records.slice(recMark));
		assert.deepEqual(reused, [], `tokens used after two refusals: ${reused.join('; ')}`);
		const lost = results.filter((r) => r.status !== 200);
		t.diagnostic(
			`${results.length - lost.length} of ${CALLS} answered 200; lost at the kill: ${lost.length} (${lost.map((r) => r.status ?? r.error).join(', ')}); ${posts.length} POSTs, none twice; logins ${s.loginAttempts}, reauths ${s.reauths}`,
		);
	},
};
