import { canUseBasic } from './config';
import { BigPictureError } from './errors';
import type { HttpRequest, HttpResponse } from './http';
import { describeRequest, errorFromResponse, loginFailure, parseJson, tryJson } from './responses';
import type { RunScope } from './run';
import type { TokenState } from './tokenState';
import { newTokens } from './tokens';

/** Which renewal a caller ran: a login, a reauth, or none (someone else renewed, or nothing was due). */
export type Renewal = 'login' | 'reauth' | 'none';

/** How the login sends: through the session's retries and counters, so that its answers count as the session's. */
export type Send = (request: HttpRequest, run: RunScope) => Promise<{ response: HttpResponse }>;

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
 * Getting tokens: system/auth (PAT, Basic or Jira's cookie), the API path in auto mode, system/reauth with the
 * refresh token, and the login's errors. It fills the shared TokenState; when to renew is the session's call.
 */
export class Login {
	private refusal?: { error: BigPictureError; until: number };

	constructor(
		private readonly state: TokenState,
		private readonly send: Send,
	) {}

	/**
	 * system/reauth with the refresh token. Any answer that is not a new token (401, 403, 500, 400, a redirect, an
	 * HTML page) means the refresh token is dead: it is dropped, never kept or saved as good, and one login takes
	 * its place. Only a reauth that got no answer at all (timeout, unreachable) fails as such.
	 */
	async reauth(run: RunScope, timeoutMs?: number): Promise<Renewal> {
		const tokens = this.state.tokens;
		if (!tokens || tokens.refreshRenewAt <= Date.now()) return this.login(run, timeoutMs);
		const request: HttpRequest = {
			method: 'GET',
			path: `${this.state.apiPath ?? this.state.autoKeys[0]}/system/reauth`,
			headers: { Authorization: this.state.authorization(tokens.refresh) },
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
			this.state.tokens = undefined;
			this.state.acceptedToken = undefined;
			return this.login(run, timeoutMs);
		}
		const now = Date.now();
		this.state.tokens = newTokens(
			body.authentication,
			{ value: tokens.refresh, receivedAt: tokens.refreshReceivedAt },
			now,
			'reauth',
		);
		return 'reauth';
	}

	/** system/auth: with Jira's cookies, and with Basic where the credential allows it. Never retried on a refusal. */
	login(run: RunScope, timeoutMs?: number): Promise<Renewal> {
		return this.systemAuthLogin(run, timeoutMs).catch((error: unknown) => {
			if (error instanceof BigPictureError) run.loginError = error;
			return Promise.reject(error);
		});
	}

	private async systemAuthLogin(run: RunScope, timeoutMs?: number): Promise<Renewal> {
		if (this.refusal && this.refusal.until > Date.now()) throw this.refusal.error;
		const basic = canUseBasic(this.state.config);
		const cookieFirst = this.state.config.authentication === 'cookie';
		let response = await this.systemAuth(
			cookieFirst ? undefined : this.loginAuthorization(),
			run,
			timeoutMs,
		);
		if (response.status === 401 && cookieFirst && basic && !loginFailure(response)) {
			// The vendor's documented fallback: the cookie is refused, so try Basic.
			response = await this.systemAuth(this.loginAuthorization(), run, timeoutMs);
		}
		const request: HttpRequest = {
			method: 'GET',
			// In auto mode a failed login last tried the short key.
			path: `${this.state.apiPath ?? this.state.autoKeys[1]}/system/auth`,
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
		this.state.tokens = newTokens(
			body.authentication,
			{ value: body.refresh, receivedAt: now },
			now,
			'login',
			run,
		);
		this.state.loginRun = run;
		this.state.sessionWorked = false;
		this.refusal = undefined;
		return 'login';
	}

	/** What system/auth is sent with besides Jira's cookies: the PAT, Basic where possible, or nothing. */
	private loginAuthorization(): string | undefined {
		if (this.state.config.authentication === 'pat')
			return `Bearer ${this.state.config.personalAccessToken}`;
		if (!canUseBasic(this.state.config)) return undefined;
		return `Basic ${Buffer.from(`${this.state.config.username}:${this.state.config.password}`).toString('base64')}`;
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
					{
						method: 'GET',
						path: `${apiPath}/system/auth`,
						headers,
						step: 'system/auth',
						timeoutMs,
					},
					run,
				)
			).response;
		if (this.state.apiPath) return send(this.state.apiPath);
		// Auto: the classic key first, the short key once on a 404; remember which answered.
		let [apiPath] = this.state.autoKeys;
		let response = await send(apiPath);
		if (response.status === 404) {
			apiPath = this.state.autoKeys[1];
			response = await send(apiPath);
		}
		if (response.status !== 404) {
			this.state.resolvedApiPath = apiPath;
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
		const response = await this.state.http
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
		if (
			this.state.config.authentication === 'pat' &&
			(response.status === 401 || response.status >= 500)
		) {
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
			const cookieOnly =
				this.state.config.authentication === 'cookie' && !canUseBasic(this.state.config);
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
			const { appName } = this.state;
			return new BigPictureError(
				`Jira ${jira} answers here, but ${appName} does not (HTTP 404 on system/auth)`,
				{
					...base,
					reason: 'not-installed',
					hint:
						this.state.config.apiPath === 'auto'
							? `Check that ${appName === 'BigPicture' ? 'BigPicture 8.3+' : appName} is installed and enabled in Jira, and that the node's App is the one you mean`
							: `Check the API path "${this.state.config.apiPath}" in the credential`,
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
		return errorFromResponse(response, request, this.state.secretValues, 'system/auth');
	}
}
