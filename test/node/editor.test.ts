/**
 * What a person reads in n8n's editor: the node's subtitle, its documentation links, error descriptions. And the way
 * out of a CAPTCHA lock the messages give: a browser login on the simulator's /jira/login.jsp, as on Jira, after which
 * the credential test passes again (its messages: credential-test.test.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { NodeHelpers, Workflow, type INode, type INodeParameters, type INodeTypes } from 'n8n-workflow';

import { BigPictureApi } from '../../credentials/BigPictureApi.credentials';
import { BigPicture } from '../../nodes/BigPicture/BigPicture.node';
import { clearSessions } from '../../nodes/BigPicture/transport/sessions';
import type { Harness } from '../harness';
import { credentialData } from '../helpers/connection';
import { NODE, bigPictureHarness, runNode } from '../helpers/node';
import { startSimulator, type Simulator } from '../simulator';

/* eslint-disable @typescript-eslint/no-require-imports */
const codex = require('../../nodes/BigPicture/BigPicture.node.json') as {
	resources: Record<string, Array<{ url: string }>>;
};
const packageJson = require('../../package.json') as { homepage: string };
/* eslint-enable @typescript-eslint/no-require-imports */

let sim: Simulator;
let harness: Harness;

beforeAll(async () => {
	sim = await startSimulator({ portfolio: 'small', captchaAfter: 3 });
	harness = bigPictureHarness();
});
afterAll(async () => {
	await sim.close();
});
beforeEach(() => {
	clearSessions();
	sim.resetCalls();
	sim.unlockCaptcha('alice');
});

describe('words on the screen', () => {
	const nodeType = new BigPicture();
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	/** The subtitle as n8n's expression engine computes it for the canvas. */
	const subtitle = (parameters: INodeParameters) => {
		const node: INode = {
			id: '1',
			name: NODE,
			type: 'bigPicture',
			typeVersion: 1,
			position: [0, 0],
			parameters: NodeHelpers.getNodeParameters(nodeType.description.properties, parameters, true, false, null, null) ?? {},
		};
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		return workflow.expression.getSimpleParameterValue(node, nodeType.description.subtitle, 'internal', {});
	};

	test('the subtitle reads as what the user picked', () => {
		expect(subtitle({ resource: 'request', operation: 'call' })).toBe('send: custom API call');
		expect(subtitle({ resource: 'box', operation: 'get' })).toBe('get: box');
		expect(subtitle({ resource: 'absence', operation: 'getMany' })).toBe('getMany: absence');
	});

	test('documentation links have no #fragment (n8n appends its tracking query after it)', () => {
		const urls = Object.values(codex.resources).flat().map((r) => r.url);
		expect(urls.length).toBeGreaterThan(1);
		for (const url of [...urls, packageJson.homepage, new BigPictureApi().documentationUrl]) {
			expect(url).toMatch(/^https:\/\//);
			expect(url).not.toContain('#');
		}
	});

	test('the token format options read as plain words', () => {
		const field = new BigPictureApi().properties.find((p) => p.name === 'authorizationFormat')!;
		const names = (field.options as Array<{ name: string; value: string }>).map((o) => [o.value, o.name]);
		expect(names).toEqual([
			['raw', "Raw Token (BigPicture's Documented Format)"],
			['bearer', 'Bearer Token'],
		]);
	});

	test('an error description joins the hint and the step with one period', async () => {
		sim.lockCaptcha('alice');
		const result = await runNode(harness, sim, { resource: 'box', operation: 'getTypes' });
		const description = String(result.errorOf(NODE)?.description);
		expect(description).toMatch(/prolong the lock\. Step: login \(GET /);
		expect(description).not.toMatch(/\.\./);
		const wrong = await runNode(harness, sim, { resource: 'box', operation: 'getTypes' }, { credential: { username: 'bob', password: 'nope-nope' } });
		expect(String(wrong.errorOf(NODE)?.description)).not.toMatch(/\.\./);
	});
});

describe("the simulator's browser login lifts the CAPTCHA lock, as Jira's does", () => {
	const post = (form: Record<string, string>) =>
		fetch(`${sim.baseUrl}/login.jsp`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(form).toString(),
		});

	test('the login page is a form; a locked user must answer the CAPTCHA, then can log in again', async () => {
		const page = await fetch(`${sim.baseUrl}/login.jsp`);
		expect(page.status).toBe(200);
		expect(await page.text()).toMatch(/name="os_username"[\s\S]*name="os_password"/);

		sim.lockCaptcha('alice');
		const noAnswer = await post({ os_username: 'alice', os_password: 's3cret' });
		expect(noAnswer.status).toBe(200);
		const noAnswerPage = await noAnswer.text();
		expect(noAnswerPage).toMatch(/CAPTCHA/);
		expect(noAnswerPage).toMatch(/name="os_captcha"/);
		const word = /id="captcha-word">([^<]+)</.exec(noAnswerPage)![1];

		const wrongPassword = await post({ os_username: 'alice', os_password: 'nope', os_captcha: word });
		expect(wrongPassword.status).toBe(200);
		expect(await wrongPassword.text()).toMatch(/incorrect/);
		expect((await test_lock()).status).toBe('Error');

		const ok = await post({ os_username: 'alice', os_password: 's3cret', os_captcha: word });
		expect(ok.status).toBe(302);
		expect(ok.headers.get('location')).toBe(`${sim.baseUrl}/secure/Dashboard.jspa`);
		const cookie = ok.headers.get('set-cookie')!.split(';')[0];
		expect(cookie).toMatch(/^JSESSIONID=/);
		const dashboard = await fetch(`${sim.baseUrl}/secure/Dashboard.jspa`, { headers: { cookie } });
		expect(await dashboard.text()).toMatch(/Logged in as alice/);
		expect(sim.failedLogins('alice')).toBe(0);

		// The advice worked: the credential test (a Basic login) passes again.
		expect((await test_lock()).status).toBe('OK');
	});

	test('an unlocked user logs in with the password alone; a wrong one counts towards the lock', async () => {
		const wrong = await post({ os_username: 'alice', os_password: 'nope' });
		expect(wrong.status).toBe(200);
		expect(sim.failedLogins('alice')).toBe(1);
		const ok = await post({ os_username: 'alice', os_password: 's3cret' });
		expect(ok.status).toBe(302);
		expect(sim.failedLogins('alice')).toBe(0);
	});

	const test_lock = () => harness.testCredential('bigPictureApi', { data: credentialData(sim) as never });
});

describe("the node's error output (Settings › On Error › Continue (using error output))", () => {
	test('a failed item leaves on the error output with its message, the others on the success output', async () => {
		const result = await harness.run({
			node: {
				type: 'bigPicture',
				name: NODE,
				onError: 'continueErrorOutput',
				parameters: { resource: 'box', operation: 'get', boxId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			},
			inputItems: [{ id: 'PROG-1' }, { id: 'PROG-404' }],
			credentials: { bigPictureApi: { id: '1', name: 'BigPicture', data: credentialData(sim) as never } },
		});
		const ok = result.outputOf(NODE, 0);
		const failed = result.outputOf(NODE, 1);
		expect(ok.map((i) => i.json.boxId)).toEqual(['PROG-1']);
		expect(failed).toHaveLength(1);
		expect(failed[0].json.error).toBe('Box "PROG-404" does not exist');
		expect(failed[0].pairedItem).toEqual({ item: 1 });
	});
});
