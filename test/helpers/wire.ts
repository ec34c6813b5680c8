/**
 * The wire the transport tests send over: n8n's own `helpers.httpRequest` (n8n-core's OutboundHttp, what a node's
 * helper calls in n8n 2.40), through the node's own adapter. So transport tests exercise what n8n runs.
 */
import * as path from 'node:path';

import { Container } from '../harness/n8n-environment';
import { httpRequestWire } from '../../nodes/BigPicture/shared/wire';
import { RunScope } from '../../nodes/BigPicture/transport/run';
import type { SendOne } from '../../nodes/BigPicture/transport/wire';

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

export const n8nWire: SendOne = httpRequestWire(
	async (options) => await Container.get(network.OutboundHttp).requests().request(options),
);

/** A run of its own over n8n's wire (what one node execution would be). */
export function testRun(signal?: AbortSignal): RunScope {
	return new RunScope(n8nWire, signal);
}
