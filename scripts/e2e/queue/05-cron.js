'use strict';
const assert = require('node:assert/strict');
const { sleep } = require('../../lib/n8n');
const { QWF, CRON_SECONDS } = require('../fixtures/queue-workflows');
const { executionsPerWorker } = require('../fixtures/queue-stack');
const { sessionCalls } = require('../fixtures/load');
const c = require('../fixtures/checks');

const RUNS = 3;

module.exports = {
	title: `a scheduled workflow (every ${CRON_SECONDS} s) runs on the workers: its first run logs in, the next ${RUNS - 1} reuse that login`,
	async run(env, t) {
		const isBobsRun = (x) => x.user === 'bob' && c.isPublic(x) && x.status === 200;
		// A workflow activated by the CLI takes effect at the next start of main.
		await env.stopMain();
		await env.n8n.publish(QWF.cron);
		const mark = env.sim.calls.length;
		const before = executionsPerWorker(env);
		await env.startMain();
		const deadline = Date.now() + (RUNS + 6) * CRON_SECONDS * 1000 + 60000;
		while (env.sim.calls.slice(mark).filter(isBobsRun).length < RUNS && Date.now() < deadline)
			await sleep(500);
		await env.stopMain();
		const calls = env.sim.calls.slice(mark).filter((x) => x.user === 'bob');
		const runs = calls.filter(isBobsRun).length;
		assert.ok(
			runs >= RUNS,
			`${runs} scheduled runs reached BigPicture within the time, expected ${RUNS}`,
		);
		const ran = executionsPerWorker(env).map((n, i) => n - before[i]);
		assert.ok(
			ran.reduce((a, b) => a + b, 0) >= runs,
			`the workers logged ${ran.join(' + ')} executions for ${runs} runs`,
		);
		const s = sessionCalls(calls);
		assert.ok(
			s.loginAttempts === 1,
			`${s.loginAttempts} logins over ${runs} scheduled runs, expected 1: ${calls.map((x) => `${new Date(x.at).toISOString().slice(14, 23)} ${c.describeCall(x)}`).join('; ')}`,
		);
		c.checkPublicCalls(calls);
		t.diagnostic(
			`${runs} runs, executions per worker ${ran.join(' / ')}, ${s.loginAttempts} login, ${s.reauths} reauths`,
		);
	},
};
