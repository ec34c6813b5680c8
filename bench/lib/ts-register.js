'use strict';
/**
 * Lets the bench require the test harness (test/harness/*.ts) as it is, so the bench and the tests run the node
 * through one harness: TypeScript files under test/ are transpiled on require (types stripped, no type check:
 * `npx tsc -p test/tsconfig.json` checks them; the built node itself comes from dist/).
 *
 * The output is cached by the source's hash in the temp folder: the bench's parent process fills it, so its child
 * processes (the memory measurement) load the harness without loading TypeScript, which n8n does not carry either.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const TEST_DIR = path.resolve(__dirname, '..', '..', 'test') + path.sep;
const CACHE_DIR = path.join(os.tmpdir(), 'n8n-nodes-bigpicture-bench-ts');

function transpile(source, filename) {
	const ts = require('typescript');
	const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2021, esModuleInterop: true };
	return ts.transpileModule(source, { fileName: filename, compilerOptions }).outputText;
}

require.extensions['.ts'] = (module, filename) => {
	if (!filename.startsWith(TEST_DIR)) throw new Error(`bench: only the test harness is loaded from TypeScript, not ${filename}`);
	const source = fs.readFileSync(filename, 'utf8');
	const cached = path.join(CACHE_DIR, `${crypto.createHash('sha256').update(filename).update(source).digest('hex')}.js`);
	let output;
	try {
		output = fs.readFileSync(cached, 'utf8');
	} catch {
		output = transpile(source, filename);
		fs.mkdirSync(CACHE_DIR, { recursive: true });
		// Written whole, then renamed: a child reading at the same moment never sees half a file.
		const partial = `${cached}.${process.pid}`;
		fs.writeFileSync(partial, output);
		fs.renameSync(partial, cached);
	}
	module._compile(output, filename);
};
