import axios, { type AxiosInstance } from 'axios';
import * as http from 'http';
import * as https from 'https';
import { CookieJar } from 'tough-cookie';

import type { ConnectionConfig } from './config';
import { BigPictureError, redact, type Step } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
	method: HttpMethod;
	/** Path relative to the Jira base URL, starting with `/`. */
	path: string;
	query?: Record<string, string | number | boolean | undefined>;
	headers?: Record<string, string>;
	body?: unknown;
	step: Step;
	/** Overrides the credential's timeout for this request. */
	timeoutMs?: number;
	/**
	 * The part of Jira the request must stay in, relative to the base URL (e.g. the BigPicture API path). However
	 * the path is spelt (`..`, `%2e%2e`), the resolved URL must lie under it; default: the base URL itself.
	 */
	scope?: string;
}

export interface HttpResponse {
	status: number;
	headers: Record<string, string>;
	text: string;
}

/** Bodies beyond this size are refused rather than held in memory. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|EPROTO|SSL/i;

/**
 * HTTP to one Jira: axios for the wire, a tough-cookie jar for every cookie Jira sets (JSESSIONID, balancer
 * affinity, rotations). Requests only ever go to the credential's own origin, and redirects are never followed,
 * so no token or cookie can leave for another host.
 */
export class HttpClient {
	readonly jar: CookieJar;

	private readonly axios: AxiosInstance;

	private readonly origin: string;

	/** The base URL's path (Jira's context path), no trailing slash: every request stays below it. */
	private readonly basePath: string;

	constructor(
		private readonly config: ConnectionConfig,
		jar?: CookieJar,
	) {
		this.jar = jar ?? new CookieJar();
		this.origin = new URL(config.baseUrl).origin;
		this.basePath = new URL(config.baseUrl).pathname.replace(/\/+$/, '');
		const agentOptions = { keepAlive: true, maxSockets: 64 };
		this.axios = axios.create({
			timeout: config.timeoutMs,
			maxRedirects: 0,
			maxContentLength: MAX_BODY_BYTES,
			maxBodyLength: MAX_BODY_BYTES,
			responseType: 'text',
			transformResponse: [(data: unknown) => data],
			validateStatus: () => true,
			httpAgent: new http.Agent(agentOptions),
			httpsAgent: new https.Agent({
				...agentOptions,
				rejectUnauthorized: !config.allowUnauthorizedCerts,
			}),
		});
	}

	/**
	 * Puts the cookies of a `Cookie:` header (copied from a browser) into the jar for the Jira host, on Jira's context
	 * path: that is where Jira sets JSESSIONID, so a session Jira rotates later replaces the pasted one.
	 */
	async seedCookies(cookieHeader: string): Promise<void> {
		const path = new URL(this.config.baseUrl).pathname || '/';
		for (const pair of cookieHeader.split(';')) {
			const trimmed = pair.trim();
			if (!trimmed.includes('=')) continue;
			await this.jar.setCookie(`${trimmed}; Path=${path}`, this.config.baseUrl, {
				ignoreError: true,
			});
		}
	}

	/**
	 * Refuses a URL that is not the credential's: a path not starting with "/" could turn the base URL's host into
	 * userinfo ("@other.host"). Also refuses system/auth and system/reauth to anything but the login's own steps:
	 * their answers are tokens, which must never become an operation's output.
	 */
	private checkTarget(url: string, request: HttpRequest): void {
		const where = `${request.method} ${request.path.split('?')[0]}`;
		const parsed = request.path.startsWith('/') && URL.canParse(url) ? new URL(url) : undefined;
		const scope = `${this.basePath}${request.scope ?? ''}/`;
		if (
			!parsed ||
			parsed.origin !== this.origin ||
			parsed.username ||
			parsed.password ||
			!parsed.pathname.startsWith(scope)
		) {
			throw new BigPictureError(`Refused to send ${where} outside the Jira base URL`, {
				step: request.step,
				reason: 'invalid-config',
				hint: "The login is only ever sent to the credential's Jira: use a path relative to it",
			});
		}
		if (request.step === 'request' && isLoginEndpoint(parsed.pathname)) {
			throw new BigPictureError(`Refused to call ${where}: it is the login's own endpoint`, {
				step: request.step,
				reason: 'invalid-config',
				hint: 'The node logs in by itself; system/auth and system/reauth answer tokens, which are never put in the output',
			});
		}
	}

	async hasCookies(): Promise<boolean> {
		return (await this.jar.getCookieString(this.config.baseUrl + '/')).length > 0;
	}

