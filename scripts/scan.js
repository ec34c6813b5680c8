#!/usr/bin/env node
// n8n's gate for community packages: @n8n/scan-community-package's analyzePackage on the source and on the
// `npm pack` tarball (the bundled dist/ n8n installs), as n8n runs it. Every finding is printed; any finding fails.
// See README, "Verified build".
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const { createRequire } = require('module');
const os = require('os');
const path = require('path');

const SCANNER_VERSION = '0.32.0';
const root = path.resolve(__dirname, '..');
const cache = process.env.BIGPICTURE_N8N_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-bigpicture');
const scannerDir = path.join(cache, `scan-community-package-${SCANNER_VERSION}`);
const scannerFile = path.join(scannerDir, 'node_modules/@n8n/scan-community-package/scanner/scanner.mjs');

function installScanner() {
	if (fs.existsSync(scannerFile)) return;
	console.log(`installing @n8n/scan-community-package@${SCANNER_VERSION} into ${scannerDir}`);
	fs.mkdirSync(scannerDir, { recursive: true });
	fs.writeFileSync(path.join(scannerDir, 'package.json'), '{"name":"scanner-cache","private":true}\n');
	// --ignore-scripts: one of its dependencies has a preinstall that demands pnpm.
	execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', `@n8n/scan-community-package@${SCANNER_VERSION}`], {
		cwd: scannerDir,
		stdio: 'inherit',
	});
}

/**
 * Every finding of the scanner's rules on `patterns` under `dir`, warnings included: analyzePackage lists findings only
 * when there is an error, so they are linted again here with its own ESLint and configuration, as it runs them.
 */
async function findings(scanner, dir, patterns) {
	const { ESLint } = createRequire(scannerFile)('eslint');
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await scanner.buildScanConfig(),
	});
	const results = await eslint.lintFiles(patterns);
	return results.flatMap((result) =>
		result.messages.map((m) => ({
			file: path.relative(root, result.filePath) || result.filePath,
			line: m.line,
			severity: m.severity === 2 ? 'error' : 'warning',
			rule: m.ruleId,
			text: m.message,
		})),
	);
}

/** Prints every finding; a leg passes only when the scanner passed it and nothing was found, warnings included. */
async function leg(scanner, label, dir, patterns) {
	const result = await scanner.analyzePackage(dir, patterns);
	const found = await findings(scanner, dir, patterns);
	for (const p of found) console.log(`  ${p.severity} ${p.file}:${p.line} ${p.rule}: ${p.text}`);
	if (!result.passed) console.log(`  the scanner did not pass it: ${result.message}`);
	const errors = found.filter((p) => p.severity === 'error').length;
	const ok = result.passed && found.length === 0;
	console.log(`${ok ? 'ok' : 'not ok'} - ${label}: ${errors} error(s), ${found.length - errors} warning(s)`);
	return ok;
}

async function main() {
	installScanner();
	const scanner = await import(scannerFile);
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bigpicture-scan-'));
	try {
		const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: root })
			.toString()
			.trim()
			.split('\n')
			.pop();
		const unpacked = path.join(packDir, 'package');
		execFileSync('tar', ['-xzf', path.join(packDir, tarball), '-C', packDir]);
		const ok = [
			await leg(scanner, 'source (package.json, nodes/, credentials/)', root, scanner.SOURCE_FILE_PATTERNS),
			await leg(scanner, `tarball ${tarball}`, unpacked, ['**/*.js', 'package.json']),
		];
		process.exitCode = ok.every(Boolean) ? 0 : 1;
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
