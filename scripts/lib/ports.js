'use strict';
const net = require('node:net');

/** Resolves true when `port` can be listened on at `host`. */
function canListen(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
	});
}

/**
 * A free TCP port: `preferred` when it is free (on 127.0.0.1 and on all interfaces), else one the OS hands out.
 * Ports handed out during this run are never handed out twice.
 */
const given = new Set();
async function freePort(preferred) {
	if (
		preferred &&
		!given.has(preferred) &&
		(await canListen(preferred)) &&
		(await canListen(preferred, '0.0.0.0'))
	) {
		given.add(preferred);
		return preferred;
	}
	for (let attempt = 0; attempt < 20; attempt += 1) {
		const port = await new Promise((resolve, reject) => {
			const server = net.createServer();
			server.unref();
			server.once('error', reject);
			server.listen({ port: 0, host: '127.0.0.1' }, () => {
				const { port: p } = /** @type {net.AddressInfo} */ (server.address());
				server.close(() => resolve(p));
			});
		});
		if (!given.has(port) && (await canListen(port, '0.0.0.0'))) {
			given.add(port);
			return port;
		}
	}
	throw new Error('no free TCP port found');
}

module.exports = { freePort, canListen };