	async send(request: HttpRequest): Promise<HttpResponse> {
		const url = this.config.baseUrl + request.path;
		this.checkTarget(url, request);
		const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
		const cookie = await this.jar.getCookieString(url);
		if (cookie) headers.Cookie = cookie;
		if (request.body !== undefined) headers['Content-Type'] = 'application/json';
		let response;
		try {
			response = await this.axios.request<string>({
				method: request.method,
				url,
				timeout: request.timeoutMs ?? this.config.timeoutMs,
				params: request.query,
				headers,
				data: request.body === undefined ? undefined : JSON.stringify(request.body),
			});
		} catch (error) {
			throw networkError(error as NodeJS.ErrnoException, request);
		}
		const responseHeaders: Record<string, string> = {};
		for (const [name, value] of Object.entries(response.headers ?? {})) {
			if (name === 'set-cookie' && Array.isArray(value)) {
				for (const setCookie of value)
					await this.jar.setCookie(setCookie, url, { ignoreError: true });
			} else if (value !== undefined && value !== null) {
				responseHeaders[name.toLowerCase()] = String(value);
			}
		}
		let text = typeof response.data === 'string' ? response.data : '';
		if (response.status < 200 || response.status >= 300) {
			// An error page may echo the request: never let what was sent (token, Basic, Jira's cookies) into an error.
			text = redact(text, sentSecrets(headers));
		}
		return { status: response.status, headers: responseHeaders, text };
	}
}

/** Said of a request that is never repeated (POST, PATCH) when its fate is unknown. */
const MAY_HAVE_HAPPENED =
	'The request may have been processed, so it was not sent again: check in BigPicture before running it again';

/** The secret values among the headers of a request: the Authorization value (and its token), every cookie value. */
function sentSecrets(headers: Record<string, string>): string[] {
	const values: string[] = [];
	const header = (name: string) =>
		Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1] ?? '';
	const authorization = header('authorization');
	if (authorization) values.push(authorization, authorization.replace(/^\S+\s+/, ''));
	for (const pair of header('cookie').split(';')) {
		const value = pair.slice(pair.indexOf('=') + 1).trim();
		if (pair.includes('=') && value) values.push(value);
	}
	// Longest first, so that a value containing another is replaced whole.
	return values.sort((a, b) => b.length - a.length);
}

/**
 * system/auth and system/reauth of any app key, however the path is spelt (dot segments, doubled or trailing
 * slashes, escapes, `;` path parameters, which Tomcat strips before routing).
 */
function isLoginEndpoint(pathname: string): boolean {
	const path = decodeURIComponentSafe(pathname)
		.replace(/;[^/]*/g, '')
		.replace(/\/{2,}/g, '/')
		.replace(/\/+$/, '');
	return /\/system\/(re)?auth$/i.test(path);
}

function decodeURIComponentSafe(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

function networkError(
	error: NodeJS.ErrnoException & { code?: string; request?: { res?: { statusCode?: number } } },
	request: HttpRequest,
): BigPictureError {
	const code = error.code ?? '';
	const message = error.message ?? '';
	const where = `${request.method} ${request.path.split('?')[0]}`;
	const idempotent = request.method !== 'POST' && request.method !== 'PATCH';
	if (code === 'ERR_FR_MAX_CONTENT_LENGTH_EXCEEDED' || /maxContentLength/i.test(message)) {
		// The status line had arrived before the body grew too large.
		const status = error.request?.res?.statusCode;
		return new BigPictureError(
			`The answer to ${where} was larger than ${MAX_BODY_BYTES / 1024 / 1024} MB${status ? ` (HTTP ${status})` : ''}`,
			{
				step: request.step,
				reason: 'bad-response',
				status,
				request: where,
				hint: 'Narrow the request (a smaller box subtree, a lower limit)',
			},
		);
	}
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(message)) {
		return new BigPictureError(`Jira did not answer ${where} in time`, {
			step: request.step,
			reason: 'timeout',
			request: where,
			hint: idempotent
				? 'Check that Jira is up, or raise the Timeout option'
				: `Check that Jira is up, or raise the Timeout option. ${MAY_HAVE_HAPPENED}`,
		});
	}
	if (TLS_CODES.test(code) || TLS_CODES.test(message)) {
		return new BigPictureError(
			`The TLS connection to Jira failed (${code || 'certificate error'})`,
			{
				step: request.step,
				reason: 'tls',
				request: where,
				hint: 'For a self-signed certificate, turn on "Ignore SSL Issues" in the credential',
			},
		);
	}
	if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(message)) {
		return new BigPictureError(`The connection was closed before Jira answered ${where}`, {
			step: request.step,
			reason: 'connection-reset',
			request: where,
			hint: idempotent
				? 'A proxy or Jira dropped the connection; try again later'
				: `A proxy or Jira dropped the connection. ${MAY_HAVE_HAPPENED}`,
		});
	}
	return new BigPictureError(`Jira cannot be reached (${code || 'network error'})`, {
		step: request.step,
		reason: 'unreachable',
		request: where,
		hint: 'Check the Jira base URL, and that n8n can reach that host',
	});
}
