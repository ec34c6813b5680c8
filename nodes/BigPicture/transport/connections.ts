import {
	BASE_URL_HINT,
	DEFAULT_TIMEOUT_MS,
	checkedToken,
	normaliseApiPath,
	normaliseHttpUrl,
	sha256,
	text,
	toConnectionConfig,
	type ConnectionConfig,
} from './config';
import { BigPictureError } from './errors';
import { isLoopbackHost } from './discovery';
import { ownerOf } from './tokenStore';

/**
 * The three ways in (issue 11), each credential checked and normalised once: `jiraLogin` (bigPictureApi: password,
 * cookie or Jira PAT, then the JWT flow), `apiToken` (bigPictureTokenApi: a BigPicture API token on Data Center, no
 * system/auth) and `cloud` (bigPictureCloudApi: a BigPicture Cloud token, the API found by discovery).
 */
export type WayIn = 'jiraLogin' | 'apiToken' | 'cloud';

export type TokenScheme = 'bearer' | 'apiToken';

export interface TokenConnectionConfig {
	way: 'apiToken';
	/** Jira base URL with its context path, no trailing slash. */
	baseUrl: string;
	apiToken: string;
	tokenScheme: TokenScheme;
	/** Jira personal access token for Jira's own REST API; '' = none (those calls say they need it). */
	jiraToken: string;
	allowUnauthorizedCerts: boolean;
	/** `auto` (short key first, then the classic one) or a path such as `/rest/bigpicture/1.0`. */
	apiPath: string;
	timeoutMs: number;
}

/** Jira Cloud's Basic auth with an Atlassian account email and API token. */
export interface JiraCloudLogin {
	siteUrl: string;
	email: string;
	apiToken: string;
}

export interface CloudConnectionConfig {
	way: 'cloud';
	apiToken: string;
	tokenScheme: TokenScheme;
	discoveryUrl: string;
	/** Absent when the credential has no Jira site: Jira-side operations then say they need one. */
	jira?: JiraCloudLogin;
	timeoutMs: number;
	/** The n8n credential's id: names its sealed entry when there is no Jira email. */
	credentialId?: string;
}

export type JiraLoginConnection = { way: 'jiraLogin'; config: ConnectionConfig };
export type Connection =
	| JiraLoginConnection
	| { way: 'apiToken'; config: TokenConnectionConfig }
	| { way: 'cloud'; config: CloudConnectionConfig };

export const DEFAULT_DISCOVERY_URL =
	'https://cloud.bigpicture.one/cloudmanager/bigpicture/where-am-i';

/** The credential type of each way in (the node's `authentication` parameter picks one). */
export const CREDENTIAL_TYPES: Readonly<Record<WayIn, string>> = {
	jiraLogin: 'bigPictureApi',
	apiToken: 'bigPictureTokenApi',
	cloud: 'bigPictureCloudApi',
};

function configError(message: string, hint: string): BigPictureError {
	return new BigPictureError(message, { step: 'configuration', reason: 'invalid-config', hint });
}

function timeoutOf(data: Record<string, unknown>): number {
	return typeof data.timeoutMs === 'number' && data.timeoutMs > 0
		? data.timeoutMs
		: DEFAULT_TIMEOUT_MS;
}

/** The credential's `authorizationScheme` field. */
function schemeOf(data: Record<string, unknown>): TokenScheme {
	return data.authorizationScheme === 'apiToken' ? 'apiToken' : 'bearer';
}

/** The Authorization header value of a BigPicture API token. */
export function authorizationHeader(scheme: TokenScheme, token: string): string {
	return `${scheme === 'apiToken' ? 'APIToken' : 'Bearer'} ${token}`;
}

/**
 * A URL that will receive a secret and must be https: plain http only on a loopback host (the simulator, a local
 * tunnel), where nothing crosses a network.
 */
function secureUrl(value: unknown, label: string, hint: string): string {
	const url = normaliseHttpUrl(value, label, hint);
	const { protocol, hostname } = new URL(url);
	if (protocol !== 'https:' && !isLoopbackHost(hostname)) {
		throw configError(`The ${label} must start with https://`, hint);
	}
	return url;
}

