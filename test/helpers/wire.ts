/**
 * The wire the transport tests send over: n8n's own `helpers.httpRequest` (test/harness/outbound.ts) through the
 * node's own adapter. So transport tests exercise what n8n runs.
 */
import { n8nHttpRequest } from '../harness/outbound';
import { httpRequestWire } from '../../nodes/BigPicture/shared/wire';
import { RunScope } from '../../nodes/BigPicture/transport/run';
import type { SendOne } from '../../nodes/BigPicture/transport/wire';

export const n8nWire: SendOne = httpRequestWire(n8nHttpRequest);

/** A run of its own over n8n's wire (what one node execution would be). */
export function testRun(signal?: AbortSignal): RunScope {
	return new RunScope(n8nWire, signal);
}
