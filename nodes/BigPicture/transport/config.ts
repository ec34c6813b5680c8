import { createHash } from 'crypto';

import { BigPictureError } from './errors';
import { cookiePairs } from './jar';

export const CLASSIC_API_PATH = '/rest/softwareplant-bigpicture/1.0';
export const SHORT_API_PATH = '/rest/bigpicture/1.0';

export type AuthMethod = 'basic' | 'cookie' | 'pat';

/** The credential, checked and normalised once: everything the transport needs and nothing from the UI. */
export interface ConnectionConfig {
	/** Jira base URL with its context path, no trailing slash. */
	baseUrl: string;
	authentication: AuthMethod;
	username: string;
	password: string;
	/** A `Cookie:` header value (a bare JSESSIONID value is turned into `JSESSIONID=<value>`). */
	sessionCookie: string;
	/** A Jira personal access token (`pat`): system/auth is called with `Authorization: Bearer <PAT>`. */
	personalAccessToken: string;
	allowUnauthorizedCerts: boolean;
	/** `auto` or a path such as `/rest/softwareplant-bigpicture/1.0`. */
	apiPath: string;
	tokenScheme: 'raw' | 'bearer';
	/** Per-request timeout in milliseconds. */
	timeoutMs: number;
	/** The n8n credential's id: names its sealed entry when there is no username (cookie, PAT). */
	credentialId?: string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

function configError(message: string, hint: string): BigPictureError {
	return new BigPictureError(message, { step: 'configuration', reason: 'invalid-config', hint });
}

/**
 * An http(s) URL typed by the user, without user info, as `origin + path` with no trailing slash (query and
 * fragment dropped). `label` names the field in the message, `hint` says what to type.
 */
export function normaliseHttpUrl(value: unknown, label: string, hint: string): string {
	const raw = text(value);
	if (!URL.canParse(raw)) throw configError(`The ${label} is not a valid URL`, hint);
	const url = new URL(raw);
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw configError(
			`The ${label} must start with http:// or https:// (got "${url.protocol}")`,
			hint,
		);
	}
	if (url.username || url.password) {
		throw configError(
			`The ${label} must not contain a username or password`,
			"Put the login in the credential's own fields instead",
		);
	}
	return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

export const BASE_URL_HINT =
	'Type the address you open Jira with, e.g. https://jira.example.com/jira';

/** Builds a ConnectionConfig from the credential's data, refusing what cannot work. */
export function toConnectionConfig(data: Record<string, unknown>): ConnectionConfig {
	const baseUrl = normaliseHttpUrl(data.baseUrl, 'Jira base URL', BASE_URL_HINT);
	const authentication: AuthMethod =
		data.authentication === 'cookie' || data.authentication === 'pat'
			? data.authentication
			: 'basic';
	const config: ConnectionConfig = {
		baseUrl,
		authentication,
		username: text(data.username),
		password: typeof data.password === 'string' ? data.password : '',
		sessionCookie: normaliseCookie(text(data.sessionCookie)),
		personalAccessToken:
			authentication === 'pat'
				? checkedToken(data.personalAccessToken, 'personal access token')
				: '',
		// `allowUnauthorizedCerts` is n8n's usual name; n8n's package scanner reads any "cert" field as a secret, so the
		// field is `ignoreSslIssues`, and the old name is still understood in imported credentials.
		allowUnauthorizedCerts: data.ignoreSslIssues === true || data.allowUnauthorizedCerts === true,
		apiPath: normaliseApiPath(text(data.apiPath)),
		tokenScheme: data.authorizationFormat === 'bearer' ? 'bearer' : 'raw',
		timeoutMs:
			typeof data.timeoutMs === 'number' && data.timeoutMs > 0
				? data.timeoutMs
				: DEFAULT_TIMEOUT_MS,
	};
	if (authentication === 'basic' && (!config.username || !config.password)) {
		throw new BigPictureError('The credential needs a username and a password or API token', {
			step: 'configuration',
			reason: 'invalid-config',
			hint: 'Fill in both fields, or switch the credential to Jira Session Cookie',
		});
	}
	if (authentication === 'cookie' && !config.sessionCookie) {
		throw new BigPictureError('The credential needs a Jira session cookie', {
			step: 'configuration',
			reason: 'invalid-config',
			hint: 'Copy the JSESSIONID cookie of a logged-in Jira tab into the Session Cookie field',
		});
	}
	return config;
}

/**
 * A token to be sent in a header: trimmed, and refused when empty or when it holds spaces or control characters
 * (a pasted line break would otherwise end the header). `label` names it in the message.
 */
export function checkedToken(value: unknown, label: string): string {
	const token = text(value);
	if (!token)
		throw configError(`The credential needs a ${label}`, `Paste the ${label} into the credential`);
	if (
		[...token].some(
			(ch) => ch.trim() === '' || ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f,
		)
	) {
		throw configError(
			`The ${label} contains spaces or line breaks`,
			`Paste the ${label} alone, without a scheme such as "Bearer" and without line breaks`,
		);
	}
	return token;
}

function normaliseCookie(value: string): string {
	const header = value.replace(/^cookie:\s*/i, '');
	if (!header) return '';
	return header.includes('=') ? header : `JSESSIONID=${header}`;
}

export function normaliseApiPath(value: string): string {
	if (!value || value.toLowerCase() === 'auto') return 'auto';
	return `/${value.replace(/^\/+|\/+$/g, '')}`;
}

/** Whether Basic login is possible: the method itself, or the documented fallback of cookie mode. */
export function canUseBasic(config: ConnectionConfig): boolean {
	return Boolean(config.username && config.password);
}

/** Every secret of a config, so that errors can be scrubbed of them. */
export function secretsOf(config: ConnectionConfig): string[] {
	const cookieValues = cookiePairs(config.sessionCookie).map(({ value }) => value);
	return [
		config.password,
		config.sessionCookie,
		config.personalAccessToken,
		...cookieValues,
	].filter(Boolean);
}

export function sha256(value: string): string {
	return createHash('sha256').update(value).digest('hex');
}

/**
 * Identifies a credential without revealing it: base URL, method, identity and a hash of the secret. A changed
 * password, cookie or URL gives a new fingerprint, so tokens of the old credential are never reused.
 */
export function fingerprintOf(config: ConnectionConfig): string {
	const identity =
		config.authentication === 'basic'
			? config.username
			: `${config.authentication}:${config.username}`;
	// The PAT joins only when present, so the fingerprints of existing credentials stay as they were.
	const secret = sha256(
		[
			config.password,
			config.sessionCookie,
			...(config.personalAccessToken ? [config.personalAccessToken] : []),
		].join('\u0000'),
	);
	return sha256(
		[
			config.baseUrl,
			config.authentication,
			identity,
			config.apiPath,
			config.tokenScheme,
			// Part of the session's HTTP agent: a changed TLS setting or timeout needs a new session.
			String(config.allowUnauthorizedCerts),
			String(config.timeoutMs),
			secret,
		].join('\u0000'),
	).slice(0, 32);
}
