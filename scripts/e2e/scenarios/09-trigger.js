'use strict';
const assert = require('node:assert/strict');
const { sleep, tail } = require('../../lib/n8n');
const { CRED, WF } = require('../fixtures/accounts');
const { note } = require('../fixtures/stack');
const { triggerWorkflow, TRIGGER_NAME } = require('../fixtures/workflows');
const { startCollector } = require('../fixtures/collector');
const tr = require('../fixtures/trigger');
const c = require('../fixtures/checks');

// A cron tick is at most a minute away (n8n picks a random second); the rest is a busy machine's slack.
const NEXT_POLL_MS = 100000;

module.exports = {
	title:
		'an active workflow with the BigPicture Trigger polling every minute: activation emits nothing, the next poll one item per created, changed and deleted box, a change made while n8n was stopped is reported once after the restart',
	core: true,
	async run(env, t) {
		const { sim, n8n } = env;
		const collector = await startCollector();
		const t0 = Date.now();
		try {
			await n8n.importWorkflows([
				triggerWorkflow(WF.trigger, 'e2e: BigPicture Trigger → record', {
					credential: CRED.alice,
					collectorUrl: collector.url,
				}),
			]);
			await n8n.publish(WF.trigger);

			/** Starts n8n; resolves once the activation poll has read the hierarchy. */
			const start = async () => {
				const mark = sim.calls.length;
				env.running = await n8n.start({
					ready: async () => tr.pollsSince(sim, mark) >= 1,
					timeoutMs: 180000,
				});
			};
			const stop = async () => {
				await env.running.stop();
				env.running = undefined;
			};
			/** The next execution's items once it has posted `count` of them (and a moment for any extra). */
			const nextExecution = async (from, count, what) => {
				const arrived = await collector.waitFor(
					() => collector.items.length - from >= count,
					NEXT_POLL_MS,
				);
				await sleep(1500); // an execution posts its items within milliseconds of each other
				const runs = [...collector.executions(from).values()];
				assert.ok(
					arrived,
					`${what}: ${collector.items.length - from} of ${count} items arrived within ${NEXT_POLL_MS / 1000}s; n8n said:\n${tail(env.running ? env.running.output() : '', 20)}`,
				);
				assert.equal(
					runs.length,
					1,
					`${what}: ${runs.length} executions: ${JSON.stringify(runs.map((r) => r.map(tr.line)))}`,
				);
				return runs[0];
			};

			// 1. Activation: the first poll records what exists and emits nothing. Changes made right after it (all in
			// one tick of this process, which also runs the simulator) are what the next scheduled poll must report.
			await start();
			const startedIn = Date.now() - t0;
			const atActivation = collector.items.length;
			const round1 = [
				tr.create(sim, 'PRJ-1', {
					boxTypeId: '5',
					boxName: 'Sprint 3',
					boxStartDate: '2025-02-03',
					boxEndDate: '2025-02-14',
				}),
				tr.edit(sim, 'ITER-2', {
					boxName: 'Sprint 2 | extended',
					boxStatus: 'DONE',
					boxEndDate: '2025-02-07',
				}),
				tr.remove(sim, 'ITER-3'),
			];
			const created = round1[0].boxId;
			const polls1 = sim.calls.length;
			const got1 = await nextExecution(atActivation, round1.length, 'the first scheduled poll');
			tr.checkEvents(sim, got1, round1, 'the first scheduled poll');
			assert.equal(atActivation, 0, `the activation poll emitted ${atActivation} items`);
			const firstPollIn = Date.now() - t0 - startedIn;

			// 2. n8n stopped; boxes change meanwhile; the activation poll of the next start reports them, once.
			await stop();
			const offline = [
				tr.edit(sim, 'PRJ-2', { boxName: 'Operations console v2' }),
				tr.remove(sim, created),
			];
			const fromRestart = collector.items.length;
			const restartAt = Date.now();
			await start();
			const got2 = await nextExecution(
				fromRestart,
				offline.length,
				'the activation poll after a restart',
			);
			tr.checkEvents(sim, got2, offline, 'the activation poll after a restart');

			// 3. The next scheduled poll reports only what changed since, not the restart's changes again.
			const fromLast = collector.items.length;
			const round3 = [tr.edit(sim, 'PROG-2', { boxStatus: 'IN_PROGRESS' })];
			const got3 = await nextExecution(
				fromLast,
				round3.length,
				'the scheduled poll after the restart',
			);
			tr.checkEvents(sim, got3, round3, 'the scheduled poll after the restart');
			const restartRounds = Date.now() - restartAt;
			await stop();

			const all = collector.items.map((i) => tr.line(i.json));
			assert.equal(
				all.length,
				round1.length + offline.length + round3.length,
				`items in all: ${JSON.stringify(all)}`,
			);
			const polls = tr.pollsSince(sim, polls1);
			const { workflows } = await n8n.exportWorkflows(WF.trigger);
			const state = ((workflows[0].staticData || {})[`node:${TRIGGER_NAME}`] || {}).boxState;
			assert.ok(
				state && state.seq >= 3,
				`the trigger's stored state: ${JSON.stringify(state).slice(0, 200)}`,
			);
			t.diagnostic(
				`n8n start + activation poll ${c.secs(startedIn)}, first scheduled poll's items after ${c.secs(firstPollIn)}, restart + 2 polls ${c.secs(restartRounds)}; ${polls} polls after activation; stored state seq ${state.seq}, ${JSON.stringify(workflows[0].staticData).length} bytes of static data`,
			);
			note(`trigger scenario: ${all.length} items in ${collector.executions().size} executions`);
		} finally {
			if (env.running) {
				await env.running.stop();
				env.running = undefined;
			}
			await collector.close();
			await n8n.unpublish(WF.trigger).catch(() => {});
		}
	},
};
