'use strict';
/**
 * Builds the package when dist/ is missing, and installs it into an n8n user folder exactly the way n8n 2.40.7's
 * CommunityPackagesService does (modules/community-packages/community-packages.service.js, downloadPackage):
 * `npm pack`, `tar -xzf --strip-components=1` into ~/.n8n/nodes/node_modules/<name>, devDependencies,
 * peerDependencies and optionalDependencies removed from its package.json, then `npm install` with n8n's flags,
 * and the package recorded in ~/.n8n/nodes/package.json.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runChecked } = require('./proc');

const REPO = path.resolve(__dirname, '..', '..');
const PACKAGE = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The files package.json's n8n section names, relative to the repo. */
function declaredFiles() {
	const n8n = PACKAGE.n8n || {};
	return [...(n8n.nodes || []), ...(n8n.credentials || [])];
}

/** Runs `npm run build` when a file the package declares is missing from dist/. Returns whether it built. */
async function buildIfMissing(log = () => {}) {
	const missing = declaredFiles().filter((f) => !fs.existsSync(path.join(REPO, f)));
	if (!fs.existsSync(path.join(REPO, 'dist')) || missing.length) {
		log(`building the package (missing: ${missing.join(', ') || 'dist/'})`);
		await runChecked(NPM, ['run', 'build'], { cwd: REPO, timeoutMs: 10 * 60 * 1000 });
		return true;
	}
	return false;
}

/** n8n's community nodes folder for a user folder (N8N_USER_FOLDER). */
function nodesFolder(userFolder) {
	return path.join(userFolder, '.n8n', 'nodes');
}

/**
 * Packs the repo and installs the tarball into `<userFolder>/.n8n/nodes/node_modules/<name>`, replacing any
 * earlier install. Returns the package directory.
 * @param {string} userFolder
 * @param {{log?: (msg: string) => void, npmEnv?: NodeJS.ProcessEnv}} [options]
 */
async function installPackage(userFolder, options = {}) {
	const log = options.log || (() => {});
	const env = { ...process.env, ...(options.npmEnv || {}) };
	const downloadFolder = nodesFolder(userFolder);
	const packageDirectory = path.join(downloadFolder, 'node_modules', PACKAGE.name);
	fs.mkdirSync(downloadFolder, { recursive: true });

	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bigpicture-pack-'));
	try {
		const packed = await runChecked(
			NPM,
			['pack', '--ignore-scripts', '--json', '--pack-destination', packDir],
			{ cwd: REPO, env, timeoutMs: 5 * 60 * 1000 },
		);
		const info = parsePackJson(packed.stdout);
		const tarball = path.join(packDir, info.filename);
		const files = (info.files || []).map((f) => f.path);
		for (const f of declaredFiles()) {
			if (!files.includes(f))
				throw new Error(`npm pack left out ${f}, which package.json's n8n section names`);
		}
		log(`packed ${info.filename} (${files.length} files, ${info.size} bytes)`);

		fs.rmSync(packageDirectory, { recursive: true, force: true });
		fs.mkdirSync(packageDirectory, { recursive: true });
		await runChecked('tar', ['-xzf', tarball, '-C', packageDirectory, '--strip-components=1'], {
			env,
		});

		const pkgJsonPath = path.join(packageDirectory, 'package.json');
		// eslint-disable-next-line no-unused-vars
		const { devDependencies, peerDependencies, optionalDependencies, ...pkgJson } = JSON.parse(
			fs.readFileSync(pkgJsonPath, 'utf8'),
		);
		fs.writeFileSync(pkgJsonPath, JSON.stringify(pkgJson, null, 2), 'utf8');
		await runChecked(
			NPM,
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
				'--no-update-notifier',
			],
			{ cwd: packageDirectory, env, timeoutMs: 10 * 60 * 1000 },
		);

		// ~/.n8n/nodes/package.json, as n8n keeps it (updatePackageJsonDependency).
		const rootJsonPath = path.join(downloadFolder, 'package.json');
		let rootJson = { name: 'installed-nodes', private: true, dependencies: {} };
		if (fs.existsSync(rootJsonPath)) rootJson = JSON.parse(fs.readFileSync(rootJsonPath, 'utf8'));
		rootJson.dependencies = { ...(rootJson.dependencies || {}), [pkgJson.name]: pkgJson.version };
		fs.writeFileSync(rootJsonPath, JSON.stringify(rootJson, null, 2), 'utf8');
		log(`installed ${pkgJson.name}@${pkgJson.version} into ${packageDirectory}`);
		return packageDirectory;
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
}

/** `npm pack --json` prints an array (npm 7+); scripts run by npm may print before it. */
function parsePackJson(stdout) {
	const start = stdout.indexOf('[');
	const parsed = JSON.parse(stdout.slice(start));
	const info = Array.isArray(parsed) ? parsed[0] : parsed;
	if (!info || !info.filename)
		throw new Error(`unexpected npm pack output: ${stdout.slice(0, 500)}`);
	// npm < 9 reports scoped names with '@' and '/' kept; the file on disk has them replaced.
	info.filename = info.filename.replace(/^@/, '').replace(/\//g, '-');
	return info;
}

module.exports = { REPO, PACKAGE, buildIfMissing, installPackage, nodesFolder };
