'use strict';
const assert = require('node:assert/strict');
const { WF } = require('../fixtures/accounts');
const c = require('../fixtures/checks');

module.exports = {
	title: 'n8n export:workflow holds no token, cookie or password in clear text',
	core: true,
	async run({ sim, n8n }) {
		const { text, workflows: exported } = await n8n.exportWorkflows();
		const found = c.leaks(text, c.secretsOf(sim));
		assert.ok(found.length === 0, `the export holds in clear text: ${found.join(', ')}`);
		for (const id of [WF.getMany, WF.webhook]) {
			const wf = exported.find((w) => w.id === id);
			assert.ok(!!wf, `workflow ${id} is not in the export`);
			const sd = wf.staticData;
			const sessions = sd && (sd.global ? sd.global.bigPictureSessions : sd.bigPictureSessions);
			assert.ok(
				sessions && JSON.stringify(sessions).length > 20,
				`workflow ${id} has no sessions in its static data (${JSON.stringify(sd || null).slice(0, 200)}): the check proves nothing`,
			);
			const decoded = c.encodedLeaks(sd, c.secretsOf(sim));
			assert.ok(
				decoded.length === 0,
				`the static data of ${id} holds, merely encoded: ${decoded.join(', ')}`,
			);
		}
		const one = await n8n.exportWorkflows(WF.webhook);
		const found1 = c.leaks(one.text, c.secretsOf(sim));
		assert.ok(
			found1.length === 0,
			`export:workflow --id=${WF.webhook} holds in clear text: ${found1.join(', ')}`,
		);
		return `${exported.length} workflows, ${text.length} bytes checked against ${c.secretsOf(sim).length} secrets`;
	},
};
