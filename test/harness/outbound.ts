/**
 * n8n's own `helpers.httpRequest` outside a node context: n8n-core's OutboundHttp (what a node's helper calls in
 * n8n 2.40), from n8n-core's DI container. Transport tests and the bench send over it, so they exercise what n8n runs.
 */
import * as path from 'node:path';

import { Container } from './n8n-environment';

interface OutboundHttp {
	requests(): { request(options: unknown): Promise<unknown> };
}

// n8n-core's own copy of @n8n/backend-network, whose service n8n-core's DI container builds (see n8n-environment.ts).
const n8nCoreRoot = path.dirname(require.resolve('n8n-core/package.json'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const network = require(require.resolve('@n8n/backend-network', { paths: [n8nCoreRoot] })) as {
	OutboundHttp: new (...args: any[]) => OutboundHttp;
};

export async function n8nHttpRequest(options: unknown): Promise<unknown> {
	return await Container.get(network.OutboundHttp).requests().request(options);
}
