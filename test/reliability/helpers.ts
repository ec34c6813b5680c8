/**
 * Shared set-up of the reliability tests: the BigPicture node through n8n-core's WorkflowExecute (the harness),
 * the simulator, and a tiny second HTTP server on another port of 127.0.0.1 that records whatever reaches it.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { HarnessRunResult } from '../harness';
import { NODE } from '../helpers/node';

/** Parameters of the Custom API Call (`request` → `call`) resource. */
export function customCall(
	method: string,
	path: string,
	extra: INodeParameters = {},
): INodeParameters {
	return { resource: 'request', operation: 'call', api: 'bigpicture', method, path, ...extra };
}

/** The node's error as n8n-core stored it, or a test failure with the node's output. */
export function nodeError(result: HarnessRunResult): IDataObject {
	const error = result.errorOf(NODE);
	if (!error) throw new Error(`The node did not fail; output: ${JSON.stringify(result.outputOf(NODE)).slice(0, 500)}`);
	return error as unknown as IDataObject;
}

export function outputOf(result: HarnessRunResult): INodeExecutionData[] {
	const error = result.errorOf(NODE);
	if (error) throw new Error(`The node failed: ${error.message} (${String(error.description)})`);
	return result.outputOf(NODE);
}

export interface RecordingServer {
	readonly port: number;
	readonly url: string;
	readonly received: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders }>;
	close(): Promise<void>;
}

/**
 * A server on 127.0.0.1 that records every request (method, URL, headers) and answers with `handler`, or with a
 * plain 200 JSON body.
 */
export async function recordingServer(
	handler?: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): Promise<RecordingServer> {
	const received: RecordingServer['received'] = [];
	const server = http.createServer((req, res) => {
		received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
		if (handler) return handler(req, res);
		req.resume();
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end('{"stolen":true}');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		port,
		url: `http://127.0.0.1:${port}`,
		received,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/**
 * A reverse proxy in front of the simulator on its own port: passes every request through unchanged, except those
 * `intercept` answers itself (e.g. a 302 to another host).
 */
export async function proxyTo(
	target: string,
	intercept: (req: http.IncomingMessage, res: http.ServerResponse) => boolean,
): Promise<RecordingServer> {
	const upstream = new URL(target);
	return recordingServer((req, res) => {
		if (intercept(req, res)) {
			req.resume();
			return;
		}
		const forward = http.request(
			{
				host: upstream.hostname,
				port: upstream.port,
				method: req.method,
				path: req.url,
				headers: { ...req.headers, host: upstream.host },
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		forward.on('error', () => {
			res.writeHead(502);
			res.end();
		});
		req.pipe(forward);
	});
}
