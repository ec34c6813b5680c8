'use strict';
const assert = require('node:assert/strict');
const { nodeItems } = require('../../lib/n8n');
const { WF } = require('../fixtures/accounts');
const c = require('../fixtures/checks');

module.exports = {
	title: 'Jira session killed between executions: one re-login, then success',
	core: false,
	async run({ sim, n8n }) {
		sim.killSessions();
		const mark = sim.calls.length;
		const r = await n8n.execute(WF.getMany);
		const calls = sim.calls.slice(mark);
		assert.ok(r.ok, `execution failed: ${c.executionFailed(r)}`);
		c.checkBoxItems(sim, nodeItems(r.data, 'BigPicture'));
		const auths = calls.filter(c.isAuth);
		assert.ok(auths.length === 1, `${auths.length} system/auth calls, expected exactly 1 re-login`);
		assert.ok(auths[0].status === 200, `the re-login was ${c.describeCall(auths[0])}`);
		const pub = c.checkPublicCalls(calls, { allow401: true });
		const last = pub[pub.length - 1];
		assert.ok(
			last.status === 200 && last.sessionValid,
			`the last call was ${c.describeCall(last)}`,
		);
		return calls.map((x) => c.describeCall(x).replace(/ \(.*\)$/, '')).join('; ');
	},
};
