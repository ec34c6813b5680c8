'use strict';
const assert = require('node:assert/strict');
const { nodeItems } = require('../../lib/n8n');
const { WF } = require('../fixtures/accounts');
const c = require('../fixtures/checks');

module.exports = {
	title:
		'Connect With = BigPicture API Token (bearer): the boxes; the token on every call, no system/auth, no Jira login',
	core: false,
	async run({ sim, n8n }) {
		// Only the bearer scheme is accepted, as the current developer portal documents it.
		sim.setOptions({ apiTokenSchemes: ['bearer'] });
		try {
			const mark = sim.calls.length;
			const sessions = sim.stats().sessionsCreated;
			const r = await n8n.execute(WF.token);
			assert.ok(r.ok, `execution failed: ${c.executionFailed(r)}`);
			const calls = sim.calls.slice(mark);
			c.checkBoxItems(sim, nodeItems(r.data, 'BigPicture'));
			assert.ok(calls.length > 0, 'no call reached the simulator');
			for (const call of calls) {
				assert.ok(
					call.auth === 'apitoken' && call.user === 'alice' && call.status === 200,
					`a call went without the API token or failed: ${c.describeCall(call)}`,
				);
				assert.ok(
					call.path.startsWith('/rest/bigpicture/1.0/public/'),
					`a call left BigPicture's public API under the token key: ${c.describeCall(call)}`,
				);
			}
			const logins = calls.filter((x) => /\/system\//.test(x.path)).length;
			assert.ok(logins === 0, `${logins} system/* calls with an API token`);
			const opened = sim.stats().sessionsCreated - sessions;
			assert.ok(opened === 0, `${opened} Jira sessions opened with an API token`);
			c.checkOutputClean(r, sim);
			return `${calls.length} calls, all Bearer API token, 0 logins, ${c.secs(r.ms)}`;
		} finally {
			sim.setOptions({ apiTokenSchemes: ['bearer', 'apitoken'] });
		}
	},
};
