/**
 * The credential test of `bigPictureApi` as n8n runs it when a credential is opened or saved: the credential's
 * declarative `test` request, with its `authenticate` applied by n8n-core, sent through n8n-core's RoutingNode
 * (test/harness follows n8n's CredentialsTester, rules included) over real HTTP to the simulator. What was sent, and
 * what the user reads for each way Jira or BigPicture can refuse.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import type { IAuthenticateRuleResponseCode, ICredentialType } from 'n8n-workflow';

import { BigPictureApi } from '../../credentials/BigPictureApi.credentials';
import type { Harness } from '../harness';
import { credentialData } from '../helpers/connection';
import { bigPictureHarness } from '../helpers/node';
import { startSimulator, type Simulator } from '../simulator';

const CLASSIC_AUTH = '/rest/softwareplant-bigpicture/1.0/system/auth';
const PAT = 'pat-alice-0123456789';

let sim: Simulator;
let harness: Harness;

beforeAll(async () => {
	// 403 to a locked Basic login, as Jira Data Center answers it.
	sim = await startSimulator({ captchaAfter: 3, captchaStatus: 403, jiraPats: { [PAT]: 'alice' } });
	harness = bigPictureHarness();
});
afterAll(async () => {
	await sim.close();
});
beforeEach(() => {
	sim.unlockCaptcha('alice');
	sim.setOptions({ patSystemAuth500: false });
	sim.resetCalls();
});

const testWith = (overrides: Record<string, unknown> = {}) =>
	harness.testCredential('bigPictureApi', { data: credentialData(sim, overrides) as never });

/** The message of the credential's rule for an HTTP status. */
function ruleFor(status: number): string {
	const credential: ICredentialType = new BigPictureApi();
	const rules = (credential.test?.rules ?? []) as IAuthenticateRuleResponseCode[];
	const rule = rules.find((r) => r.type === 'responseCode' && r.properties.value === status);
	if (!rule) throw new Error(`no rule for HTTP ${status}`);
	return rule.properties.message;
}

const sent = () => sim.calls.map((c) => [c.method, c.path, c.auth, c.user, c.status]);

