'use strict';
const assert = require('node:assert/strict');
const { WF } = require('../fixtures/accounts');
const c = require('../fixtures/checks');

module.exports = {
	title:
		'Jira personal access token (bigPictureApi, pat): system/auth with the PAT once, then JWT + JSESSIONID',
	core: false,
	async run({ sim, n8n }) {
		const { r, calls, login } = await c.executeBoxesWithOneLogin({ sim, n8n }, WF.pat, 'pat');
		assert.ok(login.user === 'alice', `the login was ${c.describeCall(login)}`);
		const basic = calls.filter((x) => x.auth === 'basic').length;
		assert.ok(basic === 0, `${basic} Basic logins with a PAT credential`);
		const pats = calls.filter((x) => x.auth === 'pat').length;
		assert.ok(pats === 1, `the PAT went out ${pats} times, expected once (system/auth only)`);
		c.checkPublicCalls(calls);
		c.checkOutputClean(r, sim);
		return `${calls.length} calls, ${c.secs(r.ms)}`;
	},
};
