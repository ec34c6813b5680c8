import axios, { type AxiosInstance } from 'axios';
import * as http from 'http';
import * as https from 'https';
import { CookieJar } from 'tough-cookie';

import type { ConnectionConfig } from './config';
import { BigPictureError, redact, type ErrorReason, type Step } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
	method: HttpMethod;
	/** Path relative to the Jira base URL, starting with `/`. */
	path: string;
	query?: Record<string, string | number | boolean | undefined>;
	headers?: Record<string, string>;
	body?: unknown;
	step: Step;
	/** Overrides the credential's timeout for this request: a deadline for the whole answer, body included. */
	timeoutMs?: number;
	/** Cancels the request from outside (e.g. the execution's signal); the deadline is added to it. */
	signal?: AbortSignal;
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

/**
 * A failure on the wire, told by codes whichever HTTP library reported it (axios here; n8n's request helper can
 * map its errors the same way), so that no decision depends on the wording of a message.
 */
export interface WireFailure {
	/** Node's or the library's error code (ECONNRESET, ENOTFOUND, CERT_HAS_EXPIRED, …) or one of WIRE_CODES. */
	code: string;
	/** Set when the status line had arrived: what failed was the body. */
	status?: number;
	/** The host asked, for the message of a name that did not resolve. */
	host?: string;
}

/** Codes for failures that libraries report with a shared code, or that only the caller can tell apart. */
export const WIRE_CODES = {
	deadline: 'ETIMEDOUT',
	cancelled: 'ERR_CANCELED',
	bodyTooLarge: 'ERR_BODY_TOO_LARGE',
} as const;

const TIMEOUT_CODES: ReadonlySet<string> = new Set([
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
]);
const CANCEL_CODES: ReadonlySet<string> = new Set(['ERR_CANCELED', 'ABORT_ERR']);
const DNS_CODES: ReadonlySet<string> = new Set([
	'ENOTFOUND',
	'EAI_AGAIN',
	'EAI_NONAME',
	'EAI_FAIL',
	'EAI_NODATA',
]);
const RESET_CODES: ReadonlySet<string> = new Set([
	'ECONNRESET',
	'EPIPE',
	'ERR_STREAM_PREMATURE_CLOSE',
]);
/** Certificate verification failures (OpenSSL's names, as Node reports them): "Ignore SSL Issues" is the way out. */
const CERT_CODE =
	/CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY|DECRYPT)|^HOSTNAME_MISMATCH$|^INVALID_CA$/;
