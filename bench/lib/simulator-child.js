'use strict';
/**
 * The simulator in its own process, driven over IPC (`fork`), like a remote Jira: its CPU (TLS handshakes
 * included) does not count against the client being measured, while the bench can still read its counters.
 *   fork('bench/lib/simulator-child.js', [JSON.stringify(simulatorOptions)])
 *   → sends { baseUrl } once listening; answers 'counts' with { connections, api, auth, reauth }; 'close' ends it.
 */
const path = require('node:path');

const { startSimulator } = require(path.join(__dirname, '../../test/simulator'));

const isApi = (c) => /\/rest\/(softwareplant-)?bigpicture\/1\.0\/public\//.test(c.path);

(async () => {
	const sim = await startSimulator(JSON.parse(process.argv[2] || '{}'));
	process.on('message', async (message) => {
		if (message === 'counts') {
			process.send({
				connections: sim.connections,
				api: sim.count(isApi),
				auth: sim.count(/\/system\/auth$/),
				reauth: sim.count(/\/system\/reauth$/),
			});
		} else if (message === 'close') {
			await sim.close();
			process.disconnect();
		}
	});
	// The parent's end is this process's end too.
	process.on('disconnect', () => process.exit(0));
	process.send({ baseUrl: sim.baseUrl });
})().catch((error) => {
	process.stderr.write(`simulator child: ${error.stack || error}\n`);
	process.exit(1);
});
