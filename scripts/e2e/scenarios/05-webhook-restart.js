'use strict';
const assert = require('node:assert/strict');
const { httpGet, sleep } = require('../../lib/n8n');
const { loadExample, webhookPath } = require('../../lib/workflows');
const { CRED, WF } = require('../fixtures/accounts');
const { note } = require('../fixtures/stack');
const c = require('../fixtures/checks');

module.exports = {
	title:
		'published webhook workflow in n8n start, called before and after a restart: one system/auth in all',
	core: true,
	async run(env) {
		const { sim, n8n, boxIds } = env;
		const wf = loadExample('webhook-box-lookup', { credential: CRED.alice, id: WF.webhook });
		const hookUrl = (boxId) =>
			`${n8n.url}/webhook/${webhookPath(wf)}?boxId=${encodeURIComponent(boxId)}`;
		await n8n.publish(WF.webhook);
		const mark = sim.calls.length;
		const answers = [];
		const ask = async (boxId) => {
			const res = await httpGet(hookUrl(boxId));
			// 503 "n8n is starting up", then 404 until the published webhook is registered
			if (res.status === 404 || res.status === 503 || /starting up/i.test(res.body)) return false;
			answers.push({ boxId, res });
			return true;
		};
		const byId = new Map(c.expectedBoxes(sim).map((b) => [b.boxId, b]));
		const picks = boxIds.filter((id) => id !== 'ROOT');
		const firstRun = [picks[0], picks[3], picks[6], picks[9 % picks.length]];
		const secondRun = [picks[1], picks[4], picks[7 % picks.length]];

		let authsAfterFirst;
		for (const [round, ids] of [
			[1, firstRun],
			[2, secondRun],
		]) {
			const t0 = Date.now();
			const handle = await n8n.start({ ready: () => ask(ids[0]), timeoutMs: 180000 });
			env.running = handle;
			try {
				note(`n8n start #${round} answered the webhook after ${c.secs(Date.now() - t0)}`);
				for (const id of ids.slice(1)) await ask(id);
				await sleep(500); // static data is saved after the response
			} finally {
				await handle.stop();
				env.running = undefined;
			}
			if (round === 1) authsAfterFirst = sim.calls.slice(mark).filter(c.isAuth).length;
		}
		for (const { boxId, res } of answers) {
			assert.ok(
				res.status === 200,
				`GET ?boxId=${boxId} answered ${res.status}: ${res.body.slice(0, 300)}`,
			);
			assert.ok(
				res.json && res.json.boxId === boxId,
				`GET ?boxId=${boxId} answered ${res.body.slice(0, 300)}`,
			);
			assert.ok(
				res.json.boxName === byId.get(boxId).boxName,
				`box ${boxId} came back named "${res.json.boxName}"`,
			);
		}
		assert.ok(answers.length === firstRun.length + secondRun.length, `${answers.length} answers`);
		const calls = sim.calls.slice(mark);
		const auths = calls.filter(c.isAuth).length;
		assert.ok(
			auths === 1,
			`${auths} system/auth calls in all (${authsAfterFirst} before the restart), expected 1`,
		);
		c.checkPublicCalls(calls);
		return `${answers.length} webhook calls over 2 starts, ${calls.length} simulator calls`;
	},
};
