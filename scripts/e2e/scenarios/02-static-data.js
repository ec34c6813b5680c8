'use strict';
const assert = require('node:assert/strict');
const { nodeItems } = require('../../lib/n8n');
const { WF } = require('../fixtures/accounts');
const c = require('../fixtures/checks');

module.exports = {
	title: 'second execution in a new process: tokens come back from static data, no login',
	core: true,
	async run({ sim, n8n }) {
		const mark = sim.calls.length;
		const r = await n8n.execute(WF.getMany);
		assert.ok(r.ok, `execution failed: ${c.executionFailed(r)}`);
		const calls = sim.calls.slice(mark);
		c.checkBoxItems(sim, nodeItems(r.data, 'BigPicture'));
		const auths = calls.filter(c.isAuth).length;
		const reauths = calls.filter(c.isReauth).length;
		assert.ok(
			auths === 0,
			`${auths} system/auth calls: the tokens did not come back from static data`,
		);
		assert.ok(reauths === 0, `${reauths} system/reauth calls with a token that was still valid`);
		c.checkPublicCalls(calls);
		return `${calls.length} calls, ${c.secs(r.ms)}`;
	},
};
