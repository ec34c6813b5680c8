'use strict';
const assert = require('node:assert/strict');
const { nodeItems } = require('../../lib/n8n');
const { WF } = require('../fixtures/accounts');
const c = require('../fixtures/checks');

module.exports = {
	title:
		"n8n's HTTP Request node with bigPictureTokenApi as a predefined credential type: the token goes as Bearer",
	core: false,
	async run({ sim, n8n }) {
		const mark = sim.calls.length;
		const r = await n8n.execute(WF.httpToken);
		assert.ok(r.ok, `execution failed: ${c.executionFailed(r)}`);
		const calls = sim.calls.slice(mark);
		assert.ok(
			calls.length === 1,
			`${calls.length} calls, expected 1: ${calls.map(c.describeCall).join('; ')}`,
		);
		const call = calls[0];
		assert.ok(
			call.path === '/rest/bigpicture/1.0/public/ppm/box/box-types' &&
				call.auth === 'apitoken' &&
				call.user === 'alice' &&
				call.status === 200,
			`the call: ${c.describeCall(call)}`,
		);
		// BigPicture's envelope comes out as it is: {currentVersion, latestVersion, cargo: [box types]}.
		const items = nodeItems(r.data, 'HTTP Request').map((i) => i.json);
		assert.ok(items.length === 1, `${items.length} items came out, expected the one answer`);
		const types = items[0].cargo || [];
		const want = sim.state.boxTypes.map((t) => t.boxTypeId).sort();
		assert.deepEqual(types.map((t) => t.boxTypeId).sort(), want, 'the box types that came out');
		c.checkOutputClean(r, sim);
		return `${types.length} box types, ${c.secs(r.ms)}`;
	},
};
