'use strict';
const assert = require('node:assert/strict');
const { nodeItems } = require('../../lib/n8n');
const { WF } = require('../fixtures/accounts');
const c = require('../fixtures/checks');

module.exports = {
	title: 'examples/box-report.json runs: the summary matches the portfolio',
	core: false,
	async run({ sim, n8n }) {
		const mark = sim.calls.length;
		const r = await n8n.execute(WF.report);
		assert.ok(r.ok, `execution failed: ${c.executionFailed(r)}`);
		const rows = nodeItems(r.data, 'Count by status').map((i) => i.json);
		const want = {};
		for (const b of c.expectedBoxes(sim)) want[b.boxStatus] = (want[b.boxStatus] || 0) + 1;
		const got = {};
		for (const row of rows) got[row.boxStatus] = row.count_boxId;
		assert.ok(
			JSON.stringify(Object.entries(got).sort()) === JSON.stringify(Object.entries(want).sort()),
			`summary ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`,
		);
		assert.ok(
			sim.calls.slice(mark).filter(c.isAuth).length === 1,
			'expected one login for a new workflow',
		);
		return JSON.stringify(got);
	},
};
