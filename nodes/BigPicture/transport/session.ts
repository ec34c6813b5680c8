import {
	CLASSIC_API_PATH,
	SHORT_API_PATH,
	canUseBasic,
	secretsOf,
	type ConnectionConfig,
} from './config';
import { BigPictureError } from './errors';
import { HttpClient, type HttpMethod, type HttpRequest, type HttpResponse } from './http';
import { jwtExpiry } from './jwt';
import { describeRequest, errorFromResponse, loginFailure, parseJson, tryJson } from './responses';
import { DEFAULT_RETRY_POLICY, withRetries, type RetryPolicy } from './retry';
import type { SessionSnapshot } from './tokenStore';

export interface ApiRequest {
	method: HttpMethod;
	/** Path relative to the BigPicture API base (`public/ppm/box/box-hierarchy`), or to Jira's base with `api: 'jira'`. */
	path: string;
	query?: Record<string, string | number | boolean | undefined>;
	body?: unknown;
	/** `bigpicture` (JWT + cookies, the default) or `jira` (Jira's own REST API, cookies only). */
	api?: 'bigpicture' | 'jira';
	timeoutMs?: number;
}

interface Tokens {
	authentication: string;
	refresh: string;
	/** Epoch ms at which each token should be renewed (shortly before its `exp`). */
	authRenewAt: number;
	refreshRenewAt: number;
}

/** Which renewal a caller ran: a login, a reauth, or none (someone else renewed, or nothing was due). */
type Renewal = 'login' | 'reauth' | 'none';

/**
 * A refused login (wrong password, CAPTCHA, Basic disabled, dead cookie) is answered from memory for this long,
 * without asking Jira: every failed try brings the CAPTCHA closer, and a run of many items must not try each.
 * Short enough that a user who fixed the login (or solved the CAPTCHA in a browser) is not kept waiting.
 */
const REFUSAL_MEMORY_MS = 5 * 60_000;

const FINAL_REFUSALS: ReadonlySet<string> = new Set([
	'wrong-login',
	'captcha',
	'basic-disabled',
	'session-expired',
]);

/** At most this many sends of one request through 401s and renewals. */
const MAX_SENDS = 6;

/** Renew this long before expiry (capped to a quarter of the token's life, for short-lived test tokens). */
const RENEW_MARGIN_MS = 60_000;

function renewAt(token: string, now: number, fallbackLifeMs: number): number {
	const exp = jwtExpiry(token);
	const expiresAt = exp ? exp * 1000 : now + fallbackLifeMs;
	const margin = Math.min(RENEW_MARGIN_MS, Math.max(0, expiresAt - now) / 4);
	return expiresAt - margin;
}

/**
 * One BigPicture login for one credential: system/auth → attach the token (and Jira's cookies) → on 401
 * system/reauth → retry, then a full login → retry once more; a further 401 is an error. Never a loop: a token
 * that BigPicture had accepted and now refuses has merely expired (one more reauth, not a login), and one call
 * sends at most MAX_SENDS times and logs in at most once.
 *
 * Single flight: every caller awaits the one renewal in progress, and a 401 for a token that has already been
 * replaced is simply sent again with the current token, so a burst of items causes one login, not one per item.
 */
export class BigPictureSession {
	readonly http: HttpClient;

	private tokens?: Tokens;

	private resolvedApiPath?: string;

	private renewal?: Promise<Renewal>;

	private refusal?: { error: BigPictureError; until: number };

	/** The current token, once BigPicture has accepted it: a later 401 for it means expiry, not a dead session. */
	private acceptedToken?: string;

	private readonly secrets: string[];

	private cookiesSeeded = false;

	constructor(
		readonly config: ConnectionConfig,
		readonly retryPolicy: RetryPolicy = DEFAULT_RETRY_POLICY,
	) {
		this.http = new HttpClient(config);
		this.secrets = secretsOf(config);
	}

	/** The API base path that answered system/auth (or the configured one). */
	get apiPath(): string | undefined {
		return this.config.apiPath === 'auto' ? this.resolvedApiPath : this.config.apiPath;
	}

