/**
 * Issue 11's credential parsing and Cloud discovery rules, pure functions: what each credential becomes, which
 * configuration errors it gets, what is secret, and where the Cloud token may go.
 */
import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';

import { fingerprintOf, secretsOf, toConnectionConfig } from '../nodes/BigPicture/transport/config';
import {
	CREDENTIAL_TYPES,
	DEFAULT_DISCOVERY_URL,
	authorizationHeader,
	identityOf,
	toCloudConfig,
	toConnection,
	toTokenConfig,
	tokenFingerprintOf,
	tokenSecretsOf,
} from '../nodes/BigPicture/transport/connections';
import { isLoopbackHost, mayReceiveToken, parseDiscoveryAnswer } from '../nodes/BigPicture/transport/discovery';
import { BigPictureError } from '../nodes/BigPicture/transport/errors';

/** The BigPictureError a call throws (fails the test when it throws nothing or something else). */
function errorOf(fn: () => unknown): BigPictureError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(BigPictureError);
		return error as BigPictureError;
	}
	throw new Error('expected a BigPictureError');
}

describe('bigPictureApi with a Jira personal access token', () => {
	const data = { baseUrl: 'https://jira.example.com/jira/', authentication: 'pat', personalAccessToken: ' pat-123 ' };

	it('is checked, trimmed, secret, and part of the fingerprint', () => {
		const config = toConnectionConfig(data);
		expect(config).toMatchObject({ authentication: 'pat', personalAccessToken: 'pat-123', baseUrl: 'https://jira.example.com/jira' });
		expect(secretsOf(config)).toContain('pat-123');
		expect(fingerprintOf(config)).not.toBe(fingerprintOf(toConnectionConfig({ ...data, personalAccessToken: 'pat-456' })));
		expect(fingerprintOf(config)).not.toBe(fingerprintOf(toConnectionConfig({ ...data, authentication: 'cookie', sessionCookie: 'x' })));
	});

	it('a missing or broken PAT is a configuration error that does not echo it', () => {
		expect(errorOf(() => toConnectionConfig({ ...data, personalAccessToken: '' }))).toMatchObject({
			step: 'configuration',
			reason: 'invalid-config',
			message: 'The credential needs a personal access token',
		});
		const e = errorOf(() => toConnectionConfig({ ...data, personalAccessToken: 'pat-1\r\nX-Evil: 1' }));
		expect(e.message).toBe('The personal access token contains spaces or line breaks');
		expect(JSON.stringify({ m: e.message, h: e.hint })).not.toContain('pat-1');
	});

	it('basic and cookie credentials keep their fingerprint (no PAT in it)', () => {
		const basic = toConnectionConfig({ baseUrl: 'https://j.example.com', username: 'u', password: 'p' });
		expect(basic.personalAccessToken).toBe('');
		// the formula before the PAT existed, written out: sessions cached under it stay valid
		const sha = (v: string) => createHash('sha256').update(v).digest('hex');
		const before = sha(['https://j.example.com', 'basic', 'u', 'auto', 'raw', 'false', '30000', sha('p\u0000')].join('\u0000'));
		expect(fingerprintOf(basic)).toBe(before.slice(0, 32));
		expect(secretsOf(basic)).toEqual(['p']);
	});
});

