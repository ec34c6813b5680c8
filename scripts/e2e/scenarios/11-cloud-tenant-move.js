'use strict';
const assert = require('node:assert/strict');
const { nodeItems } = require('../../lib/n8n');
const { WF } = require('../fixtures/accounts');
const c = require('../fixtures/checks');

const pathOf = (url) => new URL(url).pathname;

module.exports = {
	title:
		'BigPicture Cloud: discovery then the tenant; after the tenant moves, the next execution looks up once more and succeeds',
	core: false,
	async run({ sim, n8n }) {
		const tenant = pathOf(sim.cloudLocation());
		let stats = sim.cloudStats();
		let mark = sim.calls.length;
		const first = await n8n.execute(WF.cloud);
		assert.ok(first.ok, `first execution failed: ${c.executionFailed(first)}`);
		c.checkBoxItems(sim, nodeItems(first.data, 'BigPicture'));
		let calls = sim.calls.slice(mark);
		const lookups1 = sim.cloudStats().discoveryCalls - stats.discoveryCalls;
		assert.ok(lookups1 === 1, `${lookups1} discovery calls in the first execution, expected 1`);
		assert.ok(
			calls[0] && calls[0].path === pathOf(sim.cloudDiscoveryUrl()),
			`the first call was not the discovery: ${calls[0] && c.describeCall(calls[0])}`,
		);
		const api1 = c.under(calls, `${tenant}/rest/public/`);
		assert.ok(api1.length > 0, 'no call reached the tenant API');
		assert.ok(
			calls.every((x) => x.auth === 'cloudtoken' && x.status === 200),
			`a call went without the Cloud token or failed: ${calls.map(c.describeCall).join('; ')}`,
		);
		c.checkOutputClean(first, sim);

		// Between executions (a new n8n process each), BigPicture moves the tenant: the old base answers 401.
		const moved = pathOf(sim.moveTenant());
		stats = sim.cloudStats();
		mark = sim.calls.length;
		const second = await n8n.execute(WF.cloud);
		assert.ok(second.ok, `execution after the move failed: ${c.executionFailed(second)}`);
		c.checkBoxItems(sim, nodeItems(second.data, 'BigPicture'));
		calls = sim.calls.slice(mark);
		const lookups2 = sim.cloudStats().discoveryCalls - stats.discoveryCalls;
		const where = (x) =>
			x.path.startsWith(`${moved}/`)
				? 'new'
				: x.path.startsWith(`${tenant}/`)
					? 'old'
					: x.path === pathOf(sim.cloudDiscoveryUrl())
						? 'discovery'
						: x.path;
		const seen = calls.map((x) => `${where(x)} ${x.status}`);
		assert.ok(
			lookups2 === 1,
			`${lookups2} discovery calls after the move, expected 1: ${seen.join(', ')}`,
		);
		// The location came back from static data (no lookup first), the old base refused it once, one lookup, then
		// only the new base.
		assert.deepEqual(seen.slice(0, 2), ['old 401', 'discovery 200'], `calls: ${seen.join(', ')}`);
		assert.ok(
			seen.slice(2).length > 0 && seen.slice(2).every((s) => s === 'new 200'),
			`after the lookup: ${seen.slice(2).join(', ')}`,
		);
		c.checkOutputClean(second, sim);
		return `first: 1 lookup + ${api1.length} tenant calls, ${c.secs(first.ms)}; after the move: ${seen.length} calls (1 refused, 1 lookup), ${c.secs(second.ms)}`;
	},
};
