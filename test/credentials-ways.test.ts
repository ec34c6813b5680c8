/**
 * The credentials of issue 11 as n8n sees them: `bigPictureTokenApi`'s generic `authenticate` applied by n8n-core's
 * request helper (what n8n's HTTP Request node does with a predefined credential type), both credentials' `test`
 * requests run through n8n-core's RoutingNode, against the simulator over real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { ICredentialDataDecryptedObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, INodeProperties } from 'n8n-workflow';

import { BigPictureApi } from '../credentials/BigPictureApi.credentials';
import { BigPictureCloudApi } from '../credentials/BigPictureCloudApi.credentials';
import { BigPictureTokenApi } from '../credentials/BigPictureTokenApi.credentials';
import { createHarness, type Harness } from './harness';
import { startSimulator, type Simulator } from './simulator';

const HIERARCHY = '/public/ppm/box/box-hierarchy';

/** Stands in for n8n's HTTP Request node with "Predefined Credential Type": the same n8n-core helper. */
class PredefinedCall implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Predefined Call',
		name: 'predefinedCall',
		group: ['transform'],
		version: 1,
		description: 'fixture',
		defaults: { name: 'Call' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'bigPictureTokenApi', required: true }],
		properties: [{ displayName: 'URL', name: 'url', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const url = this.getNodeParameter('url', 0) as string;
		const res = (await this.helpers.httpRequestWithAuthentication.call(this, 'bigPictureTokenApi', {
			url,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as { statusCode: number };
		return [[{ json: { status: res.statusCode } }]];
	}
}

describe('credentials of issue 11', () => {
	let sim: Simulator;
	let harness: Harness;
	beforeAll(async () => {
		sim = await startSimulator({
			apiTokens: { 'bp-token-1': 'alice' },
			apiTokenKeys: ['bigpicture', 'softwareplant-bigpicture'],
			cloud: { tokens: { 'cloud-token-1': 'alice' } },
		});
		harness = createHarness({
			nodeTypes: [new PredefinedCall()],
			credentialTypes: [new BigPictureTokenApi(), new BigPictureCloudApi(), new BigPictureApi()],
		});
	});
	afterAll(async () => { await sim.close(); });

	const tokenData = (extra: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject => ({ baseUrl: `${sim.baseUrl}/`, apiToken: 'bp-token-1', ...extra });

	async function callWith(data: ICredentialDataDecryptedObject) {
		sim.resetCalls();
		const result = await harness.run({
			node: { type: 'predefinedCall', name: 'Call', parameters: { url: `${sim.apiBase('bigpicture')}${HIERARCHY}` } },
			credentials: { bigPictureTokenApi: { data } },
		});
		expect(result.error).toBeUndefined();
		return result.outputOf('Call')[0].json.status;
	}

	it('bigPictureTokenApi: authenticate sends the chosen scheme through n8n-core (as the HTTP Request node does)', async () => {
		// the simulator takes only one scheme at a time, so a wrong header fails
		sim.setOptions({ apiTokenSchemes: ['bearer'] });
		try {
			await checkSchemes();
		} finally {
			sim.setOptions({ apiTokenSchemes: ['bearer', 'apitoken'] });
		}
	});

	async function checkSchemes() {
		expect(await callWith(tokenData())).toBe(200); // default scheme: bearer
		expect(sim.calls.map((c) => [c.path, c.auth, c.user])).toEqual([['/rest/bigpicture/1.0/public/ppm/box/box-hierarchy', 'apitoken', 'alice']]);
		expect(await callWith(tokenData({ authorizationScheme: 'apiToken' }))).toBe(401);

		sim.setOptions({ apiTokenSchemes: ['apitoken'] });
		expect(await callWith(tokenData({ authorizationScheme: 'apiToken' }))).toBe(200);
		expect(await callWith(tokenData())).toBe(401);
		expect(await callWith(tokenData({ apiToken: 'wrong' }))).toBe(401);
	}

	it('bigPictureTokenApi: the test request reads box types under the short key, or the typed path', async () => {
		sim.resetCalls();
		expect(await harness.testCredential('bigPictureTokenApi', { data: tokenData() })).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sim.calls.map((c) => [c.method, c.path, c.auth, c.status])).toEqual([['GET', '/rest/bigpicture/1.0/public/ppm/box/box-types', 'apitoken', 200]]);

		sim.resetCalls();
		const typed = await harness.testCredential('bigPictureTokenApi', { data: tokenData({ apiPath: ' /rest/softwareplant-bigpicture/1.0/ ', authorizationScheme: 'apiToken' }) });
		expect(typed.status).toBe('OK');
		expect(sim.calls.map((c) => c.path)).toEqual(['/rest/softwareplant-bigpicture/1.0/public/ppm/box/box-types']);

		const refused = await harness.testCredential('bigPictureTokenApi', { data: tokenData({ apiToken: 'revoked-or-wrong' }) });
		expect(refused.status).toBe('Error');
		expect(JSON.stringify(refused)).not.toContain('revoked-or-wrong');
	});

	it('bigPictureCloudApi: the test request asks discovery with the token and follows no redirect', async () => {
		const data = { apiToken: 'cloud-token-1', discoveryUrl: sim.cloudDiscoveryUrl() };
		sim.resetCalls();
		expect((await harness.testCredential('bigPictureCloudApi', { data })).status).toBe('OK');
		expect(sim.calls.map((c) => [c.path, c.auth, c.status])).toEqual([['/cloudmanager/bigpicture/where-am-i', 'cloudtoken', 200]]);
		expect((await harness.testCredential('bigPictureCloudApi', { data: { ...data, apiToken: 'nope' } })).status).toBe('Error');

		const trap = await startSimulator({ cloud: { tokens: { 'cloud-token-1': 'alice' }, redirectDiscoveryTo: `${sim.baseUrl}/steal` } });
		try {
			sim.resetCalls();
			const r = await harness.testCredential('bigPictureCloudApi', { data: { ...data, discoveryUrl: trap.cloudDiscoveryUrl() } });
			expect(r.status).toBe('Error');
			expect(trap.calls).toHaveLength(1);
			expect(sim.calls).toHaveLength(0); // the redirect target never saw the token
		} finally {
			await trap.close();
		}
	});

	it('field names, secrets and registration follow the public contract', () => {
		const names = (props: INodeProperties[]) => props.map((p) => p.name);
		const secrets = (props: INodeProperties[]) => props.filter((p) => p.typeOptions?.password).map((p) => p.name).sort();
		const token = new BigPictureTokenApi();
		const cloud = new BigPictureCloudApi();
		const jira = new BigPictureApi();
		expect(token.name).toBe('bigPictureTokenApi');
		expect(names(token.properties)).toEqual(['baseUrl', 'apiToken', 'authorizationScheme', 'jiraToken', 'ignoreSslIssues', 'apiPath']);
		expect(secrets(token.properties)).toEqual(['apiToken', 'jiraToken']);
		expect(token.properties.find((p) => p.name === 'authorizationScheme')).toMatchObject({ default: 'bearer', options: [{ value: 'bearer' }, { value: 'apiToken' }] });
		expect(cloud.name).toBe('bigPictureCloudApi');
		expect(names(cloud.properties)).toEqual(['apiToken', 'authorizationScheme', 'discoveryUrl', 'jiraSiteUrl', 'jiraEmail', 'jiraApiToken']);
		expect(secrets(cloud.properties)).toEqual(['apiToken', 'jiraApiToken']);
		expect(cloud.properties.find((p) => p.name === 'discoveryUrl')?.default).toBe('https://cloud.bigpicture.one/cloudmanager/bigpicture/where-am-i');
		const auth = jira.properties.find((p) => p.name === 'authentication');
		expect(auth?.options?.map((o) => (o as { value: string }).value)).toEqual(['basic', 'cookie', 'pat']);
		expect((auth?.options?.[2] as { name: string }).name).toMatch(/experimental/i);
		expect(jira.properties.find((p) => p.name === 'personalAccessToken')).toMatchObject({ typeOptions: { password: true }, displayOptions: { show: { authentication: ['pat'] } } });
		for (const c of [token, cloud, jira]) expect(c.documentationUrl).not.toContain('#');
		const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
		expect(pkg.n8n.credentials).toEqual(expect.arrayContaining([
			'dist/credentials/BigPictureTokenApi.credentials.js',
			'dist/credentials/BigPictureCloudApi.credentials.js',
		]));
	});
});