	get hasTokens(): boolean {
		return this.tokens !== undefined;
	}

	/** Strings that must never appear in output: the credential's secrets and every token seen. */
	get secretValues(): string[] {
		const cookies = this.jarCookies().map((cookie) => cookie.value);
		const tokens = this.tokens ? [this.tokens.authentication, this.tokens.refresh] : [];
		return [...this.secrets, ...tokens, ...cookies];
	}

	private jarCookies() {
		return this.http.jar.getCookiesSync(this.config.baseUrl + '/', { allPaths: true });
	}

	snapshot(): SessionSnapshot {
		return {
			authentication: this.tokens?.authentication,
			refresh: this.tokens?.refresh,
			// Name, value, path and scope only: a balancer that re-sets its cookie's expiry on every answer must not
			// make every execution rewrite static data.
			cookies: this.jarCookies().map((cookie) =>
				[
					`${cookie.key}=${cookie.value}`,
					`Path=${cookie.path ?? '/'}`,
					cookie.hostOnly === false ? `Domain=${cookie.domain}` : '',
					cookie.secure ? 'Secure' : '',
					cookie.httpOnly ? 'HttpOnly' : '',
				]
					.filter(Boolean)
					.join('; '),
			),
			apiPath: this.resolvedApiPath,
		};
	}

	/** Resumes from a stored snapshot (static data of an earlier execution), if this session has nothing yet. */
	async restore(snapshot: SessionSnapshot): Promise<void> {
		if (this.tokens || !snapshot.authentication || !snapshot.refresh) return;
		const now = Date.now();
		const tokens: Tokens = {
			authentication: snapshot.authentication,
			refresh: snapshot.refresh,
			authRenewAt: renewAt(snapshot.authentication, now, 0),
			refreshRenewAt: renewAt(snapshot.refresh, now, 0),
		};
		if (tokens.refreshRenewAt <= now) return;
		if (snapshot.cookies?.length) {
			for (const cookie of snapshot.cookies) {
				await this.http.jar.setCookie(cookie, this.config.baseUrl + '/', { ignoreError: true });
			}
			this.cookiesSeeded = true;
		}
		this.tokens = tokens;
		this.resolvedApiPath ??= snapshot.apiPath;
	}

	/** Sends one request through the session and returns its parsed JSON. */
	async request(request: ApiRequest): Promise<unknown> {
		await this.seedCookies();
		if (request.api === 'jira') return this.jiraRequest(request);
		let loggedIn = (await this.ensureFresh()) === 'login';
		let sent = this.currentToken();
		let response = await this.sendApi(request, sent);
		// Escalation of this call: a refused token that never worked is renewed by reauth first, then by one login,
		// then the call fails. A refusal of a token that has worked (for any caller) only means it expired or was used
		// up: one more reauth, never a step towards a login. At most one login per call, at most MAX_SENDS sends.
		let stage: 'reauth' | 'login' | 'give-up' = loggedIn ? 'give-up' : 'reauth';
		for (let sends = 1; response.status === 401 && sends < MAX_SENDS; sends++) {
			if (this.tokens?.authentication === sent) {
				if (this.acceptedToken === sent || stage === 'reauth') {
					loggedIn = (await this.renew('reauth', sent, !loggedIn)) === 'login' || loggedIn;
					if (stage === 'reauth') stage = loggedIn ? 'give-up' : 'login';
				} else if (stage === 'login' && !loggedIn) {
					// A token fresh from reauth, refused before it ever worked: the Jira session behind it died.
					loggedIn = (await this.renew('login', sent)) === 'login';
					stage = 'give-up';
				} else {
					break;
				}
			}
			// else: someone renewed the token while this request was under way; just use the new one.
			sent = this.currentToken();
			response = await this.sendApi(request, sent);
		}
		return this.result(response, this.apiRequest(request));
	}

	private currentToken(): string {
		if (!this.tokens) throw new Error('BigPicture session has no token after login');
		return this.tokens.authentication;
	}