describe('bigPictureTokenApi', () => {
	const data = { baseUrl: 'https://jira.example.com/jira//', apiToken: 'tok-1' };

	it('normalises with the documented defaults', () => {
		expect(toTokenConfig(data)).toEqual({
			way: 'apiToken',
			baseUrl: 'https://jira.example.com/jira',
			apiToken: 'tok-1',
			tokenScheme: 'bearer',
			jiraToken: '',
			allowUnauthorizedCerts: false,
			apiPath: 'auto',
			timeoutMs: 30_000,
		});
		expect(toTokenConfig({ ...data, authorizationScheme: 'apiToken', jiraToken: ' jpat ', ignoreSslIssues: true, apiPath: 'rest/bigpicture/1.0/' })).toMatchObject({
			tokenScheme: 'apiToken',
			jiraToken: 'jpat',
			allowUnauthorizedCerts: true,
			apiPath: '/rest/bigpicture/1.0',
		});
		expect(authorizationHeader('bearer', 'tok-1')).toBe('Bearer tok-1');
		expect(authorizationHeader('apiToken', 'tok-1')).toBe('APIToken tok-1');
	});

	it('refuses a bad URL, a missing token, a token with a line break', () => {
		expect(errorOf(() => toTokenConfig({ ...data, baseUrl: 'jira' })).message).toBe('The Jira base URL is not a valid URL');
		expect(errorOf(() => toTokenConfig({ ...data, baseUrl: 'ftp://jira' })).message).toMatch(/must start with http/);
		expect(errorOf(() => toTokenConfig({ ...data, baseUrl: 'https://u:p@jira' })).message).toMatch(/username or password/);
		expect(errorOf(() => toTokenConfig({ ...data, apiToken: '  ' })).message).toBe('The credential needs a BigPicture API token');
		expect(errorOf(() => toTokenConfig({ ...data, apiToken: 'Bearer tok-1' })).hint).toMatch(/without a scheme/);
		expect(errorOf(() => toTokenConfig({ ...data, jiraToken: 'a\nb' })).message).toBe('The Jira personal access token contains spaces or line breaks');
	});

	it('secrets, identity and fingerprint', () => {
		const a = toTokenConfig({ ...data, jiraToken: 'jpat' });
		expect(tokenSecretsOf(a)).toEqual(['tok-1', 'jpat']);
		expect(identityOf(a)).not.toContain('tok-1');
		expect(identityOf(a)).not.toContain('jpat');
		expect(identityOf(a)).toBe(identityOf(toTokenConfig({ ...data, apiToken: 'tok-2' })));
		const fp = tokenFingerprintOf(a);
		expect(fp).toMatch(/^[0-9a-f]{32}$/);
		for (const change of [{ apiToken: 'tok-2' }, { jiraToken: 'other' }, { authorizationScheme: 'apiToken' }, { ignoreSslIssues: true }, { apiPath: '/rest/x/1.0' }, { baseUrl: 'https://other.example.com' }]) {
			expect(tokenFingerprintOf(toTokenConfig({ ...data, jiraToken: 'jpat', ...change }))).not.toBe(fp);
		}
		expect(tokenFingerprintOf(toTokenConfig({ ...data, jiraToken: 'jpat' }))).toBe(fp);
	});
});

describe('bigPictureCloudApi', () => {
	const data = { apiToken: 'cloud-1' };
	const jira = { jiraSiteUrl: 'https://acme.atlassian.net/', jiraEmail: 'ann@acme.com', jiraApiToken: 'atl-1' };

	it('defaults to the public discovery URL; Jira fields are optional but go together', () => {
		expect(toCloudConfig(data)).toEqual({ way: 'cloud', apiToken: 'cloud-1', tokenScheme: 'bearer', discoveryUrl: DEFAULT_DISCOVERY_URL, timeoutMs: 30_000 });
		expect(toCloudConfig({ ...data, ...jira }).jira).toEqual({ siteUrl: 'https://acme.atlassian.net', email: 'ann@acme.com', apiToken: 'atl-1' });
		expect(errorOf(() => toCloudConfig({ ...data, jiraSiteUrl: jira.jiraSiteUrl })).message).toBe('The Jira site URL, email and API token go together');
		expect(errorOf(() => toCloudConfig({ ...data, ...jira, jiraEmail: 'ann' })).message).toBe('The Jira email is not an email address');
	});

	it('secrets go only over https, except to loopback', () => {
		expect(errorOf(() => toCloudConfig({ ...data, discoveryUrl: 'http://cloud.example.com/where' })).message).toBe('The discovery URL must start with https://');
		expect(errorOf(() => toCloudConfig({ ...data, ...jira, jiraSiteUrl: 'http://acme.atlassian.net' })).message).toBe('The Jira site URL must start with https://');
		expect(toCloudConfig({ ...data, discoveryUrl: 'http://127.0.0.1:8090/cloudmanager/bigpicture/where-am-i' }).discoveryUrl).toBe('http://127.0.0.1:8090/cloudmanager/bigpicture/where-am-i');
		expect(toCloudConfig({ ...data, ...jira, jiraSiteUrl: 'http://localhost:9/' }).jira?.siteUrl).toBe('http://localhost:9');
		expect(errorOf(() => toCloudConfig({ apiToken: '' })).message).toBe('The credential needs a BigPicture API token');
	});

	it('secrets, identity and fingerprint', () => {
		const c = toCloudConfig({ ...data, ...jira });
		expect(tokenSecretsOf(c)).toEqual(['cloud-1', 'atl-1']);
		expect(identityOf(c)).toContain('ann@acme.com');
		expect(identityOf(c)).not.toContain('cloud-1');
		expect(tokenFingerprintOf(c)).not.toBe(tokenFingerprintOf(toCloudConfig({ ...data, ...jira, jiraApiToken: 'atl-2' })));
		expect(tokenFingerprintOf(c)).not.toBe(tokenFingerprintOf(toCloudConfig({ ...data, ...jira, apiToken: 'cloud-2' })));
	});

	it('toConnection picks the parser of the way in', () => {
		expect(CREDENTIAL_TYPES).toEqual({ jiraLogin: 'bigPictureApi', apiToken: 'bigPictureTokenApi', cloud: 'bigPictureCloudApi' });
		expect(toConnection('cloud', data).way).toBe('cloud');
		expect(toConnection('apiToken', { baseUrl: 'https://j.example.com', apiToken: 't' }).way).toBe('apiToken');
		const login = toConnection('jiraLogin', { baseUrl: 'https://j.example.com', username: 'u', password: 'p' });
		expect(login.way === 'jiraLogin' && login.config.authentication).toBe('basic');
	});
});

