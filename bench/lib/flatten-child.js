'use strict';
/**
 * Child process of the memory benchmark: flattens the simulator's box hierarchy with the package's BUILT code and
 * prints one JSON line with its peak RSS (process.resourceUsage().maxRSS, in kB) and what it produced.
 *
 *   node bench/lib/flatten-child.js <mode> <jiraBaseUrl>
 *   mode: session   — the session layer reads box-hierarchy, shared/boxes walkBoxes flattens it into one array
 *         node      — the node's "Box → Get Many" (return all) through n8n-core's WorkflowExecute
 *         baseline-session, baseline-node — the same modules loaded, nothing fetched (the floor to compare with)
 */
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const [mode, baseUrl] = process.argv.slice(2);
const credential = { baseUrl, authentication: 'basic', username: 'alice', password: 's3cret' };

async function main() {
	const started = Date.now();
	let boxes = 0;
	if (mode === 'session' || mode === 'baseline-session') {
		const { toConnectionConfig } = require(path.join(ROOT, 'dist/nodes/BigPicture/transport/config.js'));
		const { BigPictureSession } = require(path.join(ROOT, 'dist/nodes/BigPicture/transport/session.js'));
		const { walkBoxes } = require(path.join(ROOT, 'dist/nodes/BigPicture/shared/boxes.js'));
		const { ENDPOINTS } = require(path.join(ROOT, 'dist/nodes/BigPicture/shared/endpoints.js'));
		// The session sends over n8n-core's own HTTP helper, as in a node run (loaded by the baseline too).
		const { sessionRun } = require('./n8n');
		if (mode === 'session') {
			const session = new BigPictureSession(toConnectionConfig(credential));
			const body = await session.request({ method: 'GET', path: ENDPOINTS.boxHierarchy.path }, sessionRun());
			const flat = [...walkBoxes(body.cargo)];
			boxes = flat.length;
		}
	} else if (mode === 'node' || mode === 'baseline-node') {
		const { runNode } = require('./n8n');
		if (mode === 'node') {
			const result = await runNode({
				parameters: { resource: 'box', operation: 'getMany', returnAll: true, filters: { archived: 'include' } },
				credential,
				items: [{}],
			});
			if (result.error) throw new Error(result.error.message);
			boxes = result.items.length;
		}
	} else {
		throw new Error(`unknown mode ${mode}`);
	}
	const { maxRSS } = process.resourceUsage();
	process.stdout.write(`${JSON.stringify({ mode, boxes, maxRssKb: maxRSS, ms: Date.now() - started })}\n`);
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
		process.exit(1);
	},
);
