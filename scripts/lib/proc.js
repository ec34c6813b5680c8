'use strict';
/**
 * Child processes for the e2e suite and the demo: every process is started in its own process group and
 * remembered, so that it and whatever it spawned (n8n's task runner) can be stopped, also on Ctrl-C or a crash.
 */
const { spawn } = require('node:child_process');

/** @type {Set<import('node:child_process').ChildProcess>} */
const live = new Set();

/** Sends a signal to a child's whole process group (falls back to the child alone). */
function signalTree(child, signal) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* already gone */
		}
	}
}

/**
 * Starts a process in its own group and tracks it until it exits.
 * @param {string} cmd
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions} [options]
 */
function spawnTracked(cmd, args, options = {}) {
	const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options, detached: true });
	live.add(child);
	child.exited = new Promise((resolve) => {
		child.once('exit', (code, signal) => {
			live.delete(child);
			resolve({ code, signal });
		});
		child.once('error', (error) => {
			live.delete(child);
			resolve({ code: null, signal: null, error });
		});
	});
	return child;
}

/** SIGTERM to the group, SIGKILL after `graceMs`; resolves once the child has exited. */
async function stopTree(child, graceMs = 10000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) {
		if (child) signalTree(child, 'SIGKILL'); // leftovers of the group (the task runner)
		return;
	}
	signalTree(child, 'SIGTERM');
	const timer = setTimeout(() => signalTree(child, 'SIGKILL'), graceMs);
	await child.exited;
	clearTimeout(timer);
	signalTree(child, 'SIGKILL');
}

/** Kills every tracked process group at once (synchronous: usable in 'exit' handlers). */
function killAllNow() {
	for (const child of [...live]) signalTree(child, 'SIGKILL');
}

/**
 * Runs a command to completion and collects its output.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number, onLine?: (line: string) => void}} [options]
 * @returns {Promise<{code: number|null, signal: string|null, stdout: string, stderr: string, ms: number, timedOut: boolean}>}
 */
async function run(cmd, args, options = {}) {
	const started = Date.now();
	const child = spawnTracked(cmd, args, { cwd: options.cwd, env: options.env || process.env });
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8');
	child.stderr.setEncoding('utf8');
	child.stdout.on('data', (d) => {
		stdout += d;
	});
	child.stderr.on('data', (d) => {
		stderr += d;
	});
	let timedOut = false;
	const timer = options.timeoutMs
		? setTimeout(() => {
				timedOut = true;
				signalTree(child, 'SIGKILL');
			}, options.timeoutMs)
		: null;
	const { code, signal, error } = await child.exited;
	if (timer) clearTimeout(timer);
	// Let the pipes drain.
	await new Promise((resolve) => setImmediate(resolve));
	signalTree(child, 'SIGKILL'); // grandchildren left in the group
	if (error) stderr += `\n${error.message}`;
	return { code, signal, stdout, stderr, ms: Date.now() - started, timedOut };
}

/** Like run(), but throws with the output's tail when the command fails. */
async function runChecked(cmd, args, options = {}) {
	const result = await run(cmd, args, options);
	if (result.code !== 0) {
		const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-30).join('\n');
		throw new Error(
			`${[cmd, ...args].join(' ')} failed (${result.timedOut ? 'timed out' : `exit ${result.code ?? result.signal}`}):\n${tail}`,
		);
	}
	return result;
}

let handlersInstalled = false;
let interrupted = false;
/** Whether a signal (Ctrl-C, SIGTERM, SIGHUP) asked this process to stop. */
const isInterrupted = () => interrupted;
/** @type {Array<() => Promise<void>|void>} */
const cleanups = [];

/**
 * Registers a cleanup (run once, in reverse order) for normal end, Ctrl-C, SIGTERM and crashes; every tracked
 * process is killed in any case.
 */
function onCleanup(fn) {
	cleanups.push(fn);
	if (handlersInstalled) return;
	handlersInstalled = true;
	const bail = (code) => {
		interrupted = true;
		process.stderr.write('\ninterrupted: stopping everything this script started\n');
		void runCleanups().finally(() => process.exit(code));
	};
	process.once('SIGINT', () => bail(130));
	process.once('SIGTERM', () => bail(143));
	process.once('SIGHUP', () => bail(129));
	process.on('exit', killAllNow);
}

let cleaning = null;
function runCleanups() {
	if (!cleaning) {
		cleaning = (async () => {
			while (cleanups.length) {
				const fn = cleanups.pop();
				try {
					await fn();
				} catch (error) {
					process.stderr.write(`cleanup: ${error && error.message}\n`);
				}
			}
			killAllNow();
		})();
	}
	return cleaning;
}

module.exports = {
	isInterrupted,
	spawnTracked,
	stopTree,
	killAllNow,
	run,
	runChecked,
	onCleanup,
	runCleanups,
	signalTree,
};
