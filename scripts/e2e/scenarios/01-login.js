'use strict';
const assert = require('node:assert/strict');
const { nodeItems } = require('../../lib/n8n');
const { WF } = require('../fixtures/accounts');
const c = require('../fixtures/checks');

module.exports = {
	title:
		'getMany of boxes with Basic login: right data, one system/auth, JWT + JSESSIONID on every call',
	core: true,
	async run({ sim, n8n }) {
		const mark = sim.calls.length;
		const r = await n8n.execute(WF.getMany);
		assert.ok(r.ok, `execution failed: ${c.executionFailed(r)}`);
		const calls = sim.calls.slice(mark);
		c.checkBoxItems(sim, nodeItems(r.data, 'BigPicture'));
		const auths = calls.filter(c.isAuth);
		assert.ok(auths.length === 1, `${auths.length} system/auth calls, expected 1`);
		assert.ok(
			auths[0].auth === 'basic' && auths[0].status === 200,
			`the login was ${c.describeCall(auths[0])}`,
		);
		c.checkPublicCalls(calls);
		return `${calls.length} calls, ${c.secs(r.ms)}`;
	},
};
