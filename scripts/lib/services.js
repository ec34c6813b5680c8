'use strict';
/**
 * Redis and Postgres for the queue-mode e2e run and the bench, started by the suite itself on loopback, in
 * throw-away folders, and stopped with it. Both come from Debian's packages (`redis-server`, `postgresql`), which
 * are installed with apt-get when missing; a service counts as usable only once it answered (PING / a query).
 */
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { freePort } = require('./ports');
const { run, runChecked, spawnTracked, stopTree } = require('./proc');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function which(bin) {
	for (const dir of (process.env.PATH || '').split(path.delimiter)) {
		const f = path.join(dir, bin);
		if (fs.existsSync(f)) return f;
	}
	return undefined;
}

/** The newest Debian Postgres bin folder (/usr/lib/postgresql/<major>/bin), if any. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const majors = fs
		.readdirSync(root)
		.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? path.join(root, majors[0], 'bin') : undefined;
}

/**
 * Installs the Debian packages that are missing. RUNLEVEL=1 keeps their init scripts from starting the system
 * services: the suite runs its own instances on free ports and leaves nothing running behind.
 */
async function ensureDebianPackages({ log = () => {} } = {}) {
	const missing = [];
	if (!which('redis-server')) missing.push('redis-server');
	if (!postgresBinDir()) missing.push('postgresql');
	if (!missing.length) return;
	if (!isRoot() || !which('apt-get'))
		throw new Error(
			`queue mode needs ${missing.join(' and ')} (Debian packages); install them, e.g. apt-get install ${missing.join(' ')}`,
		);
	log(`installing ${missing.join(', ')} with apt-get (once)`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', RUNLEVEL: '1' };
	await runChecked('apt-get', ['update', '-qq'], { env, timeoutMs: 10 * 60 * 1000 });
	await runChecked('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
		env,
		timeoutMs: 15 * 60 * 1000,
	});
	if (!which('redis-server') || !postgresBinDir())
		throw new Error(`apt-get installed ${missing.join(', ')}, but the binaries are still missing`);
}

/** One RESP command over TCP → the first line of the answer. */
function redisCommand(port, line, timeoutMs = 2000) {
	return new Promise((resolve, reject) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let data = '';
		const timer = setTimeout(() => socket.destroy(new Error('redis: no answer')), timeoutMs);
		socket.on('connect', () => socket.write(`${line}\r\n`));
		socket.on('data', (d) => {
			data += d;
			if (data.includes('\r\n')) {
				clearTimeout(timer);
				socket.end();
				resolve(data.split('\r\n')[0]);
			}
		});
		socket.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
	});
}

async function waitFor(what, child, check, timeoutMs, output) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null)
			throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}):\n${output()}`);
		if (await check().catch(() => false)) return;
		await sleep(200);
	}
	throw new Error(`${what} did not answer within ${timeoutMs / 1000}s:\n${output()}`);
}

function collect(child) {
	let text = '';
	const keep = (d) => {
		text = (text + d).slice(-20000);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	return () => text.trim().split('\n').slice(-30).join('\n');
}

/** redis-server on 127.0.0.1, no persistence. → {port, stop()} */
async function startRedis({ dir }) {
	const port = await freePort();
	const child = spawnTracked(
		which('redis-server'),
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		],
		{ cwd: dir },
	);
	const output = collect(child);
	await waitFor(
		'redis-server',
		child,
		async () => (await redisCommand(port, 'PING')) === '+PONG',
		30000,
		output,
	);
	return { port, output, stop: () => stopTree(child, 10000) };
}

/**
 * A Postgres cluster in `dir` (initdb, trust auth on loopback), with a database `database`. Postgres refuses to
 * run as root: as root, it runs as the `postgres` user of the Debian package.
 * → {port, user, database, query(sql) → rows as text, stop()}
 */
async function startPostgres({ dir, database = 'n8n' }) {
	const bin = postgresBinDir();
	const port = await freePort();
	const data = path.join(dir, 'pgdata');
	const asPg = isRoot()
		? (cmd, args) => ['runuser', ['-u', 'postgres', '--', cmd, ...args]]
		: (cmd, args) => [cmd, args];
	fs.mkdirSync(data, { recursive: true, mode: 0o700 });
	if (isRoot()) {
		fs.chmodSync(dir, 0o755);
		await runChecked('chown', ['-R', 'postgres:postgres', data]);
	}
	await runChecked(
		...asPg(path.join(bin, 'initdb'), [
			'-D',
			data,
			'-U',
			'postgres',
			'--auth=trust',
			'-E',
			'UTF8',
			'--no-sync',
		]),
		{ timeoutMs: 120000, cwd: dir },
	);
	const child = spawnTracked(
		...asPg(path.join(bin, 'postgres'), [
			'-D',
			data,
			'-p',
			String(port),
			'-k',
			data,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=300',
		]),
		{ cwd: dir },
	);
	const output = collect(child);
	const psql = (sql, db = 'postgres') =>
		run(
			path.join(bin, 'psql'),
			['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', db, '-At', '-c', sql],
			{
				timeoutMs: 60000,
			},
		);
	await waitFor(
		'postgres',
		child,
		async () => (await psql('select 1')).stdout.trim() === '1',
		60000,
		output,
	);
	const created = await psql(`create database ${database}`);
	if (created.code !== 0) throw new Error(`create database ${database}: ${created.stderr}`);
	return {
		port,
		user: 'postgres',
		database,
		output,
		/** Rows of a query on `database`, as text lines (psql -At). */
		async query(sql) {
			const r = await psql(sql, database);
			if (r.code !== 0) throw new Error(`psql: ${r.stderr}`);
			return r.stdout.trim() ? r.stdout.trim().split('\n') : [];
		},
		stop: () => stopTree(child, 20000),
	};
}

/** Redis + Postgres in a fresh folder under the OS's temp dir. → {redis, postgres, dir, stop()} */
async function startQueueServices({ log = () => {} } = {}) {
	await ensureDebianPackages({ log });
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bigpicture-queue-services-'));
	const started = [];
	const stop = async () => {
		while (started.length) await started.pop().stop();
		fs.rmSync(dir, { recursive: true, force: true });
	};
	try {
		const redis = await startRedis({ dir });
		started.push(redis);
		const postgres = await startPostgres({ dir });
		started.push(postgres);
		log(`redis on 127.0.0.1:${redis.port}, postgres on 127.0.0.1:${postgres.port}`);
		return { redis, postgres, dir, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/** The n8n variables that put a process in queue mode on these services. */
function queueEnv({ redis, postgres }) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
	};
}

module.exports = {
	ensureDebianPackages,
	startRedis,
	startPostgres,
	startQueueServices,
	queueEnv,
	redisCommand,
};