	private async seedCookies(): Promise<void> {
		if (this.cookiesSeeded) return;
		this.cookiesSeeded = true;
		if (this.config.sessionCookie) await this.http.seedCookies(this.config.sessionCookie);
	}

	private authorization(token: string): string {
		return this.config.tokenScheme === 'bearer' ? `Bearer ${token}` : token;
	}

	private apiRequest(request: ApiRequest): HttpRequest {
		const path = request.path.replace(/^\/+/, '');
		const apiPath = this.apiPath ?? CLASSIC_API_PATH;
		return {
			method: request.method,
			path: `${apiPath}/${path}`,
			query: request.query,
			body: request.body,
			step: 'request',
			timeoutMs: request.timeoutMs,
			scope: apiPath,
		};
	}

	private async sendApi(request: ApiRequest, token: string): Promise<HttpResponse> {
		const httpRequest = this.apiRequest(request);
		httpRequest.headers = { Authorization: this.authorization(token) };
		const response = await withRetries(httpRequest.method, this.retryPolicy, () =>
			this.http.send(httpRequest),
		);
		if (response.status !== 401 && this.tokens?.authentication === token)
			this.acceptedToken = token;
		return response;
	}

	private result(response: HttpResponse, request: HttpRequest): unknown {
		if (response.status >= 200 && response.status < 300) return parseJson(response, request);
		const error = errorFromResponse(response, request, this.secretValues);
		if (response.status === 401) {
			throw new BigPictureError(
				`${describeRequest(request)} was refused with HTTP 401 even after a fresh BigPicture login`,
				{
					step: 'request',
					reason: 'unauthorized',
					status: 401,
					request: error.request,
					hint: 'The Jira user may have lost access to BigPicture, or Jira ends every new session at once; log in to Jira in a browser to check',
				},
			);
		}
		throw error;
	}

	/** Jira's own REST API (e.g. search): cookies only; a dead session is renewed by one login. */
	private async jiraRequest(request: ApiRequest): Promise<unknown> {
		const httpRequest: HttpRequest = {
			method: request.method,
			path: `/${request.path.replace(/^\/+/, '')}`,
			query: request.query,
			body: request.body,
			step: 'request',
			timeoutMs: request.timeoutMs,
		};
		if (!(await this.http.hasCookies())) await this.ensureFresh();
		const send = () =>
			withRetries(httpRequest.method, this.retryPolicy, () => this.http.send(httpRequest));
		let response = await send();
		if (response.status === 401) {
			await this.renew('login', this.tokens?.authentication);
			response = await send();
		}
		return this.result(response, httpRequest);
	}

	/** Renews ahead of expiry, so that steady use sees no 401 at all. Says which renewal this caller ran. */
	private async ensureFresh(): Promise<Renewal> {
		const now = Date.now();
		if (!this.tokens || this.tokens.refreshRenewAt <= now) {
			return this.renew('login', this.tokens?.authentication);
		}
		if (this.tokens.authRenewAt <= now) return this.renew('reauth', this.tokens.authentication);
		return 'none';
	}

	/**
	 * Single flight: if a renewal is under way, wait for it; if the token has changed since the caller saw it,
	 * someone else already renewed it ('none'). Only otherwise start one, and say which step it came to: a reauth
	 * whose refresh token is refused becomes a login, unless `allowLogin` is false (the call already logged in).
	 */
	private async renew(
		kind: 'login' | 'reauth',
		seen: string | undefined,
		allowLogin = true,
	): Promise<Renewal> {
		while (this.renewal) await this.renewal;
		if (this.tokens && this.tokens.authentication !== seen) return 'none';
		const renewal = (kind === 'reauth' ? this.reauth(allowLogin) : this.login()).finally(() => {
			if (this.renewal === renewal) this.renewal = undefined;
		});
		this.renewal = renewal;
		return renewal;
	}

	private setTokens(authentication: string, refresh: string | undefined): void {
		const now = Date.now();
		const keepRefresh = refresh === undefined && this.tokens;
		this.tokens = {
			authentication,
			refresh: keepRefresh ? this.tokens!.refresh : (refresh as string),
			authRenewAt: renewAt(authentication, now, 15 * 60_000),
			refreshRenewAt: keepRefresh
				? this.tokens!.refreshRenewAt
				: renewAt(refresh as string, now, 7 * 24 * 3600_000),
		};
	}

