import type { CookieJar } from 'tough-cookie';

import { CLASSIC_API_PATH, SHORT_API_PATH, type ConnectionConfig } from './config';
import { BigPictureError } from './errors';
import { HttpClient, type HttpMethod, type HttpRequest, type HttpResponse } from './http';
import { Login, type Renewal } from './login';
import { answerOf, describeRequest } from './responses';
import { DEFAULT_RETRY_POLICY, sendWithRetries, type RetryPolicy } from './retry';
import { RunScope } from './run';
import { TokenState } from './tokenState';
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

/** What one call sent: the answer, and the token and Jira cookies it went with. */
interface Sent {
	response: HttpResponse;
	token?: string;
	cookies: string;
	/** Whether another request succeeded while this one was under way (the run made progress). */
	othersSucceeded: boolean;
}

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
 *
 * This file uses tokens (sends, the 401 ladder, when to renew); login.ts gets them and tokenState.ts keeps them.
 */
export class BigPictureSession {
	readonly http: HttpClient;

	/** Kept tokens, shared with the login that gets them. */
	private readonly state: TokenState;

	private readonly loginFlow: Login;

	private renewal?: Promise<Renewal>;

	/** Answers other than 401 so far: tells a resend caused by others' progress from a loop. */
	private successes = 0;

	constructor(
		readonly config: ConnectionConfig,
		readonly retryPolicy: RetryPolicy = DEFAULT_RETRY_POLICY,
		// Another app (BigGantt, BigTemplate) shares BigPicture's jar, so its login rides on the same Jira session.
		options: { jar?: CookieJar; autoKeys?: readonly [string, string]; appName?: string } = {},
	) {
		this.http = new HttpClient(config, options.jar);
		this.state = new TokenState(
			config,
			this.http,
			options.autoKeys ?? [CLASSIC_API_PATH, SHORT_API_PATH],
			options.appName,
		);
		this.loginFlow = new Login(this.state, (request, run) => this.send(request, run));
	}

	/** The API base path that answered system/auth (or the configured one). */
	get apiPath(): string | undefined {
		return this.state.apiPath;
	}

	get hasTokens(): boolean {
		return this.state.tokens !== undefined;
	}

	/** Strings that must never appear in output: the credential's secrets and every token seen. */
	get secretValues(): string[] {
		return this.state.secretValues;
	}

	snapshot(): SessionSnapshot {
		return this.state.snapshot();
	}

	/** Resumes from a stored snapshot (static data of an earlier execution), if this session has nothing yet. */
	restore(snapshot: SessionSnapshot): Promise<void> {
		return this.state.restore(snapshot);
	}

	/**
	 * Sends one request through the session and returns its parsed JSON. `run` is the node execution it belongs to
	 * (see RunScope): its wire and cancel signal carry every request this call makes, login included.
	 */
	async request(request: ApiRequest, run: RunScope): Promise<unknown> {
		await this.state.seedCookies();
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
			if (sent.response.status !== 401)
				return answerOf(sent.response, httpRequest, this.state.secretValues);
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
		const tokens = this.state.tokens;
		if (!tokens || this.state.acceptedToken === tokens.authentication) return 'reauth';
		if (tokens.origin === 'login' && tokens.run === run) return 'give-up';
		return tokens.origin === 'reauth' ? 'login' : 'reauth';
	}

	/** Whether the token or the Jira cookies a request went with have been replaced since (by anyone). */
	private replaced(sent: Sent): boolean {
		return (
			(sent.token !== undefined && sent.token !== this.state.tokens?.authentication) ||
			sent.cookies !== this.state.cookieHeader()
		);
	}

	private apiRequest(request: ApiRequest): HttpRequest {
		const path = request.path.replace(/^\/+/, '');
		const apiPath = this.apiPath ?? this.state.autoKeys[0];
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
		const cookies = this.state.cookieHeader();
		const before = this.successes;
		const response = await sendWithRetries(this.http, request, run, this.retryPolicy);
		const othersSucceeded = this.successes !== before;
		if (response.status !== 401) {
			this.successes++;
			if (request.step === 'request') this.state.sessionWorked = true;
		}
		return { response, cookies, othersSucceeded };
	}

	private async sendApi(request: HttpRequest, run: RunScope): Promise<Sent> {
		const token = this.currentToken();
		const sent = await this.send(
			{
				...request,
				headers: { ...request.headers, Authorization: this.state.authorization(token) },
			},
			run,
		);
		if (sent.response.status !== 401 && this.state.tokens?.authentication === token)
			this.state.acceptedToken = token;
		return { ...sent, token };
	}

	private currentToken(): string {
		if (!this.state.tokens) throw new Error('BigPicture session has no token after login');
		return this.state.tokens.authentication;
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
			if (sent.response.status !== 401)
				return answerOf(sent.response, httpRequest, this.state.secretValues);
			const replaced = this.replaced(sent);
			if (!sent.othersSucceeded) counted++;
			const loginFailedHere = this.state.loginRun === run && !this.state.sessionWorked;
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
			if (!replaced)
				await this.renew('login', this.state.tokens?.authentication, run, request.timeoutMs);
		}
	}

	/** Renews ahead of expiry, so that steady use sees no 401 at all. Says which renewal this caller ran. */
	private async ensureFresh(run: RunScope, timeoutMs?: number): Promise<Renewal> {
		const now = Date.now();
		if (!this.state.tokens || this.state.tokens.refreshRenewAt <= now) {
			return this.renew('login', this.state.tokens?.authentication, run, timeoutMs);
		}
		if (this.state.tokens.authRenewAt <= now) {
			return this.renew('reauth', this.state.tokens.authentication, run, timeoutMs);
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
		if (this.state.tokens?.authentication !== seen) return 'none';
		if (run.loginError && kind === 'login') throw run.loginError;
		if (run.reauthError && kind === 'reauth') throw run.reauthError;
		const renewal = (
			kind === 'reauth'
				? this.loginFlow.reauth(run, timeoutMs)
				: this.loginFlow.login(run, timeoutMs)
		).finally(() => {
			if (this.renewal === renewal) this.renewal = undefined;
		});
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
}
