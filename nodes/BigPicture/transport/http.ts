import { CookieJar } from 'tough-cookie';

import type { ConnectionConfig } from './config';
import { BigPictureError, redact, type ErrorReason, type Step } from './errors';
import { cookiePairs } from './jar';
import type { HttpMethod, SendOne, WireResponse } from './wire';

export type { HttpMethod };

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
 * A failure on the wire, told by codes whichever HTTP library reported it, so that no decision depends on the
 * wording of a message.
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

/** A new, empty cookie jar. Made here so that the build bundles tough-cookie into this one file only. */
export function newCookieJar(): CookieJar {
	return new CookieJar();
}

/** Who a client talks to, as network errors name it: the server, and the field that holds its address. */
export interface ServerName {
	name: string;
	url: string;
}

export const JIRA: ServerName = { name: 'Jira', url: 'the Jira base URL' };

/**
 * HTTP to one Jira: a tough-cookie jar for every cookie Jira sets (JSESSIONID, balancer affinity, rotations), and
 * the wire from outside (a SendOne per call, see wire.ts). Requests only ever go to the credential's own origin, and
 * redirects are never followed, so no token or cookie can leave for another host.
 */
export class HttpClient {
	readonly jar: CookieJar;

	/** Who answers here, for network errors: Jira unless a Cloud client says otherwise. */
	private readonly server: ServerName;

	private readonly origin: string;

	/** The base URL's path (Jira's context path), no trailing slash: every request stays below it. */
	private readonly basePath: string;

	constructor(
		// Only where requests go and how: the token ways (tokenSession.ts) build one without a Jira login.
		private readonly config: Pick<
			ConnectionConfig,
			'baseUrl' | 'timeoutMs' | 'allowUnauthorizedCerts'
		>,
		jar?: CookieJar,
		server: ServerName = JIRA,
	) {
		this.server = server;
		this.jar = jar ?? newCookieJar();
		this.origin = new URL(config.baseUrl).origin;
		this.basePath = new URL(config.baseUrl).pathname.replace(/\/+$/, '');
	}

