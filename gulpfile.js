// Builds dist/, the code n8n loads, with no runtime dependency left to install: every module of nodes/ and
// credentials/ is compiled one to one by esbuild (the layout package.json's "n8n" section names, and one module
// per file, so that the node, the bench and the tests share one session store), and third-party code
// (tough-cookie and its public-suffix list, tldts, in transport/http.js; p-limit and yocto-queue in
// actions/router.js) is inlined into the module that imports it. n8n-workflow stays an import: n8n provides it.
// Type checking is tsc's job (`npm run build` runs it first). Icons and the codex file are copied beside the code.
const fs = require('fs');
const path = require('path');
const { src, dest, series } = require('gulp');
const esbuild = require('esbuild');

const SOURCES = ['nodes', 'credentials'];
/** Provided by n8n at run time (a peer dependency). */
const PROVIDED = new Set(['n8n-workflow']);

function sourceFiles() {
	return SOURCES.flatMap((dir) =>
		fs
			.readdirSync(dir, { recursive: true })
			.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
			.map((file) => path.join(dir, file)),
	);
}

/** Our own modules stay separate files (imports between them are kept); third-party code is inlined. */
const ownModulesApart = {
	name: 'own-modules-apart',
	setup(build) {
		build.onResolve({ filter: /.*/ }, (args) => {
			if (args.kind === 'entry-point') return undefined;
			if (PROVIDED.has(args.path)) return { path: args.path, external: true };
			const own = !path.relative(process.cwd(), args.importer).split(path.sep).includes('node_modules');
			if (own && args.path.startsWith('.')) return { path: args.path, external: true };
			return undefined;
		});
	},
};

function clean(done) {
	fs.rmSync('dist', { recursive: true, force: true });
	done();
}

async function compile() {
	await esbuild.build({
		entryPoints: sourceFiles(),
		outbase: '.',
		outdir: 'dist',
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		plugins: [ownModulesApart],
		sourcemap: true,
		sourcesContent: false,
		logLevel: 'warning',
	});
}

function copyAssets() {
	return src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports.build = series(clean, compile, copyAssets);
