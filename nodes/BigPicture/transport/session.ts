import type { CookieJar } from 'tough-cookie';

import {
	CLASSIC_API_PATH,
	SHORT_API_PATH,
	canUseBasic,
	secretsOf,
	type ConnectionConfig,
} from './config';
import { BigPictureError } from './errors';
import { HttpClient, type HttpMethod, type HttpRequest, type HttpResponse } from './http';
import { capJar } from './jar';
import { describeRequest, errorFromResponse, loginFailure, parseJson, tryJson } from './responses';
import { DEFAULT_RETRY_POLICY, withRetries, type RetryPolicy } from './retry';
import { RunScope } from './run';
import { newTokens, type Tokens } from './tokens';
import type { SessionSnapshot } from './tokenStore';

export interface ApiRequest {
	method: HttpMethod;
	/** Path relative to the BigPicture API base (`public/ppm/box/box-hierarchy`), or to Jira's base with `api: 'jira'`. */
	path: string;
	query?: Record<string, string | number | boolean | undefined>;
	body?: unknown;
	/** `bigpicture` (JWT + cookies, the default) or `jira` (Jira's own REST API, cookies only). */
	api?: 'bigpicture' | 'jira';
	/** Deadline of this request, and of the login or reauth it needs. */
	timeoutMs?: number;
}

/** Which renewal a caller ran: a login, a reauth, or none (someone else renewed, or nothing was due). */
type Renewal = 'login' | 'reauth' | 'none';

/** What one call sent: the answer, and the token and Jira cookies it went with. */
interface Sent {
	response: HttpResponse;
	token?: string;
	cookies: string;
	/** Whether another request succeeded while this one was under way (the run made progress). */
	othersSucceeded: boolean;
}

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

/** Failures of a request that say nothing about the tokens: a reauth that ends so is not a reason to log in. */
const TRANSPORT_FAILURES: ReadonlySet<string> = new Set([
	'unreachable',
	'connection-reset',
	'tls',
	'timeout',
]);

/**
 * At most this many sends of one request through 401s and renewals. A 401 during which other requests succeeded
 * (a rotated Jira cookie, a token used up by another item) does not count: the request lost a race, and is sent
 * again with the current token and cookies. MAX_ALL_SENDS bounds those too (500 items at concurrency 50 with a
 * cookie rotated on every fifth answer needed at most 13).
 */
const MAX_SENDS = 6;
const MAX_ALL_SENDS = 30;

/**
 * One BigPicture login for one credential: system/auth → attach the token (and Jira's cookies) → on 401
 * system/reauth → retry, then a full login → retry; a further 401 is an error. What a 401 means depends on the token
 * it was sent with (see `after401`), never on how many items saw it: a burst of items causes one renewal.
 *
 * Single flight: every caller awaits the one renewal in progress, and a 401 for a token or cookie that has already
 * been replaced is simply sent again with the current ones.
 */
export class BigPictureSession {
	readonly http: HttpClient;

	private tokens?: Tokens;

	private resolvedApiPath?: string;

	private renewal?: Promise<Renewal>;

	private refusal?: { error: BigPictureError; until: number };

	/** The current token, once BigPicture has accepted it: a later 401 for it means expiry, not a dead session. */
	private acceptedToken?: string;

	/** The run of the last login, and whether Jira has accepted its session since (for Jira REST 401s). */
	private loginRun?: RunScope;

	private sessionWorked = false;

	/** Answers other than 401 so far: tells a resend caused by others' progress from a loop. */
	private successes = 0;

	private readonly secrets: string[];

	private cookiesSeeded = false;

	/** The REST keys `auto` tries, in order (BigPicture's by default; BigGantt has its own pair). */
	private readonly autoKeys: readonly [string, string];