	/**
	 * Puts the cookies of a `Cookie:` header (copied from a browser) into the jar for the Jira host, on Jira's context
	 * path: that is where Jira sets JSESSIONID, so a session Jira rotates later replaces the pasted one.
	 */
	async seedCookies(cookieHeader: string): Promise<void> {
		const path = new URL(this.config.baseUrl).pathname || '/';
		for (const { pair } of cookiePairs(cookieHeader)) {
			await this.jar.setCookie(`${pair}; Path=${path}`, this.config.baseUrl, {
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

	/** Sends one request over `wire` and reads its whole answer within the request's deadline. */
	async send(request: HttpRequest, wire: SendOne): Promise<HttpResponse> {
		const url = this.config.baseUrl + request.path;
		this.checkTarget(url, request);
		const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
		const cookie = await this.jar.getCookieString(url);
		if (cookie) headers.Cookie = cookie;
		if (request.body !== undefined) headers['Content-Type'] = 'application/json';
		const timeoutMs = request.timeoutMs ?? this.config.timeoutMs;
		// A deadline for the whole answer, body included: a library's timeout stops counting once the headers are in,
		// so a body trickling in byte by byte would hold the request open for ever.
		const deadline = AbortSignal.timeout(timeoutMs);
		const signal = request.signal ? AbortSignal.any([deadline, request.signal]) : deadline;
		const failed = (error: unknown, status?: number) =>
			classifyNetworkError(
				wireFailure(error, { deadline, outside: request.signal, url, status }),
				request,
				this.server,
			);
		if (signal.aborted) throw failed(undefined);
		let response: WireResponse;
		let text: string;
		try {
			response = await untilAborted(
				wire({
					method: request.method,
					url: withQuery(url, request.query),
					headers,
					body: request.body === undefined ? undefined : JSON.stringify(request.body),
					timeoutMs,
					signal,
					rejectUnauthorized: !this.config.allowUnauthorizedCerts,
				}),
				signal,
			);
		} catch (error) {
			throw failed(error);
		}
		try {
			text = await readBody(response.body, signal);
		} catch (error) {
			throw failed(error, response.status);
		}
		const responseHeaders: Record<string, string> = {};
		for (const [key, value] of Object.entries(response.headers ?? {})) {
			const name = key.toLowerCase();
			if (name === 'set-cookie') {
				for (const setCookie of [value].flat())
					await this.jar.setCookie(String(setCookie), url, { ignoreError: true });
			} else if (value !== undefined && value !== null) {
				responseHeaders[name] = String(value);
			}
		}
		if (response.status < 200 || response.status >= 300) {
			// An error page may echo the request: never let what was sent (token, Basic, Jira's cookies) into an error.
			text = redact(text, sentSecrets(headers));
		}
		return { status: response.status, headers: responseHeaders, text };
	}
}

/** The URL with the query's defined values, as a form-encoded query string. */
function withQuery(url: string, query: HttpRequest['query']): string {
	const params = new URLSearchParams();
	for (const [name, value] of Object.entries(query ?? {})) {
		if (value !== undefined) params.append(name, String(value));
	}
	const search = params.toString();
	return search ? `${url}${url.includes('?') ? '&' : '?'}${search}` : url;
}

/** Stops waiting when the signal fires, even for a wire that cannot be cancelled (n8n's legacy request helper). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const abort = () => reject(signal.reason);
		signal.addEventListener('abort', abort, { once: true });
		promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
	});
}

/** A failure of the body itself, with the code classifyNetworkError knows. */
class BodyTooLarge extends Error {
	readonly code = WIRE_CODES.bodyTooLarge;
}

/**
 * The body as text. A stream is read chunk by chunk and dropped as soon as it passes MAX_BODY_BYTES or the signal
 * fires, so neither a huge nor an endless answer is held in memory; decoded once at the end, so that no character
 * is split between chunks.
 */
async function readBody(body: WireResponse['body'], signal: AbortSignal): Promise<string> {
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') {
		if (Buffer.byteLength(body) > MAX_BODY_BYTES) throw new BodyTooLarge();
		return body;
	}
	if (body instanceof Uint8Array) {
		if (body.byteLength > MAX_BODY_BYTES) throw new BodyTooLarge();
		return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
	}
	const stream = body as AsyncIterable<Uint8Array | string> & { destroy?: (error?: Error) => void };
	const stop = () => stream.destroy?.();
	signal.addEventListener('abort', stop, { once: true });
	try {
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of stream) {
			const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
			size += bytes.byteLength;
			if (size > MAX_BODY_BYTES) {
				stream.destroy?.();
				throw new BodyTooLarge();
			}
			chunks.push(bytes);
		}
		if (signal.aborted) throw signal.reason;
		return Buffer.concat(chunks).toString('utf8');
	} finally {
		signal.removeEventListener('abort', stop);
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
	for (const { value } of cookiePairs(header('cookie'))) if (value) values.push(value);
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

/** The first string `code` on an error or along its causes (n8n wraps some errors, e.g. TLS ones). */
function codeOf(error: unknown): string {
	for (let current = error, depth = 0; current && depth < 5; depth++) {
		const { code, cause } = current as { code?: unknown; cause?: unknown };
		if (typeof code === 'string' && code) return code;
		current = cause;
	}
	return '';
}

/**
 * What a wire reported, as codes. Which signal fired decides between a timeout and a cancel, not what the library
 * made of it; `status` is set when the failure came while the body was read.
 */
function wireFailure(
	error: unknown,
	seen: { deadline: AbortSignal; outside?: AbortSignal; url: string; status?: number },
): WireFailure {
	if (seen.outside?.aborted) return { code: WIRE_CODES.cancelled };
	if (seen.deadline.aborted) return { code: WIRE_CODES.deadline };
	const code = codeOf(error);
	if (code === WIRE_CODES.bodyTooLarge) return { code, status: seen.status };
	return { code, status: seen.status, host: new URL(seen.url).hostname };
}

/**
 * The error for a request that got no whole answer, from codes only (a host name or a message may contain "ssl",
 * "cert" or "timeout"). Names the step and the request, and for a POST or PATCH whose fate is unknown says it was
 * not sent again.
 */
export function classifyNetworkError(
	failure: WireFailure,
	request: Pick<HttpRequest, 'method' | 'path' | 'step'>,
	server: ServerName = JIRA,
): BigPictureError {
	const { code, status } = failure;
	const { name, url } = server;
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
			`${name} did not answer ${where} in time`,
			'timeout',
			idempotent
				? `Check that ${name} is up, or raise the Timeout option`
				: `Check that ${name} is up, or raise the Timeout option. ${MAY_HAVE_HAPPENED}`,
		);
	}
	if (status !== undefined) {
		// The status line came, then the connection broke: the request reached Jira and was probably processed.
		return error(
			`${name}'s answer to ${where} was cut off (HTTP ${status})`,
			'connection-reset',
			idempotent
				? `A proxy or ${name} dropped the connection; try again later`
				: `A proxy or ${name} dropped the connection. ${MAY_HAVE_HAPPENED}`,
		);
	}
	if (CERT_CODE.test(code)) {
		return error(
			`The TLS connection to ${name} failed (${code})`,
			'tls',
			'For a self-signed certificate, turn on "Ignore SSL Issues" in the credential',
		);
	}
	if (TLS_PROTOCOL_CODE.test(code)) {
		return error(
			`The TLS connection to ${name} failed (${code})`,
			'tls',
			`Check that ${url} says http or https as ${name} serves on that port`,
		);
	}
	if (DNS_CODES.has(code)) {
		return error(
			`The ${name} host name ${failure.host ? `${failure.host} ` : ''}could not be resolved (${code})`,
			'unreachable',
			`Check ${url}, and that n8n can resolve that host name (DNS)`,
		);
	}
	if (RESET_CODES.has(code)) {
		return error(
			`The connection was closed before ${name} answered ${where}`,
			'connection-reset',
			idempotent
				? `A proxy or ${name} dropped the connection; try again later`
				: `A proxy or ${name} dropped the connection. ${MAY_HAVE_HAPPENED}`,
		);
	}
	return error(
		`${name} cannot be reached (${code || 'network error'})`,
		'unreachable',
		`Check ${url}, and that n8n can reach that host`,
	);
}
