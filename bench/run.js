'use strict';
/**
 * `npm run bench` (= `npm run build && node bench/run.js`): measures the BUILT package (dist/) against the Jira +
 * BigPicture simulator on loopback, prints a Markdown table and writes it, with the method, to BENCHMARKS.md.
 *
 * Everything is bounded (fixed item counts, a watchdog) and local (127.0.0.1 only); the run ends by itself.
 */
const { fork, spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const os = require('node:os');
const path = require('node:path');

const axios = require('axios');

const ROOT = path.resolve(__dirname, '..');
const { startSimulator } = require(path.join(ROOT, 'test/simulator'));
const { toConnectionConfig } = require(path.join(ROOT, 'dist/nodes/BigPicture/transport/config.js'));
const { BigPictureSession } = require(path.join(ROOT, 'dist/nodes/BigPicture/transport/session.js'));
const { listSearch, runNode, sessionRun, triggerProcess, clearSessions } = require('./lib/n8n');

const WATCHDOG_MS = 360_000; // HTTP and HTTPS rows plus the picker row (6), with room for a loaded machine
const watchdog = setTimeout(() => {
	process.stderr.write(`bench: still running after ${WATCHDOG_MS / 1000} s, giving up\n`);
	process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

const SIZES = {
	callsItems: 1000,
	throughputItems: { http: 300, https: 150 },
	throughputRounds: 5,
	todayItems: 1000,
	concurrencyItems: 300,
	concurrencyLatencyMs: 20,
	hierarchyBoxes: 20_000,
	pickerRounds: 5,
	triggerChanges: 100,
};

const BOXES = ['ROOT', 'PORT-1', 'PROG-1', 'PROG-2', 'PRJ-1', 'PRJ-2', 'PRJ-3', 'ITER-1', 'ITER-2', 'ITER-3'];
const credentialFor = (sim) => ({ baseUrl: sim.baseUrl, authentication: 'basic', username: 'alice', password: 's3cret' });
const lookupItems = (n) => Array.from({ length: n }, (_, i) => ({ id: BOXES[i % BOXES.length], i }));
/** Custom API Call: one GET per item (a box by id). */
const lookupParameters = (concurrency) => ({
	resource: 'request',
	operation: 'call',
	api: 'bigpicture',
	method: 'GET',
	path: '={{ "public/ppm/box/box/" + $json.id }}',
	options: { concurrency },
});

const isAuth = (c) => /\/system\/auth$/.test(c.path);
const isReauth = (c) => /\/system\/reauth$/.test(c.path);
const isApi = (c) => /\/rest\/(softwareplant-)?bigpicture\/1\.0\/public\//.test(c.path);
function counts(sim, since = 0) {
	const calls = sim.calls.slice(since);
	return {
		api: calls.filter(isApi).length,
		auth: calls.filter(isAuth).length,
		reauth: calls.filter(isReauth).length,
		total: calls.length,
	};
}

const log = (text) => process.stderr.write(`${text}\n`);
const fmt = (n, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs `body` while a watcher fires `action` once when the simulator has seen `atCall` calls since `since`. */
async function withMidRun(sim, since, atCall, action, body) {
	let fired = false;
	const timer = setInterval(() => {
		if (!fired && sim.calls.length - since >= atCall) {
			fired = true;
			action();
		}
	}, 1);
	try {
		return await body();
	} finally {
		clearInterval(timer);
	}
}

/** Cookie header from Set-Cookie lines, the way a user copies them between HTTP Request nodes. */
const cookieHeader = (setCookie) => (setCookie ?? []).map((line) => line.split(';')[0]).join('; ');

// ---------------------------------------------------------------------------------------------------------------
// 1. HTTP calls per item, logins per run (through the node in WorkflowExecute)

async function callsPerItem() {
	log('1/7 calls per item and logins per run');
	const sim = await startSimulator();
	const n = SIZES.callsItems;
	const run = async (staticData) => {
		const since = sim.calls.length;
		const result = await runNode({ parameters: lookupParameters(10), credential: credentialFor(sim), items: lookupItems(n), staticData });
		if (result.error || result.items.length !== n) throw new Error(`run failed: ${result.error?.message}`);
		return { ...counts(sim, since), staticData: result.staticData, failed: result.items.filter((x) => x.json.error).length };
	};
	clearSessions();
	const cold = await run();
	const warm = await run(cold.staticData);
	clearSessions(); // a new n8n process: only the sealed static data is left
	const restored = await run(cold.staticData);
	// A run that straddles the token's 15-minute life: the simulator's clock jumps 16 minutes half-way through.
	const since = sim.calls.length;
	const expiring = await withMidRun(sim, since, n / 2, () => sim.advanceTime(16 * 60_000), () => run(cold.staticData));
	await sim.close();
	clearSessions();
	return { n, cold, warm, restored, expiring };
}

// ---------------------------------------------------------------------------------------------------------------
// 2. The node (its session layer on whatever HTTP path it uses) vs a bare keep-alive axios loop, HTTP and HTTPS

/** The simulator in a child process (bench/lib/simulator-child.js); `counts()` reads its counters over IPC. */
function simulatorChild(options) {
	return new Promise((resolve, reject) => {
		const proc = fork(path.join(__dirname, 'lib/simulator-child.js'), [JSON.stringify(options)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
		const answers = [];
		proc.on('message', (message) => {
			if (message.baseUrl) resolve({ baseUrl: message.baseUrl, apiBase: `${message.baseUrl}/rest/softwareplant-bigpicture/1.0`, counts, close });
			else answers.shift()?.(message);
		});
		proc.once('exit', (code) => reject(new Error(`simulator child ended (${code})`)));
		function counts() {
			return new Promise((done) => {
				answers.push(done);
				proc.send('counts');
			});
		}
		function close() {
			return new Promise((done) => {
				proc.removeAllListeners('exit');
				proc.once('exit', done);
				proc.send('close');
			});
		}
	});
}

async function throughput() {
	log('2/7 the node vs a bare keep-alive axios loop, HTTP and HTTPS');
	const request = 'public/ppm/box/box/PROG-1';
	const results = {};
	for (const tls of [false, true]) {
		const scheme = tls ? 'https' : 'http';
		const sim = await simulatorChild({ tls });
		const credential = { ...credentialFor(sim), ignoreSslIssues: tls };
		const n = SIZES.throughputItems[scheme];
		clearSessions();

		// The bare loop: one login by hand, then the same GET with a fixed token and cookie, nothing else.
		const newAgent = (keepAlive) =>
			tls ? new https.Agent({ keepAlive, maxSockets: 64, rejectUnauthorized: false }) : new http.Agent({ keepAlive, maxSockets: 64 });
		const get = async (agent, auth) => {
			const response = await axios.get(`${sim.apiBase}/${auth ? 'system/auth' : request}`, {
				headers: auth ? {} : headers,
				auth,
				httpAgent: agent,
				httpsAgent: agent,
				validateStatus: () => true,
			});
			if (response.status !== 200) throw new Error(`bare GET answered ${response.status}`);
			return response;
		};
		let headers = {};
		const login = await get(newAgent(false), { username: 'alice', password: 's3cret' });
		headers = { Authorization: login.data.authentication, Cookie: cookieHeader(login.headers['set-cookie']), Accept: 'application/json' };
		/**
		 * `parallel` loops, each sending its next GET when the last one answered. A new keep-alive agent per run: one
		 * kept idle while the node runs would meet the simulator's 5 s keep-alive timeout on a busy machine.
		 */
		const bareRun = async (parallel) => {
			const agent = newAgent(true);
			let next = 0;
			const started = process.hrtime.bigint();
			await Promise.all(
				Array.from({ length: parallel }, async () => {
					while (next < n) {
						next++;
						await get(agent);
					}
				}),
			);
			const ms = Number(process.hrtime.bigint() - started) / 1e6;
			agent.destroy();
			return ms;
		};
		// What n8n 2.40's HTTP helper does for every request: a new agent, so a new connection (and TLS handshake).
		const freshRun = async (parallel) => {
			let next = 0;
			const started = process.hrtime.bigint();
			await Promise.all(
				Array.from({ length: parallel }, async () => {
					while (next < n) {
						next++;
						const agent = newAgent(false);
						await get(agent);
						agent.destroy();
					}
				}),
			);
			return Number(process.hrtime.bigint() - started) / 1e6;
		};
		// The node: Custom API Call, the same GET for each of n items, the node's Concurrency option as the parallelism.
		const nodeRun = async (parallel) => {
			const result = await runNode({ parameters: { ...lookupParameters(parallel), path: request }, credential, items: lookupItems(n) });
			const failed = result.items.filter((x) => x.json.error).length;
			if (result.error || result.items.length !== n || failed) throw new Error(`node run failed: ${result.error?.message ?? `${failed} items`}`);
			return result.ms;
		};
		/**
		 * Runs one side: calls per second, this process's CPU per call (steadier than the rate on a busy machine) and
		 * the connections the simulator accepted per call.
		 */
		const measure = async (run, parallel) => {
			const before = await sim.counts();
			const cpu = process.cpuUsage();
			const ms = await run(parallel);
			const { user, system } = process.cpuUsage(cpu);
			const after = await sim.counts();
			if (after.api - before.api !== n) throw new Error(`expected ${n} API calls, the simulator saw ${after.api - before.api}`);
			return { rate: n / (ms / 1000), cpuMs: (user + system) / 1000 / n, connectionsPerCall: (after.connections - before.connections) / n };
		};

		await nodeRun(1); // the node's login, then warm-up (sockets, JIT) for both sides
		await bareRun(10);
		for (const parallel of [1, 10]) {
			// Short rounds back to back, in alternating order: each round's ratio sees the same machine load.
			const rounds = [];
			for (let round = 0; round < SIZES.throughputRounds; round++) {
				const nodeFirst = round % 2 === 0;
				const a = await measure(nodeFirst ? nodeRun : bareRun, parallel);
				const b = await measure(nodeFirst ? bareRun : nodeRun, parallel);
				const [node, plain] = nodeFirst ? [a, b] : [b, a];
				rounds.push({ node, bare: plain, fresh: await measure(freshRun, parallel), ratio: node.rate / plain.rate });
			}
			results[`${scheme}-${parallel}`] = {
				scheme,
				parallel,
				n,
				node: median(rounds.map((r) => r.node.rate)),
				bare: median(rounds.map((r) => r.bare.rate)),
				ratio: median(rounds.map((r) => r.ratio)),
				nodeCpuMs: median(rounds.map((r) => r.node.cpuMs)),
				bareCpuMs: median(rounds.map((r) => r.bare.cpuMs)),
				nodeConnections: median(rounds.map((r) => r.node.connectionsPerCall)),
				bareConnections: median(rounds.map((r) => r.bare.connectionsPerCall)),
				fresh: median(rounds.map((r) => r.fresh.rate)),
				freshConnections: median(rounds.map((r) => r.fresh.connectionsPerCall)),
			};
		}
		const { auth, reauth } = await sim.counts();
		results[`${scheme}-logins`] = { auth, reauth };
		await sim.close();
		clearSessions();
	}
	return results;
}

// ---------------------------------------------------------------------------------------------------------------
// 3. The same workflow today: HTTP Request node(s) for system/auth feeding HTTP Request nodes

/**
 * A model of what n8n's HTTP Request nodes do, call for call: the auth node sends GET system/auth with Basic and
 * outputs the JSON body (and, with "Include Response Headers", the Set-Cookie lines); the next HTTP Request node
 * sends one GET per item with `Authorization: {{ $json.authentication }}` and the JSESSIONID copied into a Cookie
 * header. Nothing caches the token between executions and nothing renews it: a 401 is a failed item.
 *  - executeOnce: the auth node has "Execute Once" on: one login per execution.
 *  - otherwise the auth node sits in the item path (its default): it runs once per item.
 */
async function todayRun(sim, n, { executeOnce, expireHalfWay }) {
	const apiBase = sim.apiBase();
	const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
	const client = axios.create({ httpAgent: agent, validateStatus: () => true });
	const since = sim.calls.length;
	const sessionsBefore = sim.stats().sessionsCreated;
	const authNode = async () => {
		const answer = await client.get(`${apiBase}/system/auth`, { auth: { username: 'alice', password: 's3cret' } });
		return { token: answer.data.authentication, cookie: cookieHeader(answer.headers['set-cookie']) };
	};
	let failed = 0;
	let login = executeOnce ? await authNode() : undefined;
	for (let i = 0; i < n; i++) {
		if (expireHalfWay && i === n / 2) sim.advanceTime(16 * 60_000);
		if (!executeOnce) login = await authNode();
		const answer = await client.get(`${apiBase}/public/ppm/box/box/${BOXES[i % BOXES.length]}`, {
			headers: { Authorization: login.token, Cookie: login.cookie, Accept: 'application/json' },
		});
		if (answer.status !== 200) failed++;
	}
	agent.destroy();
	return { ...counts(sim, since), failed, sessions: sim.stats().sessionsCreated - sessionsBefore };
}

async function today() {
	log('3/7 the same workflow with HTTP Request nodes');
	const n = SIZES.todayItems;
	const sim = await startSimulator();
	const once = await todayRun(sim, n, { executeOnce: true });
	const perItem = await todayRun(sim, n, { executeOnce: false });
	const onceExpiring = await todayRun(sim, n, { executeOnce: true, expireHalfWay: true });
	// This node, same items, same simulator: a first run and a second run of the process
	clearSessions();
	const sessionsBefore = sim.stats().sessionsCreated;
	let since = sim.calls.length;
	const first = await runNode({ parameters: lookupParameters(1), credential: credentialFor(sim), items: lookupItems(n) });
	const nodeFirst = { ...counts(sim, since), failed: first.items.filter((x) => x.json.error).length };
	since = sim.calls.length;
	const second = await runNode({ parameters: lookupParameters(1), credential: credentialFor(sim), items: lookupItems(n) });
	const nodeSecond = { ...counts(sim, since), failed: second.items.filter((x) => x.json.error).length };
	since = sim.calls.length;
	const third = await withMidRun(sim, since, n / 2, () => sim.advanceTime(16 * 60_000), () =>
		runNode({ parameters: lookupParameters(1), credential: credentialFor(sim), items: lookupItems(n) }),
	);
	const nodeExpiring = { ...counts(sim, since), failed: third.items.filter((x) => x.json.error).length };
	const nodeSessions = sim.stats().sessionsCreated - sessionsBefore;
	await sim.close();
	clearSessions();
	return { n, once, perItem, onceExpiring, nodeFirst, nodeSecond, nodeExpiring, nodeSessions };
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Concurrency: items per second at 1, 5, 10 parallel with 20 ms of latency

async function concurrency() {
	log('4/7 concurrency with simulated latency, HTTP and HTTPS');
	const n = SIZES.concurrencyItems;
	const rates = { http: {}, https: {} };
	for (const tls of [false, true]) {
		// The simulator in its own process, like a remote Jira: the node's process spends its CPU on the node only.
		const sim = await simulatorChild({ portfolio: 'small', latencyMs: SIZES.concurrencyLatencyMs, tls });
		const credential = { ...credentialFor(sim), ignoreSslIssues: tls };
		clearSessions();
		try {
			await runNode({ parameters: lookupParameters(1), credential, items: lookupItems(1) }); // login
			for (const parallel of tls ? [1, 10] : [1, 5, 10]) {
				const before = await sim.counts();
				const result = await runNode({ parameters: lookupParameters(parallel), credential, items: lookupItems(n) });
				const after = await sim.counts();
				if (result.error || result.items.length !== n) throw new Error(`concurrency run failed: ${result.error?.message}`);
				const order = result.items.every(
					(item, index) => item.pairedItem.item === index && item.json.boxId === BOXES[index % BOXES.length],
				);
				rates[tls ? 'https' : 'http'][parallel] = {
					perSecond: n / (result.ms / 1000),
					ms: result.ms,
					order,
					connectionsPerCall: (after.connections - before.connections) / n,
				};
			}
		} finally {
			await sim.close();
			clearSessions();
		}
	}
	return { n, rates };
}

// ---------------------------------------------------------------------------------------------------------------
// 5. Peak RSS flattening a 20,000-box hierarchy (child processes)

function child(mode, baseUrl) {
	return new Promise((resolve, reject) => {
		const proc = spawn(process.execPath, [path.join(__dirname, 'lib/flatten-child.js'), mode, baseUrl], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		let err = '';
		proc.stdout.on('data', (chunk) => (out += chunk));
		proc.stderr.on('data', (chunk) => (err += chunk));
		const timer = setTimeout(() => proc.kill(), 60_000);
		proc.on('close', (code) => {
			clearTimeout(timer);
			if (code !== 0) return reject(new Error(`${mode} child failed (${code}): ${err.slice(0, 500)}`));
			resolve(JSON.parse(out.trim().split('\n').pop()));
		});
	});
}

async function memory() {
	log('5/7 peak RSS flattening the hierarchy');
	const sim = await startSimulator({ portfolio: { boxCount: SIZES.hierarchyBoxes, issuesPerBox: 0 } });
	const hierarchyBytes = Buffer.byteLength(sim.state.hierarchyEnvelopeJson ? sim.state.hierarchyEnvelopeJson() : '');
	const results = {};
	for (const mode of ['baseline-session', 'session', 'baseline-node', 'node']) results[mode] = await child(mode, sim.baseUrl);
	await sim.close();
	return { results, hierarchyBytes };
}

// ---------------------------------------------------------------------------------------------------------------
// 6. The box picker on a 20,000-box portfolio: time per list request and hierarchy reads

/** What a person does with the picker: open it, page on, filter by name, by words of the path, by id. */
const PICKER_REQUESTS = [
	{ filter: '' },
	{ filter: '', paginationToken: '100' },
	{ filter: 'Iteration 1' },
	{ filter: 'portfolio 7 project 12 iteration' },
	{ filter: 'iter-19' },
];

async function picker() {
	log('6/7 box picker on the 20,000-box portfolio');
	const sim = await startSimulator({ portfolio: { boxCount: SIZES.hierarchyBoxes, issuesPerBox: 0 } });
	const isHierarchy = (c) => /\/public\/ppm\/box\/box-hierarchy$/.test(c.path);
	const credential = credentialFor(sim);
	clearSessions();
	try {
		// Baseline: reading the same hierarchy through the session layer, nothing else (the floor of any picker).
		const session = new BigPictureSession(toConnectionConfig(credential));
		const read = () => session.request({ method: 'GET', path: 'public/ppm/box/box-hierarchy' }, sessionRun());
		await read(); // login, warm-up
		await listSearch({ method: 'searchBoxes', credential }); // login of the node's session, warm-up
		const since = sim.calls.length;
		const readMs = [];
		const pickerMs = [];
		let results = 0;
		let requests = 0;
		for (let round = 0; round < SIZES.pickerRounds; round++) {
			for (const request of PICKER_REQUESTS) {
				const started = process.hrtime.bigint();
				await read();
				readMs.push(Number(process.hrtime.bigint() - started) / 1e6);
				const { result, ms } = await listSearch({ method: 'searchBoxes', credential, ...request });
				pickerMs.push(ms);
				results += result.results.length;
				requests++;
			}
		}
		const calls = sim.calls.slice(since).filter(isHierarchy).length;
		return { requests, pickerReads: calls - requests, median: median(pickerMs), readMedian: median(readMs), results };
	} finally {
		await sim.close();
		clearSessions();
	}
}

async function triggerPolls() {
	log(`7/7 BigPicture Trigger polls on the ${fmt(SIZES.hierarchyBoxes)}-box portfolio`);
	const sim = await startSimulator({ portfolio: { boxCount: SIZES.hierarchyBoxes, issuesPerBox: 0 } });
	clearSessions();
	try {
		const main = triggerProcess({ credential: credentialFor(sim) });
		const timed = async (step) => {
			const started = process.hrtime.bigint();
			const outcome = await step();
			if (outcome.error) throw new Error(`trigger poll failed: ${outcome.error.message}`);
			return { outcome, ms: Number(process.hrtime.bigint() - started) / 1e6 };
		};
		const first = await timed(() => main.activate());
		const ids = [...sim.state.boxes.keys()];
		for (const id of ids.slice(1000, 1000 + SIZES.triggerChanges)) sim.state.boxes.get(id).boxStatus = 'ON_HOLD';
		sim.state.touch();
		const changed = await timed(() => main.poll());
		const quiet = await timed(() => main.poll());
		const events = (changed.outcome.items || []).length;
		if (events !== SIZES.triggerChanges || quiet.outcome.items) throw new Error(`trigger polls emitted ${events} items, then ${(quiet.outcome.items || []).length}`);
		const stateBytes = Buffer.byteLength(JSON.stringify(main.savedState));
		return { firstMs: first.ms, changedMs: changed.ms, quietMs: quiet.ms, events, stateBytes, staticBytes: main.savedBytes };
	} finally {
		await sim.close();
		clearSessions();
	}
}

// ---------------------------------------------------------------------------------------------------------------

function report({ calls, speed, usersToday, parallel, rss, pick, trig }) {
	const yes = (ok) => (ok ? 'yes' : '**no**');
	const mb = (kb) => kb / 1024;
	const rows = [];
	const row = (measurement, result, goal, met) => rows.push(`| ${measurement} | ${result} | ${goal} | ${met} |`);
	const perItem = calls.cold.api / calls.n;
	row(`HTTP calls per item (Custom API Call GET, ${fmt(calls.n)} items, concurrency 10)`, `${fmt(perItem, 3)} (${fmt(calls.cold.api)} calls)`, '1', yes(perItem === 1));
	row('system/auth per run — first run of a process', `${calls.cold.auth} (reauth ${calls.cold.reauth})`, '1 per token lifetime', yes(calls.cold.auth === 1));
	row('system/auth per run — next run, same process (memory cache)', `${calls.warm.auth} (reauth ${calls.warm.reauth})`, '0 when cached', yes(calls.warm.auth === 0));
	row('system/auth per run — new process, sealed static data', `${calls.restored.auth} (reauth ${calls.restored.reauth})`, '0 when cached', yes(calls.restored.auth === 0));
	row(
		'run straddling the 15-min token expiry: auth / reauth / failed items / calls per item',
		`${calls.expiring.auth} / ${calls.expiring.reauth} / ${calls.expiring.failed} / ${fmt(calls.expiring.api / calls.n, 3)}`,
		'0 / 1 / 0',
		yes(calls.expiring.auth === 0 && calls.expiring.reauth === 1 && calls.expiring.failed === 0),
	);
	const perCall = (rate) => `${fmt(1000 / rate, 2)} ms`;
	for (const scheme of ['http', 'https']) {
		for (const parallel of [1, 10]) {
			const r = speed[`${scheme}-${parallel}`];
			row(
				`The node vs a bare keep-alive axios loop, same GET, ${scheme.toUpperCase()}, concurrency ${parallel} (${SIZES.throughputRounds} rounds × ${fmt(r.n)} items)`,
				`${fmt(r.node)} vs ${fmt(r.bare)} req/s; median ratio **${fmt(r.ratio, 3)}**; CPU per call ${fmt(r.nodeCpuMs, 2)} vs ${fmt(r.bareCpuMs, 2)} ms; new connections per call ${fmt(r.nodeConnections, 2)} vs ${fmt(r.bareConnections, 2)}`,
				scheme === 'http' ? '≥ 0.9' : '—',
				scheme === 'http' ? yes(r.ratio >= 0.9) : '',
			);
		}
	}
	for (const scheme of ['http', 'https']) {
		const [one, ten] = [speed[`${scheme}-1`], speed[`${scheme}-10`]];
		row(
			`Bare axios with a new agent per call (as n8n 2.40's HTTP helper does), ${scheme.toUpperCase()}, concurrency 1 / 10`,
			`${fmt(one.fresh)} / ${fmt(ten.fresh)} req/s (keep-alive: ${fmt(one.bare)} / ${fmt(ten.bare)}); new connections per call ${fmt(one.freshConnections, 2)} / ${fmt(ten.freshConnections, 2)}`,
			'—',
			'',
		);
	}
	const [http1, https1] = [speed['http-1'], speed['https-1']];
	row(
		'HTTPS cost per call at concurrency 1: HTTPS vs HTTP',
		`the node ${perCall(https1.node)} vs ${perCall(http1.node)} (+${fmt(1000 / https1.node - 1000 / http1.node, 2)} ms); bare axios, new agent per call, +${fmt(1000 / https1.fresh - 1000 / http1.fresh, 2)} ms; keep-alive +${fmt(1000 / https1.bare - 1000 / http1.bare, 2)} ms`,
		'—',
		'',
	);
	const t = usersToday;
	row(
		`Today: HTTP Request (system/auth, Execute Once) → HTTP Request, ${fmt(t.n)} items`,
		`${fmt(t.once.total)} calls/run: ${t.once.auth} login + ${fmt(t.once.api)}; a login (and a Jira session) on every run`,
		'—',
		'',
	);
	row(
		`Today: HTTP Request (system/auth) in the item path → HTTP Request, ${fmt(t.n)} items`,
		`${fmt(t.perItem.total)} calls/run: ${fmt(t.perItem.auth)} logins + ${fmt(t.perItem.api)}; ${fmt(t.perItem.sessions)} Jira sessions`,
		'—',
		'',
	);
	row(
		'Today, Execute Once, run straddling the token expiry',
		`${fmt(t.onceExpiring.failed)} of ${fmt(t.n)} items fail with 401 (no reauth)`,
		'—',
		'',
	);
	row(
		`This node, same ${fmt(t.n)} items: first run / next run / run straddling expiry`,
		`${fmt(t.nodeFirst.total)} / ${fmt(t.nodeSecond.total)} / ${fmt(t.nodeExpiring.total)} calls; logins ${t.nodeFirst.auth} / ${t.nodeSecond.auth} / ${t.nodeExpiring.auth}; failed ${t.nodeFirst.failed} / ${t.nodeSecond.failed} / ${t.nodeExpiring.failed}; ${t.nodeSessions} Jira session(s)`,
		'N (+1 login per token lifetime)',
		yes(t.nodeSecond.total === t.n && t.nodeFirst.auth === 1 && t.nodeExpiring.failed === 0),
	);
	const base = parallel.rates.http[1].perSecond;
	for (const p of [1, 5, 10]) {
		const rate = parallel.rates.http[p];
		const speedup = rate.perSecond / base;
		row(
			`Items/s, ${SIZES.concurrencyLatencyMs} ms latency, concurrency ${p} (${parallel.n} items, through WorkflowExecute)`,
			`${fmt(rate.perSecond, 1)} items/s = ${fmt(speedup, 1)}×${rate.order ? '' : ' (ORDER BROKEN)'}`,
			p === 10 ? '≥ 8×' : '—',
			p === 10 ? yes(speedup >= 8 && rate.order) : rate.order ? 'order kept' : '**order broken**',
		);
	}
	const [tls1, tls10] = [parallel.rates.https[1], parallel.rates.https[10]];
	row(
		`Items/s over HTTPS, ${SIZES.concurrencyLatencyMs} ms latency, concurrency 1 / 10 (${parallel.n} items, through WorkflowExecute)`,
		`${fmt(tls1.perSecond, 1)} / ${fmt(tls10.perSecond, 1)} items/s = ${fmt(tls10.perSecond / tls1.perSecond, 1)}×; new connections per call ${fmt(tls1.connectionsPerCall, 2)} / ${fmt(tls10.connectionsPerCall, 2)}${tls1.order && tls10.order ? '' : ' (ORDER BROKEN)'}`,
		'—',
		tls1.order && tls10.order ? 'order kept' : '**order broken**',
	);
	const r = rss.results;
	row(
		`Peak RSS flattening ${fmt(SIZES.hierarchyBoxes)} boxes (${fmt(rss.hierarchyBytes / 1024 / 1024, 1)} MB of JSON): session layer + walkBoxes`,
		`${fmt(mb(r.session.maxRssKb), 1)} MB = modules alone ${fmt(mb(r['baseline-session'].maxRssKb), 1)} MB + ${fmt(mb(r.session.maxRssKb - r['baseline-session'].maxRssKb), 1)} MB; ${fmt(r.session.boxes)} boxes`,
		'well under 200 MB',
		yes(mb(r.session.maxRssKb) < 200 && r.session.boxes === SIZES.hierarchyBoxes),
	);
	row(
		`Peak RSS, same, through the node (Box → Get Many, return all) in n8n-core`,
		`${fmt(mb(r.node.maxRssKb), 1)} MB = n8n-core and the node loaded ${fmt(mb(r['baseline-node'].maxRssKb), 1)} MB + ${fmt(mb(r.node.maxRssKb - r['baseline-node'].maxRssKb), 1)} MB; ${fmt(r.node.boxes)} items`,
		'well under 200 MB',
		yes(mb(r.node.maxRssKb) < 200 && r.node.boxes === SIZES.hierarchyBoxes),
	);
	row(
		`Box picker on ${fmt(SIZES.hierarchyBoxes)} boxes (labels with the path above each box, filter by path words), through n8n-core's LoadOptionsContext: median time per list request vs reading the hierarchy alone; hierarchy reads per list request (${pick.requests} requests)`,
		`${fmt(pick.median, 1)} ms vs ${fmt(pick.readMedian, 1)} ms (+${fmt(pick.median - pick.readMedian, 1)} ms for the labels); ${fmt(pick.pickerReads / pick.requests, 2)} reads per request`,
		'1 read per request',
		yes(pick.pickerReads === pick.requests),
	);
	row(
		`BigPicture Trigger on ${fmt(SIZES.hierarchyBoxes)} boxes, through n8n-core's PollContext: first poll (records), a poll with ${SIZES.triggerChanges} changed boxes, a poll without changes; the trigger's state and the whole static data (with the sealed session) as n8n stores them`,
		`${fmt(trig.firstMs, 0)} ms, ${fmt(trig.changedMs, 0)} ms (${trig.events} items), ${fmt(trig.quietMs, 0)} ms; state ${fmt(trig.stateBytes / 1024, 0)} KB (${fmt(trig.stateBytes / SIZES.hierarchyBoxes, 1)} bytes per box), static data ${fmt(trig.staticBytes / 1024, 0)} KB`,
		'state well under 1 MB',
		yes(trig.stateBytes < 1_000_000),
	);
		return ['| Measurement | Result | Goal | Met |', '|---|---|---|---|', ...rows].join('\n');
}

const METHOD = `## How it is measured

- Everything runs against the simulator in \`test/simulator\` on 127.0.0.1, with the **built** package (\`dist/\`).
  "Through the node" means the BigPicture node executed by n8n-core's real \`WorkflowExecute\` through the tests' own
  harness (\`test/harness\`, loaded by \`bench/lib/n8n.js\`: Start → Items → BigPicture), so parameter resolution,
  pairedItem and static data are n8n's own.
- **Calls per item / logins per run**: a Custom API Call \`GET public/ppm/box/box/{id}\` per item, counted by the
  simulator. The "new process" run clears the in-memory sessions and passes only the workflow's sealed static data.
  The "straddling" run moves the simulator's clock 16 minutes forward half-way through, so the 15-minute token
  dies mid-run (the requests in flight at that moment get one 401 each, hence slightly more than 1 call per item).
- **The node vs bare axios, HTTP and HTTPS**: the node's Custom API Call, the same \`GET public/ppm/box/box/PROG-1\` for
  each item, through WorkflowExecute with the node's *Concurrency* at 1 and 10 (so on whatever HTTP path the node
  uses: session, cookie jar, token check, retry policy, error mapping, and n8n's parameter resolution per item),
  against a plain axios loop with a fixed token and cookie on one keep-alive agent, 1 and 10 requests at a time.
  The simulator runs in its own process (\`bench/lib/simulator-child.js\`), over HTTPS with a self-signed RSA 2048
  certificate (*Ignore SSL Issues* on in the credential, \`rejectUnauthorized: false\` for axios), and counts the
  connections it accepted: "new connections per call" is 0 for a client that keeps them and 1 for one that opens a
  new one (a TCP and, over HTTPS, a TLS handshake) for every call. ${SIZES.throughputRounds} rounds of ${fmt(SIZES.throughputItems.http)} (HTTP) or
  ${fmt(SIZES.throughputItems.https)} (HTTPS) calls each, node and bare back to back in alternating order after a login and a warm-up;
  each round also runs the bare loop with a new agent for every call, which is what n8n 2.40's
  \`helpers.httpRequest\` does (it builds new agents per request and \`IHttpRequestOptions\` cannot pass one;
  \`agentOptions\` only shape that one-request agent), so the price of a handshake per call is measured whatever
  transport the node has. The table gives the median rates, the median of the per-round ratios, the median CPU per call of the measuring
  process (the node's, with n8n-core; steadier than rates on a busy machine) and the median connections per call.
- **Today, without this package** (a model, call for call, of what users build): an HTTP Request node calls
  \`system/auth\` with Basic auth and "Include Response Headers"; the next HTTP Request node sends one GET per item with
  \`Authorization: {{ $json.authentication }}\` and the JSESSIONID copied into a \`Cookie\` header. n8n's HTTP Request
  node keeps no token between executions and does not renew it, so every execution logs in again (creating a Jira
  session each time), and once the token expires during a run every later item fails with 401. Two variants: the
  auth node with "Execute Once" (1 login per execution) and the auth node left in the item path, its default
  (1 login per item). Simulated with axios, sequentially, against the same simulator.
- **Concurrency**: the node option *Concurrency* at 1, 5 and 10 (HTTPS: 1 and 10), ${SIZES.concurrencyItems} GETs (path from an expression) with ${SIZES.concurrencyLatencyMs} ms of simulated
  latency per request, after a login; the order and pairing of the output are checked. Here the simulator runs in
  its own process, like a remote Jira, so that its CPU does not count against the node's: at concurrency 10 the
  node spends about 1–2 ms of CPU per item (n8n's parameter and expression resolution included) against 2 ms of
  latency per item, so the speed-up is bounded by CPU rather than by the option.
- **Memory**: child processes report \`process.resourceUsage().maxRSS\`; the simulator (holding the ${fmt(SIZES.hierarchyBoxes)}-box tree)
  runs in the parent. "Modules alone" is the same child with nothing fetched: the floor (Node.js, axios, n8n-core).
- **Box picker**: the node's \`searchBoxes\` list search run through the same harness in n8n-core's
  \`LoadOptionsContext\` (as the editor calls it on opening, paging and filtering a "From List" box picker) against the ${fmt(SIZES.hierarchyBoxes)}-box portfolio: ${PICKER_REQUESTS.length} requests (first page,
  second page, a name, words of a path, an id) × ${SIZES.pickerRounds} rounds, each next to a bare read of the same hierarchy through the
  session layer (the baseline: what any picker must pay). Times are medians and are not a goal; the goal is one
  hierarchy read per list request, counted by the simulator.
- **BigPicture Trigger**: the built trigger polled by n8n-core's own \`PollContext\` and \`PollTriggerExecutor\` (the
  tests' \`test/trigger/poller.ts\`, which saves static data as n8n's main process does) against the ${fmt(SIZES.hierarchyBoxes)}-box
  portfolio: the activation poll (login, read, record), a poll after ${SIZES.triggerChanges} boxes changed status, and one with no
  change. Sizes are the JSON n8n writes to its static-data column. Names like the simulator's cost less than unrelated
  ones: \`test/trigger/scale.test.ts\` prints the size for unrelated 30-character names too.
`;

async function main() {
	const started = Date.now();
	const calls = await callsPerItem();
	const speed = await throughput();
	const usersToday = await today();
	const parallel = await concurrency();
	const rss = await memory();
	const pick = await picker();
	const trig = await triggerPolls();
	const table = report({ calls, speed, usersToday, parallel, rss, pick, trig });
	const cpus = os.cpus();
	const environment = `Node.js ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} × ${cpus[0]?.model?.trim() ?? 'CPU'}; ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; bench took ${fmt((Date.now() - started) / 1000, 1)} s.`;
	process.stdout.write(`${table}\n\n${environment}\n`);
	const markdown = `# Benchmarks\n\nGenerated by \`npm run bench\` (bench/run.js). One run on loopback; numbers vary from machine to machine,\nthe ratios and counts are what matter.\n\n${table}\n\n${environment}\n\n${METHOD}`;
	// The queue-mode section is written by bench/queue.js (npm run bench:queue): kept as it is.
	const file = path.join(ROOT, 'BENCHMARKS.md');
	const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
	const queue = previous.match(/\n## Queue mode \(npm run bench:queue\)[\s\S]*?(?=\n## |$)/);
	fs.writeFileSync(file, queue ? `${markdown.trimEnd()}\n${queue[0]}` : markdown);
	log(`written to ${path.join(ROOT, 'BENCHMARKS.md')}`);
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`bench failed: ${error && error.stack ? error.stack : error}\n`);
		process.exit(1);
	},
);