	constructor(
		readonly config: ConnectionConfig,
		readonly retryPolicy: RetryPolicy = DEFAULT_RETRY_POLICY,
		// Another app (BigGantt, BigTemplate) shares BigPicture's jar, so its login rides on the same Jira session.
		options: { jar?: CookieJar; autoKeys?: readonly [string, string] } = {},
	) {
		this.http = new HttpClient(config, options.jar);
		this.autoKeys = options.autoKeys ?? [CLASSIC_API_PATH, SHORT_API_PATH];
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
			authReceivedAt: this.tokens?.authReceivedAt,
			refreshReceivedAt: this.tokens?.refreshReceivedAt,
			// Only what Jira's base URL is sent (the jar is capped), as name, value, path and scope: a balancer that
			// re-sets its cookie's expiry on every answer must not make every execution rewrite static data.
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
		const { authentication, refresh, authReceivedAt, refreshReceivedAt } = snapshot;
		if (this.tokens || !authentication || !refresh || !authReceivedAt || !refreshReceivedAt) return;
		const tokens = newTokens(
			authentication,
			{ value: refresh, receivedAt: refreshReceivedAt },
			authReceivedAt,
			'restored',
		);
		if (tokens.refreshRenewAt <= Date.now()) return;
		if (snapshot.cookies?.length) {
			for (const cookie of snapshot.cookies) {
				await this.http.jar.setCookie(cookie, this.config.baseUrl + '/', { ignoreError: true });
			}
			await capJar(this.http.jar);
			this.cookiesSeeded = true;
		}
		this.tokens = tokens;
		this.resolvedApiPath ??= snapshot.apiPath;
	}

	/**
	 * Sends one request through the session and returns its parsed JSON. `run` is the node execution it belongs to
	 * (see RunScope): its wire and cancel signal carry every request this call makes, login included.
	 */
	async request(request: ApiRequest, run: RunScope): Promise<unknown> {
		await this.seedCookies();
		if (request.api === 'jira') return this.jiraRequest(request, run);
		const timeoutMs = request.timeoutMs;
		let counted = 0;
		// Whether this item itself logged in: its error says so, or that an earlier item's login did not help.
		let loggedIn = false;
		for (let sends = 1; ; sends++) {
			loggedIn = (await this.ensureFresh(run, timeoutMs)) === 'login' || loggedIn;
			// After the login: in auto mode, it finds the API path.
			const httpRequest = this.apiRequest(request);
			const sent = await this.sendApi(httpRequest, run);
			if (sent.response.status !== 401) return this.result(sent.response, httpRequest);
			if (!sent.othersSucceeded) counted++;
			if (counted >= MAX_SENDS || sends >= MAX_ALL_SENDS) {
				throw this.unauthorized(
					httpRequest,
					`${sends} times, although its token or Jira cookies were renewed between the tries`,
				);
			}
			if (this.replaced(sent)) continue;
			const step = this.after401(run);
			if (step === 'give-up') {
				throw this.unauthorized(
					httpRequest,
					loggedIn
						? 'even after a fresh BigPicture login'
						: 'even after a fresh BigPicture login (made earlier in this run, so not tried again)',
				);
			}
			loggedIn = (await this.renew(step, sent.token, run, timeoutMs)) === 'login' || loggedIn;
		}
	}

	/**
	 * What a 401 for the current token means. A token that has worked merely expired or was used up: reauth. A token
	 * fresh from a reauth that never worked: the Jira session behind it died, log in. A token from a login of this
	 * same run that never worked: the login did not help, and no item of this run tries again. A restored token, or
	 * one from another run's login: reauth first.
	 */
	private after401(run: RunScope): 'reauth' | 'login' | 'give-up' {
		const tokens = this.tokens;
		if (!tokens || this.acceptedToken === tokens.authentication) return 'reauth';
		if (tokens.origin === 'login' && tokens.run === run) return 'give-up';
		return tokens.origin === 'reauth' ? 'login' : 'reauth';
	}

	/** Whether the token or the Jira cookies a request went with have been replaced since (by anyone). */
	private replaced(sent: Sent): boolean {
		return (
			(sent.token !== undefined && sent.token !== this.tokens?.authentication) ||
			sent.cookies !== this.cookieHeader()
		);
	}

	private cookieHeader(): string {
		return this.http.jar.getCookieStringSync(this.config.baseUrl + '/');
	}

