'use strict';
const assert = require('node:assert/strict');
const { nodeItems } = require('../../lib/n8n');
const { WF } = require('../fixtures/accounts');
const { TEMPLATE_PATH } = require('../fixtures/workflows');
const c = require('../fixtures/checks');

const TEMPLATE_KEY = '/rest/softwareplant-bigtemplate/1.0/';

/** Logins per app since `before` (appStats counts successful system/auth calls). */
const loginsSince = (sim, before) => {
	const now = sim.appStats();
	return {
		bigPicture: now.bigPicture.logins - before.bigPicture.logins,
		bigTemplate: now.bigTemplate.logins - before.bigTemplate.logins,
	};
};

module.exports = {
	title:
		'one workflow, a BigPicture node and a BigTemplate node: one Jira login, one BigPicture login per app; the next execution none',
	core: false,
	async run({ sim, n8n }) {
		const outcome = [];
		for (const round of ['first', 'second']) {
			const mark = sim.calls.length;
			const apps = sim.appStats();
			const sessions = sim.stats().sessionsCreated;
			const r = await n8n.execute(WF.apps);
			assert.ok(r.ok, `${round} execution failed: ${c.executionFailed(r)}`);
			const calls = sim.calls.slice(mark);
			c.checkBoxItems(sim, nodeItems(r.data, 'BigPicture'));
			const types = nodeItems(r.data, 'BigTemplate');
			assert.ok(types.length > 0, `BigTemplate's ${TEMPLATE_PATH} gave no items`);
			const template = c.under(calls, TEMPLATE_KEY).filter((x) => x.path.endsWith(TEMPLATE_PATH));
			assert.ok(
				template.length === 1 && template[0].auth === 'jwt' && template[0].status === 200,
				`BigTemplate's call: ${template.map(c.describeCall).join('; ') || 'none'}`,
			);
			const opened = sim.stats().sessionsCreated - sessions;
			const logins = loginsSince(sim, apps);
			const want = round === 'first' ? 1 : 0;
			// A Jira login is a new Jira session: BigTemplate's system/auth rides on BigPicture's JSESSIONID (its
			// request may repeat the Basic header, which Jira does not evaluate while the session is valid).
			assert.ok(
				opened === want,
				`${opened} Jira sessions opened in the ${round} execution, expected ${want}`,
			);
			for (const auth of calls.filter(c.isAuth))
				assert.ok(
					auth.cookies.includes('JSESSIONID') || auth === calls.find(c.isAuth),
					`a later system/auth went without Jira's session: ${c.describeCall(auth)}`,
				);
			const basic = calls.filter((x) => x.auth === 'basic').length;
			assert.deepEqual(
				logins,
				{ bigPicture: want, bigTemplate: want },
				`system/auth per app in the ${round} execution`,
			);
			c.checkOutputClean(r, sim);
			outcome.push(
				`${round}: ${opened} Jira session, system/auth ${JSON.stringify(logins)} (${basic} with Basic), ${c.secs(r.ms)}`,
			);
		}
		return outcome.join('; ');
	},
};