	/** system/reauth with the refresh token; a refused refresh falls through to a full login if allowed. */
	private async reauth(allowLogin: boolean): Promise<Renewal> {
		const tokens = this.tokens;
		if (!tokens || tokens.refreshRenewAt <= Date.now()) return this.loginIf(allowLogin);
		const request: HttpRequest = {
			method: 'GET',
			path: `${this.apiPath ?? CLASSIC_API_PATH}/system/reauth`,
			headers: { Authorization: this.authorization(tokens.refresh) },
			step: 'reauth',
		};
		const response = await withRetries('GET', this.retryPolicy, () => this.http.send(request));
		if (response.status === 401 || response.status === 403) return this.loginIf(allowLogin);
		if (response.status < 200 || response.status >= 300) {
			throw errorFromResponse(response, request, this.secretValues);
		}
		const body = parseJson(response, request) as { authentication?: unknown };
		if (typeof body?.authentication !== 'string') {
			throw new BigPictureError('system/reauth answered without an authentication token', {
				step: 'reauth',
				reason: 'bad-response',
				status: response.status,
				request: describeRequest(request),
				hint: 'Check the BigPicture API path setting of the credential',
			});
		}
		this.setTokens(body.authentication, undefined);
		return 'reauth';
	}

	private loginIf(allowed: boolean): Promise<Renewal> {
		if (allowed) return this.login();
		throw new BigPictureError('BigPicture refused the refresh token right after a fresh login', {
			step: 'reauth',
			reason: 'unauthorized',
			status: 401,
			hint: 'Jira may end every new session at once (a session limit or an SSO rule); log in to Jira in a browser to check',
		});
	}

	/** system/auth: with Jira's cookies, and with Basic where the credential allows it. Never retried on a refusal. */
	private async login(): Promise<Renewal> {
		if (this.refusal && this.refusal.until > Date.now()) throw this.refusal.error;
		const basic = canUseBasic(this.config);
		const cookieFirst = this.config.authentication === 'cookie';
		let response = await this.systemAuth(cookieFirst ? false : basic);
		if (response.status === 401 && cookieFirst && basic && !loginFailure(response)) {
			// The vendor's documented fallback: the cookie is refused, so try Basic.
			response = await this.systemAuth(true);
		}
		const request: HttpRequest = {
			method: 'GET',
			// In auto mode a failed login last tried the short key.
			path: `${this.apiPath ?? SHORT_API_PATH}/system/auth`,
			step: 'system/auth',
		};
		if (response.status < 200 || response.status >= 300) {
			const error = await this.loginError(response, request);
			if (FINAL_REFUSALS.has(error.reason))
				this.refusal = { error, until: Date.now() + REFUSAL_MEMORY_MS };
			throw error;
		}
		const body = parseJson(response, request) as { authentication?: unknown; refresh?: unknown };
		if (typeof body?.authentication !== 'string' || typeof body?.refresh !== 'string') {
			throw new BigPictureError(
				'system/auth answered without the authentication and refresh tokens',
				{
					step: 'system/auth',
					reason: 'bad-response',
					status: response.status,
					request: describeRequest(request),
					hint: 'This Jira app may not be BigPicture 8.3+; check the BigPicture API path setting of the credential',
				},
			);
		}
		this.setTokens(body.authentication, body.refresh);
		this.refusal = undefined;
		return 'login';
	}

