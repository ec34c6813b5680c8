'use strict';
/**
 * `npm run bench:queue`: items per second of a latency-bound workload in n8n queue mode, one worker vs two, with
 * the logins beside it. The stack is the e2e suite's own (scripts/e2e/fixtures/queue-stack.js: Redis, Postgres,
 * n8n main and workers sharing one user folder, the package installed as n8n installs it), the simulator answers
 * every request after 20 ms. Each execution (a webhook call) sends ITEMS GETs one after the other, so it waits
 * ITEMS × 20 ms; each worker runs one execution at a time (--concurrency=1), so a second worker can only help by
 * running a second execution at once. Prints the row and writes it into BENCHMARKS.md ("Queue mode" section).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { N8N_VERSION } = require('../scripts/lib/n8n');
const { onCleanup, runCleanups } = require('../scripts/lib/proc');
const { chain } = require('../scripts/lib/workflows');
const { startQueueStack, executionsPerWorker } = require('../scripts/e2e/fixtures/queue-stack');
const { load, sessionCalls } = require('../scripts/e2e/fixtures/load');
const { boxLookups } = require('../scripts/e2e/fixtures/workflows');
const { httpGet } = require('../scripts/lib/n8n');

const ROOT = path.resolve(__dirname, '..');
const LATENCY_MS = 20;
const ITEMS = 50; // per execution
const EXECUTIONS = 24;
const IN_FLIGHT = 4;
const WF_ID = 'bpBenchQueue0001';
const log = (line) => process.stderr.write(`# ${line}\n`);

function workflow(boxIds) {
	return chain(WF_ID, `bench: ${ITEMS} GETs one after the other`, [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: 'bench-queue-hook',
			parameters: {
				httpMethod: 'GET',
				path: 'bench-queue',
				responseMode: 'lastNode',
				responseData: 'allEntries',
				options: {},
			},
		},
		...boxLookups(boxIds, 1),
	]);
}

async function measure(env, label) {
	const url = env.hookUrl('bench-queue');
	// Warm-up: every worker has loaded the workflow and holds a session.
	await load(Array(env.workers.length * 2).fill(url), { parallel: env.workers.length * 2 });
	const mark = env.sim.calls.length;
	const before = executionsPerWorker(env);
	const t0 = Date.now();
	const results = await load(Array(EXECUTIONS).fill(url), {
		parallel: IN_FLIGHT,
		timeoutMs: 300000,
	});
	const seconds = (Date.now() - t0) / 1000;
	const bad = results.filter(
		(r) => r.status !== 200 || !Array.isArray(r.json) || r.json.length !== ITEMS,
	);
	if (bad.length)
		throw new Error(
			`${label}: ${bad.length} executions failed, e.g. ${bad[0].status} ${String(bad[0].body).slice(0, 200)}`,
		);
	const s = sessionCalls(env.sim.calls);
	const ran = executionsPerWorker(env).map((n, i) => n - before[i]);
	const itemsPerSecond = (EXECUTIONS * ITEMS) / seconds;
	log(
		`${label}: ${itemsPerSecond.toFixed(1)} items/s (${seconds.toFixed(1)} s), executions per worker ${ran.join(' / ')}, logins so far ${s.loginAttempts}`,
	);
	return {
		itemsPerSecond,
		seconds,
		ran,
		logins: s.loginAttempts,
		during: sessionCalls(env.sim.calls.slice(mark)).loginAttempts,
	};
}

async function main() {
	onCleanup(() => {});
	const started = Date.now();
	const version = process.env.BIGPICTURE_E2E_N8N || N8N_VERSION;
	const ids = ['PORT-1', 'PROG-1', 'PROG-2', 'PRJ-1', 'PRJ-2', 'PRJ-3']; // of the 'small' portfolio
	const boxIds = Array.from({ length: ITEMS }, (_, i) => ids[i % ids.length]);
	const env = await startQueueStack(
		{ version, mode: 'queue' },
		{
			workers: 1,
			workerConcurrency: 1,
			simOptions: { latencyMs: LATENCY_MS },
			workflows: [workflow(boxIds)],
			publish: [WF_ID],
			ready: async (e) => (await httpGet(e.hookUrl('bench-queue'))).status === 200,
		},
	);
	try {
		const one = await measure(env, '1 worker');
		await env.startWorker(2);
		const two = await measure(env, '2 workers');
		const ratio = two.itemsPerSecond / one.itemsPerSecond;
		const row = `| Queue mode, ${LATENCY_MS} ms latency, ${EXECUTIONS} executions × ${ITEMS} sequential GETs (worker concurrency 1): items/s with 1 → 2 workers | ${one.itemsPerSecond.toFixed(1)} → ${two.itemsPerSecond.toFixed(1)} (×${ratio.toFixed(2)}); logins ${one.logins} → ${two.logins} in all (the new worker: ${two.logins - one.logins}) | ≥ 1.8×, ≤ 1 login per worker | ${ratio >= 1.8 && two.logins <= 2 ? 'yes' : '**no**'} |`;
		const cpus = os.cpus();
		const environment = `n8n ${version}, ${cpus.length} × ${cpus[0]?.model?.trim() ?? 'CPU'}, load average ${os.loadavg()[0].toFixed(1)} at the end; ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; took ${((Date.now() - started) / 1000).toFixed(0)} s.`;
		process.stdout.write(`${row}\n\n${environment}\n`);
		const file = path.join(ROOT, 'BENCHMARKS.md');
		const section = `## Queue mode (npm run bench:queue)\n\n| Measurement | Result | Goal | Met |\n|---|---|---|---|\n${row}\n\n${environment}\nThe stack of \`npm run test:e2e:queue\` (Redis, Postgres, n8n main, workers sharing one user folder). Each webhook call is one execution of ${ITEMS} GETs sent one after the other (${ITEMS} × ${LATENCY_MS} ms of waiting); every worker runs one execution at a time, ${IN_FLIGHT} calls are in flight, so a second worker can only help by running a second execution at once. n8n's own CPU per execution (webhook, queue, database) is shared by every process on the machine's cores.\n`;
		const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
		const kept = old.replace(/\n## Queue mode \(npm run bench:queue\)[\s\S]*?(?=\n## |$)/, '');
		fs.writeFileSync(file, `${kept.trimEnd()}\n\n${section}`);
		log(`written to ${file}`);
	} finally {
		await env.stop();
	}
}

main().then(
	() => process.exit(0),
	async (error) => {
		process.stderr.write(`bench:queue failed: ${error && error.stack ? error.stack : error}\n`);
		await runCleanups();
		process.exit(1);
	},
);
