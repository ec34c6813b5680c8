import axios, { type AxiosInstance } from 'axios';
import * as http from 'http';
import * as https from 'https';
import { CookieJar } from 'tough-cookie';

import type { ConnectionConfig } from './config';
import { BigPictureError, type Step } from './errors';

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

	constructor(
		private readonly config: ConnectionConfig,
		jar?: CookieJar,
	) {
		this.jar = jar ?? new CookieJar();
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

	/** Puts the cookies of a `Cookie:` header (copied from a browser) into the jar for the Jira host. */
	async seedCookies(cookieHeader: string): Promise<void> {
		for (const pair of cookieHeader.split(';')) {
			const trimmed = pair.trim();
			if (!trimmed.includes('=')) continue;
			await this.jar.setCookie(`${trimmed}; Path=/`, this.config.baseUrl, { ignoreError: true });
		}
	}

	async hasCookies(): Promise<boolean> {
		return (await this.jar.getCookieString(this.config.baseUrl + '/')).length > 0;
	}

	async send(request: HttpRequest): Promise<HttpResponse> {
		const url = this.config.baseUrl + request.path;
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
		return {
			status: response.status,
			headers: responseHeaders,
			text: typeof response.data === 'string' ? response.data : '',
		};
	}
}

function networkError(
	error: NodeJS.ErrnoException & { code?: string },
	request: HttpRequest,
): BigPictureError {
	const code = error.code ?? '';
	const message = error.message ?? '';
	const where = `${request.method} ${request.path.split('?')[0]}`;
	if (code === 'ERR_FR_MAX_CONTENT_LENGTH_EXCEEDED' || /maxContentLength/i.test(message)) {
		return new BigPictureError(
			`The answer to ${where} was larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`,
			{
				step: request.step,
				reason: 'bad-response',
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
			hint: 'Check that Jira is up, or raise the Timeout option',
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
			hint: 'A proxy or Jira dropped the connection; try again later',
		});
	}
	return new BigPictureError(`Jira cannot be reached (${code || 'network error'})`, {
		step: request.step,
		reason: 'unreachable',
		request: where,
		hint: 'Check the Jira base URL, and that n8n can reach that host',
	});
}
