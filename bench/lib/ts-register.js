'use strict';
/**
 * Lets the bench require the test harness (test/harness/*.ts) as it is, so the bench and the tests run the node
 * through one harness: TypeScript files under test/ are transpiled on require (types stripped, no type check:
 * `npx tsc -p test/tsconfig.json` checks them; the built node itself comes from dist/).
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const TEST_DIR = path.resolve(__dirname, '..', '..', 'test') + path.sep;
const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2021, esModuleInterop: true };

require.extensions['.ts'] = (module, filename) => {
	if (!filename.startsWith(TEST_DIR)) throw new Error(`bench: only the test harness is loaded from TypeScript, not ${filename}`);
	const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { fileName: filename, compilerOptions });
	module._compile(outputText, filename);
};
