/**
 * Process-level set-up that n8n-core needs before its first service is created.
 *
 * n8n-core reads its configuration from environment variables when its `@n8n/di` Container first
 * builds a service (InstanceSettings, Logger, BinaryDataConfig, ...). Importing this module
 * (index.ts does it before anything else) points all of that at a fresh temporary folder, so a
 * test run never reads or writes the machine's `~/.n8n`.
 *
 * Environment variables set here (only for the test process):
 * - `N8N_USER_FOLDER`      always: a `mkdtemp` folder, removed after the test file (or at exit).
 * - `N8N_ENCRYPTION_KEY`   if unset: a fixed test key (n8n would otherwise generate one and log it).
 * - `N8N_LOG_LEVEL`        if unset: `silent` (expected node errors would otherwise be logged by
 *                          n8n-core's ErrorReporter). Set `N8N_LOG_LEVEL=debug` to see n8n's logs.
 * - `N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS` if unset: `false` (no permission warning on the temp file).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type * as DiModule from '@n8n/di';

export const harnessUserFolder: string = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-harness-'));

process.env.N8N_USER_FOLDER = harnessUserFolder;
process.env.N8N_ENCRYPTION_KEY ??= 'n8n-nodes-bigpicture-test-harness-key';
process.env.N8N_LOG_LEVEL ??= 'silent';
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';

function removeUserFolder(): void {
	try {
		fs.rmSync(harnessUserFolder, { recursive: true, force: true });
	} catch {
		// best effort: it is a temp folder
	}
}

// Under jest, clean up after the test file; the exit hook covers other runners (and jest too).
const jestAfterAll = (globalThis as { afterAll?: (fn: () => void) => void }).afterAll;
if (typeof jestAfterAll === 'function') {
	try {
		jestAfterAll(removeUserFolder);
	} catch {
		// hooks cannot be added once tests run (harness imported lazily): fall back to the exit hook
	}
}
process.once('exit', removeUserFolder);

/**
 * n8n-core has its own copy of `@n8n/di` (node_modules/n8n-core/node_modules/@n8n/di), whose
 * Container is not the one a plain `import '@n8n/di'` would give: resolve it from n8n-core.
 */
const n8nCoreRoot = path.dirname(require.resolve('n8n-core/package.json'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const di = require(require.resolve('@n8n/di', { paths: [n8nCoreRoot] })) as typeof DiModule;

export const Container: typeof DiModule.Container = di.Container;