/** A live Jira session, as a browser holds it. */
async function jiraSession(): Promise<string> {
	const response = await fetch(`${sim.baseUrl}/rest/auth/1/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username: 'alice', password: 's3cret' }),
	});
	const body = (await response.json()) as { session: { value: string } };
	sim.resetCalls();
	return body.session.value;
}

describe('what the test sends: one system/auth, with the login of the chosen method', () => {
	test('Basic: Jira accepts the login and BigPicture hands out tokens', async () => {
		expect(await testWith()).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sent()).toEqual([['GET', CLASSIC_AUTH, 'basic', 'alice', 200]]);
	});

	test('a typed API path is used as typed (slashes and spaces trimmed)', async () => {
		expect((await testWith({ apiPath: ' rest/softwareplant-bigpicture/1.0/ ' })).status).toBe('OK');
		expect(sent()).toEqual([['GET', CLASSIC_AUTH, 'basic', 'alice', 200]]);
	});

	test('Session cookie: the bare JSESSIONID, or a whole Cookie header, goes as the Cookie header', async () => {
		const id = await jiraSession();
		for (const sessionCookie of [id, ` JSESSIONID=${id}; AWSALB=x `, `Cookie: JSESSIONID=${id}`]) {
			sim.resetCalls();
			const result = await testWith({ authentication: 'cookie', sessionCookie, username: '', password: '' });
			expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(sim.calls).toHaveLength(1);
			expect(sim.calls[0]).toMatchObject({ path: CLASSIC_AUTH, auth: 'none', user: 'alice', sessionValid: true, status: 200 });
		}
	});

	test('Session cookie that Jira no longer knows: the username and password are the fallback, as in runs', async () => {
		expect((await testWith({ authentication: 'cookie', sessionCookie: 'DEAD0000' })).status).toBe('OK');
		expect(sent()).toEqual([['GET', CLASSIC_AUTH, 'basic', 'alice', 200]]);
		sim.resetCalls();
		const dead = await testWith({ authentication: 'cookie', sessionCookie: 'DEAD0000', username: '', password: '' });
		expect(dead).toEqual({ status: 'Error', message: ruleFor(401) });
		// n8n-core resends a request refused with 401 once (its credential refresh hook), whatever the credential
		expect(sent()).toEqual([['GET', CLASSIC_AUTH, 'none', null, 401], ['GET', CLASSIC_AUTH, 'none', null, 401]]);
	});

	test('Personal access token: Authorization: Bearer <PAT>', async () => {
		expect((await testWith({ authentication: 'pat', personalAccessToken: ` ${PAT} `, username: '', password: '' })).status).toBe('OK');
		expect(sent()).toEqual([['GET', CLASSIC_AUTH, 'pat', 'alice', 200]]);
	});
});

describe('what the user reads when it fails', () => {
	test('wrong password (401): what to check, and what each failed test costs towards the CAPTCHA', async () => {
		const result = await testWith({ password: 'nope-nope' });
		expect(result).toEqual({ status: 'Error', message: ruleFor(401) });
		expect(result.message).toMatch(/^Jira refused this login \(HTTP 401\)/);
		expect(result.message).toMatch(/two failed logins/);
		expect(result.message).not.toContain('nope-nope');
		// n8n-core resends a request refused with 401 once: two failed logins in Jira, as the message says
		expect(sent()).toEqual([['GET', CLASSIC_AUTH, 'basic', null, 401], ['GET', CLASSIC_AUTH, 'basic', null, 401]]);
		expect(sim.failedLogins('alice')).toBe(2);
		// the next test with the wrong password meets the lock (Jira's default: 3 failures) and says so
		expect(await testWith({ password: 'nope-nope' })).toEqual({ status: 'Error', message: ruleFor(403) });
	});

	test('a refused personal access token (401) reads the same rule', async () => {
		const result = await testWith({ authentication: 'pat', personalAccessToken: 'pat-revoked', username: '', password: '' });
		expect(result).toEqual({ status: 'Error', message: ruleFor(401) });
		expect(result.message).toMatch(/personal access token/);
	});

	test('CAPTCHA lock (403): running workflows keep their session; log in once in a browser', async () => {
		sim.lockCaptcha('alice');
		const result = await testWith();
		expect(result).toEqual({ status: 'Error', message: ruleFor(403) });
		expect(result.message).toMatch(/^Jira has locked new logins of this user behind a CAPTCHA/);
		expect(result.message).toMatch(/Workflows that are already running keep their session/);
		expect(result.message).toMatch(/log in to Jira once in a browser/);
		expect(sent()).toEqual([['GET', CLASSIC_AUTH, 'basic', null, 403]]);
		expect(sim.calls[0]).toMatchObject({ status: 403 });
	});

	test('wrong context path, or no BigPicture under the API path (404)', async () => {
		const nowhere = await testWith({ baseUrl: `${sim.baseUrl}/wrong-context` });
		expect(nowhere).toEqual({ status: 'Error', message: ruleFor(404) });
		expect(nowhere.message).toMatch(/context path/);
		expect(nowhere.message).toMatch(/BigPicture API Path/);
		const otherKey = await testWith({ apiPath: '/rest/bigpicture/1.0' });
		expect(otherKey).toEqual({ status: 'Error', message: ruleFor(404) });
		expect(sim.calls.map((c) => [c.path, c.status])).toEqual([
			['/wrong-context/rest/softwareplant-bigpicture/1.0/system/auth', 404],
			['/rest/bigpicture/1.0/system/auth', 404],
		]);
	});

	test('BigPicture fails on a personal access token (500): use an API token credential', async () => {
		sim.setOptions({ patSystemAuth500: true });
		const result = await testWith({ authentication: 'pat', personalAccessToken: PAT });
		expect(result).toEqual({ status: 'Error', message: ruleFor(500) });
		expect(result.message).toMatch(/personal access token/);
		expect(result.message).toMatch(/BigPicture API Token/);
		expect(result.message).not.toContain(PAT);
	});
});