	private async systemAuth(withBasic: boolean): Promise<HttpResponse> {
		const headers: Record<string, string> = {};
		if (withBasic) {
			headers.Authorization = `Basic ${Buffer.from(`${this.config.username}:${this.config.password}`).toString('base64')}`;
		}
		const send = (apiPath: string) =>
			withRetries('GET', this.retryPolicy, () =>
				this.http.send({
					method: 'GET',
					path: `${apiPath}/system/auth`,
					headers,
					step: 'system/auth',
				}),
			);
		if (this.apiPath) return send(this.apiPath);
		// Auto: the classic key first, the short key once on a 404; remember which answered.
		let response = await send(CLASSIC_API_PATH);
		let apiPath = CLASSIC_API_PATH;
		if (response.status === 404) {
			response = await send(SHORT_API_PATH);
			apiPath = SHORT_API_PATH;
		}
		if (response.status !== 404) {
			this.resolvedApiPath = apiPath;
		}
		return response;
	}

	/** Jira answers serverInfo without a login: tells "Jira without BigPicture" from "not Jira at all". */
	private async jiraVersion(): Promise<string | undefined> {
		const request: HttpRequest = {
			method: 'GET',
			path: '/rest/api/2/serverInfo',
			step: 'system/auth',
		};
		const response = await this.http.send(request).catch(() => undefined);
		if (!response || response.status !== 200) return undefined;
		const info = tryJson(response.text) as { version?: unknown } | undefined;
		return typeof info?.version === 'string' ? info.version : undefined;
	}

	private async loginError(response: HttpResponse, request: HttpRequest): Promise<BigPictureError> {
		const where = describeRequest(request);
		const base = { step: 'system/auth' as const, status: response.status, request: where };
		const failure = loginFailure(response);
		if (failure === 'captcha') {
			return new BigPictureError(
				'Jira has locked this login behind a CAPTCHA after failed attempts',
				{
					...base,
					step: 'login',
					reason: 'captcha',
					hint: 'Log in to Jira once in a browser (solving the CAPTCHA), check the password in the credential, then run again. n8n does not retry, so as not to prolong the lock.',
				},
			);
		}
		if (failure === 'wrong-login') {
			return new BigPictureError('Jira refused the username or password', {
				...base,
				step: 'login',
				reason: 'wrong-login',
				hint: 'Check the username and the password or API token. It was not retried: repeated failures make Jira ask for a CAPTCHA.',
			});
		}
		if (failure === 'basic-disabled') {
			return new BigPictureError('Jira does not allow Basic authentication', {
				...base,
				step: 'login',
				reason: 'basic-disabled',
				hint: 'Jira 11 turns Basic auth off by default: ask an admin to allow it, or use the Jira Session Cookie method',
			});
		}
		if (response.status === 401) {
			const cookieOnly = this.config.authentication === 'cookie' && !canUseBasic(this.config);
			return new BigPictureError(
				cookieOnly
					? 'Jira no longer accepts the session cookie'
					: 'Jira refused the login (HTTP 401)',
				{
					...base,
					step: 'login',
					reason: cookieOnly ? 'session-expired' : 'wrong-login',
					hint: cookieOnly
						? 'Copy a fresh JSESSIONID from a logged-in Jira tab, or add a username and password as a fallback'
						: 'Check the username and the password or API token, and that Basic auth is allowed on this Jira',
				},
			);
		}
		if (response.status === 404) {
			const jira = await this.jiraVersion();
			if (!jira) {
				return new BigPictureError('No Jira answers at this address (HTTP 404)', {
					...base,
					reason: 'not-jira',
					hint: 'Check the base URL and its context path: it is the address you open Jira with, e.g. https://jira.example.com/jira',
				});
			}
			return new BigPictureError(
				`Jira ${jira} answers here, but BigPicture does not (HTTP 404 on system/auth)`,
				{
					...base,
					reason: 'not-installed',
					hint:
						this.config.apiPath === 'auto'
							? 'Check that BigPicture 8.3+ is installed and enabled; for BigGantt or BigTemplate set the API path in the credential'
							: `Check the API path "${this.config.apiPath}" in the credential`,
				},
			);
		}
		if (response.status >= 200 && response.status < 300) {
			return new BigPictureError(`system/auth answered HTTP ${response.status} without JSON`, {
				...base,
				reason: 'not-jira',
				hint: 'The address does not look like Jira with BigPicture: check the base URL and its context path',
			});
		}
		return errorFromResponse(response, request, this.secretValues, 'system/auth');
	}
}
