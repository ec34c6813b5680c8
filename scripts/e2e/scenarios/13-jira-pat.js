'use strict';
const assert = require('node:assert/strict');
const { nodeItems } = require('../../lib/n8n');
const { WF } = require('../fixtures/accounts');
const c = require('../fixtures/checks');

module.exports = {
	title:
		'Jira personal access token (bigPictureApi, pat): system/auth with the PAT once, then JWT + JSESSIONID',
	core: false,
	async run({ sim, n8n }) {
		const mark = sim.calls.length;
		const r = await n8n.execute(WF.pat);
		assert.ok(r.ok, `execution failed: ${c.executionFailed(r)}`);
		const calls = sim.calls.slice(mark);
		c.checkBoxItems(sim, nodeItems(r.data, 'BigPicture'));
		const auths = calls.filter(c.isAuth);
		assert.ok(auths.length === 1, `${auths.length} system/auth calls, expected 1`);
		assert.ok(
			auths[0].auth === 'pat' && auths[0].user === 'alice' && auths[0].status === 200,
			`the login was ${c.describeCall(auths[0])}`,
		);
		const basic = calls.filter((x) => x.auth === 'basic').length;
		assert.ok(basic === 0, `${basic} Basic logins with a PAT credential`);
		const pats = calls.filter((x) => x.auth === 'pat').length;
		assert.ok(pats === 1, `the PAT went out ${pats} times, expected once (system/auth only)`);
		c.checkPublicCalls(calls);
		c.checkOutputClean(r, sim);
		return `${calls.length} calls, ${c.secs(r.ms)}`;
	},
};