	private async seedCookies(): Promise<void> {
		if (this.cookiesSeeded) return;
		this.cookiesSeeded = true;
		// A shared jar that already holds Jira's session (rotated since, perhaps) must not get the pasted cookie back.
		if (this.config.sessionCookie && !(await this.http.hasCookies()))
			await this.http.seedCookies(this.config.sessionCookie);
	}

	private authorization(token: string): string {
		return this.config.tokenScheme === 'bearer' ? `Bearer ${token}` : token;
	}

	private apiRequest(request: ApiRequest): HttpRequest {
		const path = request.path.replace(/^\/+/, '');
		const apiPath = this.apiPath ?? this.autoKeys[0];
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

	/** Sends with retries over the run's wire; keeps the cookie jar bounded; notes whether Jira accepted the session. */
	private async send(request: HttpRequest, run: RunScope): Promise<Sent> {
		const cookies = this.cookieHeader();
		const before = this.successes;
		const response = await withRetries(
			request.method,
			this.retryPolicy,
			() => this.http.send({ ...request, signal: run.signal }, run.send),
			run.signal,
		);
		await capJar(this.http.jar);
		const othersSucceeded = this.successes !== before;
		if (response.status !== 401) {
			this.successes++;
			if (request.step === 'request') this.sessionWorked = true;
		}
		return { response, cookies, othersSucceeded };
	}

	private async sendApi(request: HttpRequest, run: RunScope): Promise<Sent> {
		const token = this.currentToken();
		const sent = await this.send(
			{ ...request, headers: { ...request.headers, Authorization: this.authorization(token) } },
			run,
		);
		if (sent.response.status !== 401 && this.tokens?.authentication === token)
			this.acceptedToken = token;
		return { ...sent, token };
	}

	private currentToken(): string {
		if (!this.tokens) throw new Error('BigPicture session has no token after login');
		return this.tokens.authentication;
	}

	private result(response: HttpResponse, request: HttpRequest): unknown {
		if (response.status >= 200 && response.status < 300) return parseJson(response, request);
		throw errorFromResponse(response, request, this.secretValues);
	}

	/** The 401 that ends a call, saying what happened to it. */
	private unauthorized(request: HttpRequest, what: string): BigPictureError {
		return new BigPictureError(`${describeRequest(request)} was refused with HTTP 401 ${what}`, {
			step: 'request',
			reason: 'unauthorized',
			status: 401,
			request: describeRequest(request),
			hint: 'The Jira user may have lost access to BigPicture, or Jira ends every new session at once; log in to Jira in a browser to check',
		});
	}

	/**
	 * Jira's own REST API (e.g. search): cookies only. A 401 with cookies that another answer has replaced is sent
	 * again; otherwise a dead session is renewed by one login, unless a login of this run has not been accepted since.
	 */
	private async jiraRequest(request: ApiRequest, run: RunScope): Promise<unknown> {
		const httpRequest: HttpRequest = {
			method: request.method,
			path: `/${request.path.replace(/^\/+/, '')}`,
			query: request.query,
			body: request.body,
			step: 'request',
			timeoutMs: request.timeoutMs,
			// A PAT is Jira's own credential: it authenticates Jira REST calls by itself, session or not.
			headers:
				this.config.authentication === 'pat'
					? { Authorization: `Bearer ${this.config.personalAccessToken}` }
					: undefined,
		};
		let counted = 0;
		for (let sends = 1; ; sends++) {
			if (!(await this.http.hasCookies())) await this.ensureFresh(run, request.timeoutMs);
			const sent = await this.send(httpRequest, run);
			if (sent.response.status !== 401) return this.result(sent.response, httpRequest);
			const replaced = this.replaced(sent);
			if (!sent.othersSucceeded) counted++;
			const loginFailedHere = this.loginRun === run && !this.sessionWorked;
			if (counted >= MAX_SENDS || sends >= MAX_ALL_SENDS || (!replaced && loginFailedHere)) {
				throw new BigPictureError(
					`Jira refused ${describeRequest(httpRequest)} with HTTP 401${loginFailedHere ? ' even after a fresh login' : ''}`,
					{
						step: 'request',
						reason: 'unauthorized',
						status: 401,
						request: describeRequest(httpRequest),
						hint: 'The Jira user may lack permission for this Jira REST path, or Jira ends every new session at once; log in to Jira in a browser to check',
					},
				);
			}
			if (!replaced) await this.renew('login', this.tokens?.authentication, run, request.timeoutMs);
		}
	}

	/** Renews ahead of expiry, so that steady use sees no 401 at all. Says which renewal this caller ran. */
	private async ensureFresh(run: RunScope, timeoutMs?: number): Promise<Renewal> {
		const now = Date.now();
		if (!this.tokens || this.tokens.refreshRenewAt <= now) {
			return this.renew('login', this.tokens?.authentication, run, timeoutMs);
		}
		if (this.tokens.authRenewAt <= now) {
			return this.renew('reauth', this.tokens.authentication, run, timeoutMs);
		}
		return 'none';
	}

	/**
	 * Single flight: if a renewal is under way, wait for it (its failure is the waiter's too); if the token has
	 * changed since the caller saw it, someone else already renewed it ('none'). Only otherwise start one. A run
	 * whose login (or reauth, without an answer) failed gets that same error instead of a new attempt.
	 */
	private async renew(
		kind: 'login' | 'reauth',
		seen: string | undefined,
		run: RunScope,
		timeoutMs?: number,
	): Promise<Renewal> {
		while (this.renewal) await this.renewal.catch((error: unknown) => this.waited(error, run));
		if (this.tokens?.authentication !== seen) return 'none';
		if (run.loginError && kind === 'login') throw run.loginError;
		if (run.reauthError && kind === 'reauth') throw run.reauthError;
		const renewal = (kind === 'reauth' ? this.reauth(run, timeoutMs) : this.login(run, timeoutMs)).finally(
			() => {
				if (this.renewal === renewal) this.renewal = undefined;
			},
		);
		this.renewal = renewal;
		return renewal;
	}

	/**
	 * The failure of a renewal another caller ran is the waiter's too, unless that caller's execution was stopped:
	 * a Stop in one execution must not fail another that shares the session, which then renews by itself.
	 */
	private waited(error: unknown, run: RunScope): void {
		const cancelled = error instanceof BigPictureError && error.reason === 'cancelled';
		if (!cancelled || run.signal?.aborted) throw error;
	}

	/**
	 * system/reauth with the refresh token. Any answer that is not a new token (401, 403, 500, 400, a redirect, an
	 * HTML page) means the refresh token is dead: it is dropped, never kept or saved as good, and one login takes
	 * its place. Only a reauth that got no answer at all (timeout, unreachable) fails as such.
	 */
	private async reauth(run: RunScope, timeoutMs?: number): Promise<Renewal> {
		const tokens = this.tokens;
		if (!tokens || tokens.refreshRenewAt <= Date.now()) return this.login(run, timeoutMs);
		const request: HttpRequest = {
			method: 'GET',
			path: `${this.apiPath ?? this.autoKeys[0]}/system/reauth`,
			headers: { Authorization: this.authorization(tokens.refresh) },
			step: 'reauth',
			timeoutMs,
		};
		const { response } = await this.send(request, run).catch((error: unknown) => {
			if (error instanceof BigPictureError && TRANSPORT_FAILURES.has(error.reason)) {
				run.reauthError = error;
			}
			return Promise.reject(error);
		});
		const body =
			response.status >= 200 && response.status < 300
				? (tryJson(response.text) as { authentication?: unknown } | undefined)
				: undefined;
		if (typeof body?.authentication !== 'string') {
			this.tokens = undefined;
			this.acceptedToken = undefined;
			return this.login(run, timeoutMs);
		}
		const now = Date.now();
		this.tokens = newTokens(
			body.authentication,
			{ value: tokens.refresh, receivedAt: tokens.refreshReceivedAt },
			now,
			'reauth',
		);
		return 'reauth';
	}

	/** system/auth: with Jira's cookies, and with Basic where the credential allows it. Never retried on a refusal. */
	private login(run: RunScope, timeoutMs?: number): Promise<Renewal> {
		return this.systemAuthLogin(run, timeoutMs).catch((error: unknown) => {
			if (error instanceof BigPictureError) run.loginError = error;
			return Promise.reject(error);
		});
	}

	private async systemAuthLogin(run: RunScope, timeoutMs?: number): Promise<Renewal> {
		if (this.refusal && this.refusal.until > Date.now()) throw this.refusal.error;
		const basic = canUseBasic(this.config);
		const cookieFirst = this.config.authentication === 'cookie';
		let response = await this.systemAuth(cookieFirst ? undefined : this.loginAuthorization(), run, timeoutMs);
		if (response.status === 401 && cookieFirst && basic && !loginFailure(response)) {
			// The vendor's documented fallback: the cookie is refused, so try Basic.
			response = await this.systemAuth(this.loginAuthorization(), run, timeoutMs);
		}
		const request: HttpRequest = {
			method: 'GET',
			// In auto mode a failed login last tried the short key.
			path: `${this.apiPath ?? this.autoKeys[1]}/system/auth`,
			step: 'system/auth',
			timeoutMs,
		};
		if (response.status < 200 || response.status >= 300) {
			const error = await this.loginError(response, request, run);
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
		const now = Date.now();
		this.tokens = newTokens(body.authentication, { value: body.refresh, receivedAt: now }, now, 'login', run);
		this.loginRun = run;
		this.sessionWorked = false;
		this.refusal = undefined;
		return 'login';
	}

	/** What system/auth is sent with besides Jira's cookies: the PAT, Basic where possible, or nothing. */
	private loginAuthorization(): string | undefined {
		if (this.config.authentication === 'pat') return `Bearer ${this.config.personalAccessToken}`;
		if (!canUseBasic(this.config)) return undefined;
		return `Basic ${Buffer.from(`${this.config.username}:${this.config.password}`).toString('base64')}`;
	}

	private async systemAuth(
		authorization: string | undefined,
		run: RunScope,
		timeoutMs?: number,
	): Promise<HttpResponse> {
		const headers: Record<string, string> = authorization ? { Authorization: authorization } : {};
		const send = async (apiPath: string) =>
			(
				await this.send(
					{ method: 'GET', path: `${apiPath}/system/auth`, headers, step: 'system/auth', timeoutMs },
					run,
				)
			).response;
		if (this.apiPath) return send(this.apiPath);
		// Auto: the classic key first, the short key once on a 404; remember which answered.
		let [apiPath] = this.autoKeys;
		let response = await send(apiPath);
		if (response.status === 404) {
			apiPath = this.autoKeys[1];
			response = await send(apiPath);
		}
		if (response.status !== 404) {
			this.resolvedApiPath = apiPath;
		}
		return response;
	}

	/** Jira answers serverInfo without a login: tells "Jira without BigPicture" from "not Jira at all". */
	private async jiraVersion(run: RunScope, timeoutMs?: number): Promise<string | undefined> {
		const request: HttpRequest = {
			method: 'GET',
			path: '/rest/api/2/serverInfo',
			step: 'system/auth',
			timeoutMs,
		};
		const response = await this.http
			.send({ ...request, signal: run.signal }, run.send)
			.catch(() => undefined);
		if (!response || response.status !== 200) return undefined;
		const info = tryJson(response.text) as { version?: unknown } | undefined;
		return typeof info?.version === 'string' ? info.version : undefined;
	}

	private async loginError(
		response: HttpResponse,
		request: HttpRequest,
		run: RunScope,
	): Promise<BigPictureError> {
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
		if (this.config.authentication === 'pat' && (response.status === 401 || response.status >= 500)) {
			return response.status === 401
				? new BigPictureError('Jira refused the personal access token', {
						...base,
						step: 'login',
						reason: 'wrong-login',
						hint: 'The token may have expired or been revoked: create a new one in Jira (Profile → Personal Access Tokens)',
					})
				: new BigPictureError(
						`BigPicture failed to log in with the Jira personal access token (HTTP ${response.status})`,
						{
							...base,
							reason: 'server-error',
							hint: 'Some BigPicture versions answer 500 to personal access tokens: use a BigPicture API token credential instead, or the Jira login with a password',
						},
					);
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
			const jira = await this.jiraVersion(run, request.timeoutMs);
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