/** Handshakes that fail before any certificate, typically https spoken to a plain http port. */
const TLS_PROTOCOL_CODE = /^(EPROTO|ERR_SSL_\w+|ERR_TLS_\w+)$/;

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
		// A deadline for the whole answer: axios's own timeout stops counting once the headers are in, so a body
		// trickling in byte by byte would hold the request open for ever.
		const deadline = AbortSignal.timeout(request.timeoutMs ?? this.config.timeoutMs);
		let response;
		try {
			response = await this.axios.request<string>({
				method: request.method,
				url,
				signal: request.signal ? AbortSignal.any([deadline, request.signal]) : deadline,
				params: request.query,
				headers,
				data: request.body === undefined ? undefined : JSON.stringify(request.body),
			});
		} catch (error) {
			throw classifyNetworkError(
				axiosFailure(error as AxiosFailure, deadline, request.signal, url),
				request,
			);
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

/** Suffixes Jira's REST layer strips from the last segment before routing: `system/auth.json` is system/auth. */
const REST_SUFFIX = /\.(json|xml|txt|html?|atom)$/i;

/**
 * system/auth and system/reauth of any app key, however the path is spelt so that Tomcat, Jersey and Jira's REST
 * layer still route it there: escapes (even doubled), `;` path parameters (Tomcat strips them), dot segments,
 * doubled or trailing slashes, any case, one or more media-type suffixes. Errs on the side of refusing.
 */
export function isLoginEndpoint(pathname: string): boolean {
	let path = pathname;
	for (let previous = ''; previous !== path; ) {
		previous = path;
		path = decodeURIComponentSafe(path);
	}
	const segments: string[] = [];
	for (const raw of path.split(/[?#]/)[0].split(/[/\\]/)) {
		const segment = raw.replace(/;.*$/, '');
		if (segment === '..') segments.pop();
		else if (segment !== '' && segment !== '.') segments.push(segment);
	}
	let last = segments[segments.length - 1] ?? '';
	while (REST_SUFFIX.test(last)) last = last.replace(REST_SUFFIX, '');
	return /^system$/i.test(segments[segments.length - 2] ?? '') && /^(re)?auth$/i.test(last);
}

function decodeURIComponentSafe(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

type AxiosFailure = Error & {
	code?: string;
	response?: { status?: number };
	request?: { res?: { statusCode?: number } };
};

/**
 * What axios reports, as codes. Which signal fired decides between a timeout and a cancel, not what axios made of
 * it; axios also gives a body over maxContentLength and a body cut off the same code (ERR_BAD_RESPONSE), but
 * attaches the response only to the cut-off one.
 */
function axiosFailure(
	error: AxiosFailure,
	deadline: AbortSignal,
	outside: AbortSignal | undefined,
	url: string,
): WireFailure {
	if (outside?.aborted) return { code: WIRE_CODES.cancelled };
	if (deadline.aborted) return { code: WIRE_CODES.deadline };
	if (error.code === 'ERR_BAD_RESPONSE' && !error.response)
		return { code: WIRE_CODES.bodyTooLarge, status: error.request?.res?.statusCode };
	return { code: error.code ?? '', status: error.response?.status, host: new URL(url).hostname };
}

/**
 * The error for a request that got no whole answer, from codes only (a host name or a message may contain "ssl",
 * "cert" or "timeout"). Names the step and the request, and for a POST or PATCH whose fate is unknown says it was
 * not sent again.
 */
export function classifyNetworkError(
	failure: WireFailure,
	request: Pick<HttpRequest, 'method' | 'path' | 'step'>,
): BigPictureError {
	const { code, status } = failure;
	const where = `${request.method} ${request.path.split('?')[0]}`;
	const idempotent = request.method !== 'POST' && request.method !== 'PATCH';
	const error = (message: string, reason: ErrorReason, hint?: string, withStatus?: number) =>
		new BigPictureError(message, {
			step: request.step,
			reason,
			status: withStatus,
			request: where,
			hint,
			code: code || undefined,
		});
	if (CANCEL_CODES.has(code)) return error(`${where} was cancelled`, 'cancelled');
	if (code === WIRE_CODES.bodyTooLarge) {
		return error(
			`The answer to ${where} was larger than ${MAX_BODY_BYTES / 1024 / 1024} MB${status ? ` (HTTP ${status})` : ''}`,
			'bad-response',
			'Narrow the request (a smaller box subtree, a lower limit)',
			status,
		);
	}
	if (TIMEOUT_CODES.has(code)) {
		return error(
			`Jira did not answer ${where} in time`,
			'timeout',
			idempotent
				? 'Check that Jira is up, or raise the Timeout option'
				: `Check that Jira is up, or raise the Timeout option. ${MAY_HAVE_HAPPENED}`,
		);
	}
	if (status !== undefined) {
		// The status line came, then the connection broke: the request reached Jira and was probably processed.
		return error(
			`Jira's answer to ${where} was cut off (HTTP ${status})`,
			'connection-reset',
			idempotent
				? 'A proxy or Jira dropped the connection; try again later'
				: `A proxy or Jira dropped the connection. ${MAY_HAVE_HAPPENED}`,
		);
	}
	if (CERT_CODE.test(code)) {
		return error(
			`The TLS connection to Jira failed (${code})`,
			'tls',
			'For a self-signed certificate, turn on "Ignore SSL Issues" in the credential',
		);
	}
	if (TLS_PROTOCOL_CODE.test(code)) {
		return error(
			`The TLS connection to Jira failed (${code})`,
			'tls',
			'Check that the base URL says http or https as Jira serves on that port',
		);
	}
	if (DNS_CODES.has(code)) {
		return error(
			`The Jira host name ${failure.host ? `${failure.host} ` : ''}could not be resolved (${code})`,
			'unreachable',
			'Check the Jira base URL, and that n8n can resolve that host name (DNS)',
		);
	}
	if (RESET_CODES.has(code)) {
		return error(
			`The connection was closed before Jira answered ${where}`,
			'connection-reset',
			idempotent
				? 'A proxy or Jira dropped the connection; try again later'
				: `A proxy or Jira dropped the connection. ${MAY_HAVE_HAPPENED}`,
		);
	}
	return error(
		`Jira cannot be reached (${code || 'network error'})`,
		'unreachable',
		'Check the Jira base URL, and that n8n can reach that host',
	);
}
