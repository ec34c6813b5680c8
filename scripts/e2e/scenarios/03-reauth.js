'use strict';
const assert = require('node:assert/strict');
const { nodeItems } = require('../../lib/n8n');
const { WF, ITEM_COUNT, AUTH_MAX_USES } = require('../fixtures/accounts');
const c = require('../fixtures/checks');

module.exports = {
	title: `${ITEM_COUNT} items with tokens that die after ${AUTH_MAX_USES} uses: every item succeeds, reauths, no extra login`,
	core: true,
	async run({ sim, n8n, boxIds }) {
		sim.setOptions({ authMaxUses: AUTH_MAX_USES });
		try {
			const mark = sim.calls.length;
			const r = await n8n.execute(WF.many);
			const calls = sim.calls.slice(mark);
			assert.ok(r.ok, `execution failed: ${c.executionFailed(r)}`);
			const items = nodeItems(r.data, 'BigPicture').map((i) => i.json);
			assert.ok(
				items.length === ITEM_COUNT,
				`${items.length} items came out, ${ITEM_COUNT} went in`,
			);
			items.forEach((box, i) => {
				assert.ok(!box.error, `item ${i} failed: ${box.error}`);
				assert.ok(
					box.boxId === boxIds[i],
					`item ${i} is box ${box.boxId}, expected ${boxIds[i]} (order or pairing lost)`,
				);
			});
			const auths = calls.filter(c.isAuth).length;
			const reauths = calls.filter(c.isReauth);
			const gets = calls.filter((x) => c.isPublic(x) && x.path.includes('/box/box/'));
			const ok = gets.filter((x) => x.status === 200).length;
			const refused = gets.filter((x) => x.status === 401).length;
			assert.ok(auths === 1, `${auths} system/auth calls, expected 1 (the first login only)`);
			const minReauths = Math.ceil(ITEM_COUNT / AUTH_MAX_USES) - 1;
			assert.ok(
				reauths.length >= minReauths,
				`${reauths.length} system/reauth calls, at least ${minReauths} needed`,
			);
			assert.ok(
				reauths.every((x) => x.status === 200),
				'a system/reauth was refused',
			);
			assert.ok(
				ok === ITEM_COUNT,
				`${ok} box requests succeeded at the simulator, expected ${ITEM_COUNT}`,
			);
			c.checkPublicCalls(calls, { allow401: true });
			return `1 login, ${reauths.length} reauths, ${refused} refused calls retried, ${c.secs(r.ms)}`;
		} finally {
			sim.setOptions({ authMaxUses: 0 });
		}
	},
};