describe('Cloud discovery rules', () => {
	const discovery = 'https://cloud.bigpicture.one/cloudmanager/bigpicture/where-am-i';
	const local = 'http://127.0.0.1:8090/cloudmanager/bigpicture/where-am-i';

	it('the location gives the API base under /rest', () => {
		expect(parseDiscoveryAnswer({ location: 'https://eu-1.bigpicture.one/tenant-a/' }, discovery)).toEqual({
			location: 'https://eu-1.bigpicture.one/tenant-a',
			apiBase: 'https://eu-1.bigpicture.one/tenant-a/rest',
			origin: 'https://eu-1.bigpicture.one',
		});
		expect(parseDiscoveryAnswer({ location: 'http://127.0.0.1:8090/cloud/t' }, local).apiBase).toBe('http://127.0.0.1:8090/cloud/t/rest');
	});

	it('refuses answers without a location and locations the token must not reach', () => {
		for (const body of [null, 'https://x', [], {}, { location: 42 }, { location: 'not a url' }]) {
			expect(errorOf(() => parseDiscoveryAnswer(body, discovery))).toMatchObject({ step: 'discovery', reason: 'bad-response' });
		}
		// http is refused unless discovery itself is plain http on loopback, and the location is loopback too
		expect(errorOf(() => parseDiscoveryAnswer({ location: 'http://eu-1.bigpicture.one/t' }, discovery)).message).toMatch(/not https/);
		expect(errorOf(() => parseDiscoveryAnswer({ location: 'http://127.0.0.1:8090/t' }, discovery)).message).toMatch(/not https/);
		expect(errorOf(() => parseDiscoveryAnswer({ location: 'http://evil.example/t' }, local)).message).toMatch(/not https/);
		expect(errorOf(() => parseDiscoveryAnswer({ location: 'ftp://127.0.0.1/t' }, local)).message).toMatch(/not https/);
		expect(errorOf(() => parseDiscoveryAnswer({ location: 'https://u:p@eu-1.bigpicture.one/t' }, discovery)).message).toMatch(/login, query or fragment/);
		expect(errorOf(() => parseDiscoveryAnswer({ location: 'https://eu-1.bigpicture.one/t?x=1' }, discovery)).message).toMatch(/login, query or fragment/);
	});

	it('the token goes only to the discovery origin and the location origin', () => {
		const where = parseDiscoveryAnswer({ location: 'https://eu-1.bigpicture.one/tenant-a' }, discovery);
		expect(mayReceiveToken(discovery, discovery)).toBe(true);
		expect(mayReceiveToken('https://eu-1.bigpicture.one/tenant-a/rest/public/ppm/box/box-hierarchy', discovery, where)).toBe(true);
		expect(mayReceiveToken('https://eu-1.bigpicture.one/tenant-a/rest/x', discovery)).toBe(false);
		expect(mayReceiveToken('https://eu-1.bigpicture.one:8443/x', discovery, where)).toBe(false);
		expect(mayReceiveToken('http://eu-1.bigpicture.one/x', discovery, where)).toBe(false);
		expect(mayReceiveToken('https://evil.example/x', discovery, where)).toBe(false);
		expect(mayReceiveToken('not a url', discovery, where)).toBe(false);
	});

	it('loopback hosts', () => {
		for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '[::1]', '::1']) expect(isLoopbackHost(h)).toBe(true);
		for (const h of ['128.0.0.1', '127.0.0.1.evil.example', 'localhost.evil.example', '0.0.0.0', '[::2]']) expect(isLoopbackHost(h)).toBe(false);
	});
});
