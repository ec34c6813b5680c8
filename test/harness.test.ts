/**
 * Proves the harness: a fixture node type (written here) runs through n8n-core's WorkflowExecute
 * against a tiny HTTP server on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { createHarness, type Harness } from './harness';

import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeListSearchResult,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

// ---------------------------------------------------------------- fixture types

class HarnessTestApi implements ICredentialType {
	name = 'harnessTestApi';

	displayName = 'Harness Test API';

	properties: ICredentialType['properties'] = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Region', name: 'region', type: 'string', default: 'eu' },
	];

	authenticate: ICredentialType['authenticate'] = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.token}}' } },
	};
}

async function getJson(this: ILoadOptionsFunctions, path: string): Promise<IDataObject> {
	const { baseUrl } = await this.getCredentials('harnessTestApi');
	return (await this.helpers.httpRequestWithAuthentication.call(this, 'harnessTestApi', {
		url: `${String(baseUrl)}${path}`,
		json: true,
	})) as IDataObject;
}

class EchoTest implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Echo Test',
		name: 'echoTest',
		group: ['transform'],
		version: [1, 2],
		description: 'Harness fixture',
		defaults: { name: 'Echo' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'harnessTestApi', required: true, testedBy: 'echoCredentialTest' }],
		properties: [
			{ displayName: 'Message', name: 'message', type: 'string', default: '' },
			{
				displayName: 'Box',
				name: 'box',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				modes: [
					{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchBoxes' } },
					{ displayName: 'By ID', name: 'id', type: 'string' },
				],
			},
			{
				displayName: 'Color',
				name: 'color',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getColors' },
				default: 'red',
			},
		],
	};

	methods = {
		loadOptions: {
			async getColors(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const { colors } = await getJson.call(this, '/colors');
				return (colors as string[]).map((c) => ({ name: c.toUpperCase(), value: c }));
			},
		},
		listSearch: {
			async searchBoxes(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
				const { boxes } = await getJson.call(this, `/boxes?q=${encodeURIComponent(filter ?? '')}`);
				const message = this.getCurrentNodeParameter('message') as string;
				return {
					results: (boxes as string[]).map((b) => ({ name: `${b} (${message})`, value: b })),
				};
			},
		},
		credentialTest: {
			async echoCredentialTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const data = credential.data as ICredentialDataDecryptedObject;
				try {
					await this.helpers.request({
						uri: `${String(data.baseUrl)}/me`,
						headers: { Authorization: `Bearer ${String(data.token)}` },
						json: true,
					});
				} catch (error) {
					return { status: 'Error', message: `Rejected (${String(data.region)})` };
				}
				return { status: 'OK', message: `Connected (${String(data.region)})` };
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const staticData = this.getWorkflowStaticData('global');
		staticData.executions = ((staticData.executions as number | undefined) ?? 0) + 1;
		const credentials = await this.getCredentials('harnessTestApi');
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				if (items[i].json.fail === true) {
					throw new NodeOperationError(this.getNode(), `Item ${i} asked to fail`, { itemIndex: i });
				}
				const message = this.getNodeParameter('message', i) as string;
				const box = this.getNodeParameter('box', i, '', { extractValue: true }) as string;
				let echoed: IDataObject;
				try {
					echoed = (await this.helpers.httpRequestWithAuthentication.call(this, 'harnessTestApi', {
						method: 'POST',
						url: `${String(credentials.baseUrl)}/echo`,
						body: { message, box, status: items[i].json.status },
						json: true,
					})) as IDataObject;
				} catch (error) {
					throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex: i });
				}
				const plain = (await this.helpers.httpRequest({
					url: `${String(credentials.baseUrl)}/plain`,
				})) as string;
				out.push({
					json: {
						message,
						box,
						color: this.getNodeParameter('color', i) as string,
						region: credentials.region as string,
						executions: staticData.executions as number,
						authorization: echoed.authorization as string,
						plain,
						version: this.getNode().typeVersion,
					},
					pairedItem: { item: i },
				});
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [out];
	}
}

// ---------------------------------------------------------------- HTTP server

let server: http.Server;
let baseUrl = '';
const requests: Array<{ method?: string; url?: string; authorization?: string }> = [];

beforeAll(async () => {
	server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			requests.push({ method: req.method, url: req.url, authorization: req.headers.authorization });
			const send = (status: number, payload: unknown) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(payload));
			};
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			if (url.pathname === '/echo') {
				const parsed = JSON.parse(body || '{}') as IDataObject;
				if (typeof parsed.status === 'number') return send(parsed.status, { message: 'Server says no' });
				return send(200, { received: parsed, authorization: req.headers.authorization });
			}
			if (url.pathname === '/plain') {
				res.writeHead(200, { 'content-type': 'text/plain' });
				return res.end('pong');
			}
			if (url.pathname === '/colors') return send(200, { colors: ['red', 'blue'] });
			if (url.pathname === '/boxes') {
				const q = url.searchParams.get('q') ?? '';
				return send(200, { boxes: ['alpha', 'beta', 'gamma'].filter((b) => b.includes(q)) });
			}
			if (url.pathname === '/me') {
				return req.headers.authorization === 'Bearer good-token'
					? send(200, { ok: true })
					: send(401, { message: 'Unauthorized' });
			}
			send(404, { message: 'Not found' });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

// ---------------------------------------------------------------- tests

function newHarness(): Harness {
	return createHarness({
		nodeTypes: [new EchoTest()],
		credentialTypes: [new HarnessTestApi()],
		packageName: 'n8n-nodes-harness-test',
	});
}

const credentials = () => ({
	harnessTestApi: { id: '7', name: 'Test API', data: { baseUrl, token: 'secret-token' } },
});

const echoNode = {
	type: 'echoTest',
	name: 'Echo',
	parameters: {
		message: '=Hello {{ $json.name }} #{{ $itemIndex }}',
		box: { __rl: true, mode: 'id', value: '={{ "box-" + $json.name }}' },
	},
};

describe('test harness (n8n-core WorkflowExecute)', () => {
	it('runs the node with expressions, resource locators, credentials, helpers and pairedItem', async () => {
		const harness = newHarness();
		const started = Date.now();
		const result = await harness.run({
			node: echoNode,
			inputItems: [{ json: { name: 'Ada' } }, { name: 'Bob' }],
			credentials: credentials(),
		});
		const elapsed = Date.now() - started;

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.executionOrder).toEqual(['Start', 'Items', 'Echo']);
		const output = result.outputOf('Echo');
		expect(output).toEqual([
			{
				json: {
					message: 'Hello Ada #0',
					box: 'box-Ada',
					color: 'red',
					region: 'eu', // credential default added by the credentials helper
					executions: 1,
					authorization: 'Bearer secret-token', // generic authenticate of the credential type
					plain: 'pong',
					version: 2, // latest version by default
				},
				pairedItem: { item: 0 },
			},
			expect.objectContaining({ json: expect.objectContaining({ message: 'Hello Bob #1', box: 'box-Bob' }), pairedItem: { item: 1 } }),
		]);
		expect(result.workflow.getNode('Echo')?.type).toBe('n8n-nodes-harness-test.echoTest');
		expect(result.workflow.getNode('Echo')?.credentials).toEqual({
			harnessTestApi: { id: '7', name: 'Test API' },
		});
		// timing of one run (n8n-core already loaded): keep it visible when it grows
		expect(elapsed).toBeLessThan(5000);
	});

	it('runs a whole workflow given as nodes + connections; $(node).item follows pairedItem', async () => {
		const harness = newHarness();
		const { nodes, connections } = harness.workflowFor(echoNode, [{ name: 'Ada' }, { name: 'Bob' }]);
		nodes.push({
			id: 'second',
			name: 'Echo 2',
			type: 'n8n-nodes-harness-test.echoTest',
			typeVersion: 1,
			position: [800, 0],
			parameters: { message: "={{ $('Items').item.json.name }} via {{ $json.message }}" },
		});
		connections.Echo = { main: [[{ node: 'Echo 2', type: 'main', index: 0 }]] };
		const result = await harness.run({ nodes, connections, credentials: credentials() });
		expect(result.error).toBeUndefined();
		expect(result.executionOrder).toEqual(['Start', 'Items', 'Echo', 'Echo 2']);
		expect(result.outputOf('Echo 2').map((item) => [item.json.message, item.json.version, item.pairedItem])).toEqual([
			['Ada via Hello Ada #0', 1, { item: 0 }],
			['Bob via Hello Bob #1', 1, { item: 1 }],
		]);
	});

	it('keeps static data between runs when the caller passes it back (non-manual modes, as n8n does)', async () => {
		const harness = newHarness();
		const first = await harness.run({ node: echoNode, inputItems: [{ name: 'A' }], credentials: credentials(), mode: 'trigger' });
		expect(first.outputOf('Echo')[0].json.executions).toBe(1);
		expect(first.staticDataChanged).toBe(true);
		expect(first.staticDataPersisted).toBe(true);
		expect(first.staticData).toEqual({ global: { executions: 1 } });

		const second = await harness.run({
			node: echoNode,
			inputItems: [{ name: 'A' }],
			mode: 'trigger',
			staticData: first.staticData,
		});
		expect(second.outputOf('Echo')[0].json.executions).toBe(2);
		expect(second.staticData).toEqual({ global: { executions: 2 } });
		expect(first.staticData).toEqual({ global: { executions: 1 } }); // not mutated

		// manual runs change static data in memory only: n8n's CLI does not save it
		const manual = await harness.run({ node: echoNode, inputItems: [{ name: 'A' }], staticData: second.staticData });
		expect(manual.staticDataChanged).toBe(true);
		expect(manual.staticDataPersisted).toBe(false);
		expect(manual.staticDataAfterRun).toEqual({ global: { executions: 3 } });
		expect(manual.staticData).toEqual({ global: { executions: 2 } });
	});

	it('surfaces a NodeOperationError as the node error and the execution error', async () => {
		const harness = newHarness();
		const result = await harness.run({
			node: echoNode,
			inputItems: [{ name: 'ok' }, { name: 'bad', fail: true }],
			credentials: credentials(),
		});
		expect(result.status).toBe('error');
		const error = result.errorOf('Echo');
		// n8n-core stores `{ ...error, message, stack }`: the class is gone, its name and fields stay
		expect(error).toMatchObject({
			name: 'NodeOperationError',
			message: 'Item 1 asked to fail',
			context: { itemIndex: 1 },
			node: { name: 'Echo' },
		});
		expect(result.error?.message).toBe('Item 1 asked to fail');
		expect(() => result.outputOf('Echo')).toThrow(/produced no data: Item 1 asked to fail/);
	});

	it('surfaces a NodeApiError with the HTTP status', async () => {
		const harness = newHarness();
		const result = await harness.run({ node: echoNode, inputItems: [{ name: 'x', status: 503 }], credentials: credentials() });
		const error = result.errorOf('Echo');
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '503', description: 'Server says no' });
	});

	it('turns errors into items with continueOnFail (onError: continueRegularOutput)', async () => {
		const harness = newHarness();
		const result = await harness.run({
			node: { ...echoNode, onError: 'continueRegularOutput' },
			inputItems: [{ name: 'ok' }, { name: 'bad', fail: true }],
			credentials: credentials(),
		});
		expect(result.status).toBe('success');
		expect(result.errorOf('Echo')).toBeUndefined();
		const output = result.outputOf('Echo');
		expect(output).toHaveLength(2);
		expect(output[0].json.message).toBe('Hello ok #0');
		expect(output[1]).toEqual({ json: { error: 'Item 1 asked to fail' }, pairedItem: { item: 1 } });
	});

	it('reports missing credentials as n8n does', async () => {
		const harness = newHarness();
		const result = await harness.run({ node: { ...echoNode, credentials: {} }, inputItems: [{ name: 'x' }] });
		expect(result.errorOf('Echo')?.message).toBe('Node does not have any credentials set for "harnessTestApi"');
	});

	it('runs load-options and list-search methods in n8n-core LoadOptionsContext', async () => {
		const harness = newHarness();
		const options = await harness.loadOptions({
			nodeType: 'echoTest',
			method: 'getColors',
			credentials: credentials(),
		});
		expect(options).toEqual([
			{ name: 'RED', value: 'red' },
			{ name: 'BLUE', value: 'blue' },
		]);
		const search = await harness.listSearch({
			nodeType: 'echoTest',
			method: 'searchBoxes',
			filter: 'a',
			parameters: { message: 'hi' },
		});
		expect(search.results).toEqual([
			{ name: 'alpha (hi)', value: 'alpha' },
			{ name: 'beta (hi)', value: 'beta' },
			{ name: 'gamma (hi)', value: 'gamma' },
		]);
		expect(requests.filter((r) => r.url === '/colors').every((r) => r.authorization === 'Bearer secret-token')).toBe(true);
	});

	it('tests credentials with the node testedBy method in n8n-core CredentialTestContext', async () => {
		const harness = newHarness();
		await expect(
			harness.testCredential('harnessTestApi', { data: { baseUrl, token: 'good-token', region: 'us' } }),
		).resolves.toEqual({ status: 'OK', message: 'Connected (us)' });
		await expect(
			harness.testCredential('harnessTestApi', { data: { baseUrl, token: 'bad' } }),
		).resolves.toEqual({ status: 'Error', message: 'Rejected (eu)' });
	});
});
