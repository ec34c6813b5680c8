import * as http from 'node:http';
import * as https from 'node:https';

import { startSimulator, Simulator } from './simulator';

/** One GET with node's own client; `agent: false` opens a new connection for this request alone. */
function get(url: string, agent: http.Agent | false, headers: Record<string, string> = {}, rejectUnauthorized = false) {
	const client = url.startsWith('https:') ? https : http;
	return new Promise<{ status: number; body: string }>((resolve, reject) => {
		const req = client.get(url, { agent, headers, rejectUnauthorized }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk) => (body += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
		});
		req.on('error', reject);
	});
}

const basic = `Basic ${Buffer.from('alice:s3cret').toString('base64')}`;

describe('simulator: tls option and accepted connections', () => {
	let sim: Simulator;
	afterEach(async () => {
		await sim.close();
	});

	test('serves HTTPS with a self-signed certificate: a verifying client is refused, an ignoring one logs in', async () => {
		sim = await startSimulator({ tls: true });
		expect(sim.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/jira$/);
		await expect(get(`${sim.apiBase()}/system/auth`, false, { authorization: basic }, true)).rejects.toMatchObject({
			code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
		});
		const login = await get(`${sim.apiBase()}/system/auth`, false, { authorization: basic });
		expect(login.status).toBe(200);
		expect(JSON.parse(login.body).authentication).toEqual(expect.any(String));
		// Only the completed handshake counts: the refused client never finished one.
		expect(sim.connections).toBe(1);
	});

	test.each([false, true])('counts connections (tls %s): keep-alive reuses one, agent-less calls open one each', async (tls) => {
		sim = await startSimulator({ tls });
		const url = `${sim.baseUrl}/rest/api/2/serverInfo`;
		const Agent = tls ? https.Agent : http.Agent;
		const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
		for (let i = 0; i < 3; i++) expect((await get(url, keepAlive)).status).toBe(200);
		keepAlive.destroy();
		expect(sim.connections).toBe(1);
		for (let i = 0; i < 3; i++) expect((await get(url, false)).status).toBe(200);
		expect(sim.connections).toBe(4);
		expect(sim.calls).toHaveLength(6);
	});

	test('stays plain HTTP by default', async () => {
		sim = await startSimulator();
		expect(sim.baseUrl).toMatch(/^http:\/\//);
	});
});
