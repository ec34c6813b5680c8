'use strict';
const assert = require('node:assert/strict');
const { load, sessionCalls, tokensReusedAfterTwoRefusals } = require('../fixtures/load');
const { lookupUrls, checkLookups } = require('./01-webhook-load');
const c = require('../fixtures/checks');

const CALLS = 100;
const MAX_USES = 4;

module.exports = {
	title: `tokens die after ${MAX_USES} uses during a load of ${CALLS} calls: reauths, no login, no failed call`,
	async run(env, t) {
		const mark = env.sim.calls.length;
		const recMark = env.recorder.records.length;
		env.sim.setOptions({ authMaxUses: MAX_USES });
		try {
			const results = await load(lookupUrls(env, CALLS), { parallel: 20 });
			checkLookups(env, results);
		} finally {
			env.sim.setOptions({ authMaxUses: 0 });
		}
		const calls = env.sim.calls.slice(mark);
		const s = sessionCalls(calls);
		assert.ok(
			s.reauths > 0,
			'no system/reauth although tokens died every few uses: the check proves nothing',
		);
		assert.ok(
			s.loginAttempts === 0,
			`${s.loginAttempts} logins during the load, expected none (reauth suffices)`,
		);
		assert.ok(
			calls.filter(c.isReauth).every((x) => x.status === 200),
			'a system/reauth was refused',
		);
		const reused = tokensReusedAfterTwoRefusals(env.recorder.records.slice(recMark));
		assert.deepEqual(reused, [], `tokens used after two refusals: ${reused.join('; ')}`);
		c.checkPublicCalls(calls, { allow401: true });
		const refused = calls.filter((x) => c.isPublic(x) && x.status === 401).length;
		t.diagnostic(
			`${s.reauths} reauths, ${refused} refused calls resent, 0 logins, ${CALLS} answers right`,
		);
	},
};
