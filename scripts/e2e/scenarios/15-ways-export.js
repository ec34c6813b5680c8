'use strict';
const assert = require('node:assert/strict');
const { WF, TOKENS } = require('../fixtures/accounts');
const c = require('../fixtures/checks');

module.exports = {
	title:
		'n8n export:workflow after the ways in: no API token, PAT or Cloud token in clear text or merely encoded',
	core: false,
	async run({ sim, n8n }) {
		const secrets = c.secretsOf(sim);
		// The check proves something only if the ways' secrets are among those looked for.
		for (const [way, token] of Object.entries(TOKENS))
			assert.ok(
				secrets.some((s) => s.value === token),
				`the ${way} is not among the secrets checked`,
			);
		const { text, workflows: exported } = await n8n.exportWorkflows();
		const found = c.leaks(text, secrets);
		assert.ok(found.length === 0, `the export holds in clear text: ${found.join(', ')}`);
		const checked = [];
		for (const id of [WF.token, WF.cloud, WF.apps, WF.pat, WF.httpToken]) {
			const wf = exported.find((w) => w.id === id);
			assert.ok(!!wf, `workflow ${id} is not in the export`);
			const decoded = c.encodedLeaks(wf.staticData, secrets);
			assert.ok(
				decoded.length === 0,
				`the static data of ${id} holds, merely encoded: ${decoded.join(', ')}`,
			);
			if (wf.staticData) checked.push(id);
		}
		return `${exported.length} workflows, ${text.length} bytes, static data of ${checked.length} ways workflows checked`;
	},
};