export function toTokenConfig(data: Record<string, unknown>): TokenConnectionConfig {
	const baseUrl = normaliseHttpUrl(data.baseUrl, 'Jira base URL', BASE_URL_HINT);
	const jiraToken = text(data.jiraToken)
		? checkedToken(data.jiraToken, 'Jira personal access token')
		: '';
	return {
		way: 'apiToken',
		baseUrl,
		apiToken: checkedToken(data.apiToken, 'BigPicture API token'),
		tokenScheme: schemeOf(data),
		jiraToken,
		allowUnauthorizedCerts: data.ignoreSslIssues === true,
		apiPath: normaliseApiPath(text(data.apiPath)),
		timeoutMs: timeoutOf(data),
	};
}

export function toCloudConfig(data: Record<string, unknown>): CloudConnectionConfig {
	const discoveryUrl = secureUrl(
		text(data.discoveryUrl) || DEFAULT_DISCOVERY_URL,
		'discovery URL',
		`Leave it at ${DEFAULT_DISCOVERY_URL} unless your BigPicture Cloud is a private deployment`,
	);
	const config: CloudConnectionConfig = {
		way: 'cloud',
		apiToken: checkedToken(data.apiToken, 'BigPicture API token'),
		tokenScheme: schemeOf(data),
		discoveryUrl,
		timeoutMs: timeoutOf(data),
	};
	const site = text(data.jiraSiteUrl);
	const email = text(data.jiraEmail);
	const jiraToken = text(data.jiraApiToken);
	if (site || email || jiraToken) {
		const hint =
			'For Jira-side operations fill in all three: the site (https://your-domain.atlassian.net), the Atlassian account email and an API token; or leave all three empty';
		if (!site || !email || !jiraToken)
			throw configError('The Jira site URL, email and API token go together', hint);
		if (!/^[^\s@]+@[^\s@]+$/.test(email))
			throw configError('The Jira email is not an email address', hint);
		config.jira = {
			siteUrl: secureUrl(site, 'Jira site URL', hint),
			email,
			apiToken: checkedToken(jiraToken, 'Jira API token'),
		};
	}
	return config;
}

/** Checks the credential of a way in; `credentialId` is n8n's id of it (names its sealed entry when needed). */
export function toConnection(
	way: WayIn,
	data: Record<string, unknown>,
	credentialId?: string,
): Connection {
	if (way === 'apiToken') return { way, config: toTokenConfig(data) };
	if (way === 'cloud') return { way, config: { ...toCloudConfig(data), credentialId } };
	return { way: 'jiraLogin', config: { ...toConnectionConfig(data), credentialId } };
}

/** Every secret of a token or Cloud config, for redaction (jiraLogin: config.ts's `secretsOf`). */
export function tokenSecretsOf(config: TokenConnectionConfig | CloudConnectionConfig): string[] {
	const secrets =
		config.way === 'apiToken'
			? [config.apiToken, config.jiraToken]
			: [config.apiToken, config.jira?.apiToken ?? ''];
	return secrets.filter(Boolean);
}

/**
 * Names the credential without its secrets (for the sealed static-data entry, as tokenStore's identity does):
 * where it points and who uses it. Tokens are not identities: two tokens for the same place share the name and
 * are told apart by the seal, which only the right token opens.
 */
export function identityOf(config: TokenConnectionConfig | CloudConnectionConfig): string {
	const parts =
		config.way === 'apiToken'
			? ['n8n-nodes-bigpicture', 'apiToken', config.baseUrl, config.apiPath]
			: [
					'n8n-nodes-bigpicture',
					'cloud',
					config.discoveryUrl,
					config.jira?.siteUrl ?? '',
					config.jira?.email ?? '',
					...ownerOf(config.jira?.email, config.credentialId),
				];
	return parts.join('\u0000');
}

/**
 * Identifies the credential for the in-memory session cache: everything that shapes requests, and a hash of the
 * secrets, so a changed token or setting gives a new session.
 */
export function tokenFingerprintOf(config: TokenConnectionConfig | CloudConnectionConfig): string {
	// Part of the session's HTTP agent: a changed TLS setting needs a new session.
	const settings = config.way === 'apiToken' ? [String(config.allowUnauthorizedCerts)] : [];
	return sha256(
		[
			identityOf(config),
			config.tokenScheme,
			String(config.timeoutMs),
			...settings,
			sha256(tokenSecretsOf(config).join('\u0000')),
		].join('\u0000'),
	).slice(0, 32);
}
