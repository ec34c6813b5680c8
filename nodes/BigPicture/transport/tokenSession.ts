import { CLASSIC_API_PATH, SHORT_API_PATH } from './config';
import {
	authorizationHeader,
	identityOf,
	tokenFingerprintOf,
	tokenSecretsOf,
	type CloudConnectionConfig,
	type TokenConnectionConfig,
} from './connections';
import { parseDiscoveryAnswer, type CloudLocation } from './discovery';
import { BigPictureError } from './errors';
import { HttpClient, type HttpRequest, type HttpResponse, type ServerName } from './http';
import { answerOf, describeRequest, errorFromResponse, parseJson, tryJson } from './responses';
import { DEFAULT_RETRY_POLICY, sendWithRetries, type RetryPolicy } from './retry';
import type { RunScope } from './run';
import type { ApiRequest } from './session';
import { Sealer, type SessionSnapshot, type StaticData } from './tokenStore';

/** Network errors of the Cloud clients name the server the user knows and the field that leads to it. */
const CLOUD_DISCOVERY: ServerName = {
	name: 'BigPicture Cloud',
	url: 'the Discovery URL in the credential (empty for the default)',
};
const CLOUD_TENANT: ServerName = {
	name: 'BigPicture Cloud',
	url: "the tenant address BigPicture Cloud's discovery gave",
};
const JIRA_CLOUD: ServerName = { name: 'Jira Cloud', url: 'the Jira Site URL in the credential' };

/** What the node asks of a session, whatever the way in (BigPictureSession is the Jira login's). */
export interface ApiSession {
	request(request: ApiRequest, run: RunScope): Promise<unknown>;
	/** Where BigPicture answers, once known (for messages). */
	readonly apiPath: string | undefined;
}

const NEW_TOKEN_HINT =
	'Make a new token in BigPicture → My settings → API tokens and paste it into the credential. It was not sent again: a refused token stays refused';

/** The 401 of a BigPicture API token: final, since there is no login to renew it with. */
function tokenRefused(request: HttpRequest): BigPictureError {
	return new BigPictureError(
		`The BigPicture API token was refused (HTTP 401 on ${describeRequest(request)}): it has expired (tokens last a year), was revoked, or belongs to another BigPicture`,
		{
			step: request.step,
			reason: 'unauthorized',
			status: 401,
			request: describeRequest(request),
			hint: NEW_TOKEN_HINT,
		},
	);
}

function jiraCredentialMissing(what: string): BigPictureError {
	return new BigPictureError(`Calls to Jira's own REST API need ${what}`, {
		step: 'configuration',
		reason: 'invalid-config',
		hint: `A BigPicture API token opens BigPicture's API only. Task › Get Many, the user picker and Custom API Call to Jira REST need ${what} in the credential`,
	});
}

function relative(path: string): string {
	return path.replace(/^\/+/, '');
}

/** A 404 that is not BigPicture's JSON: Jira's page for a REST key it does not have. */
function keyMissing(response: HttpResponse): boolean {
	return response.status === 404 && tryJson(response.text) === undefined;
}

/** A request of the node as sent by a token session: under `path`, with `authorization`, as the call itself. */
function outgoing(
	request: ApiRequest,
	path: string,
	authorization: string,
	scope?: string,
): HttpRequest {
	return {
		method: request.method,
		path,
		query: request.query,
		body: request.body,
		headers: { Authorization: authorization },
		step: 'request',
		timeoutMs: request.timeoutMs,
		...(scope ? { scope } : {}),
	};
}

/**
 * A BigPicture API token on Data Center (bigPictureTokenApi): the token with its scheme on every BigPicture call
 * and only there; never system/auth or system/reauth, so a 401 is final. Jira's own REST API gets the credential's
 * Jira personal access token, or a clear error. Cookies Jira sets are kept (balancer affinity).
 */
export class TokenSession implements ApiSession {
	private readonly http: HttpClient;

	private resolvedApiPath?: string;

	/** The first call in auto mode, finding the API path: others wait for it rather than probing too. */
	private probing?: Promise<unknown>;

	private readonly secrets: string[];

	constructor(
		readonly config: TokenConnectionConfig,
		readonly retryPolicy: RetryPolicy = DEFAULT_RETRY_POLICY,
	) {
		this.http = new HttpClient(config);
		this.secrets = tokenSecretsOf(config);
	}

	get apiPath(): string | undefined {
		return this.config.apiPath === 'auto' ? this.resolvedApiPath : this.config.apiPath;
	}

	async request(request: ApiRequest, run: RunScope): Promise<unknown> {
		if (request.api === 'jira') return this.jiraRequest(request, run);
		// A token refused in this run is refused for every later item of it: one send, not one per item.
		if (run.loginError) throw run.loginError;
		const { response, httpRequest } = await this.sendBigPicture(request, run);
		if (response.status === 401) {
			run.loginError = tokenRefused(httpRequest);
			throw run.loginError;
		}
		return answerOf(response, httpRequest, this.secrets);
	}

	/**
	 * In auto mode the first call finds the path: the short key (which the token documentation uses), then the
	 * classic key when Jira has no such REST key. The key that answers is kept for the session.
	 */
	private async sendBigPicture(request: ApiRequest, run: RunScope) {
		while (!this.apiPath && this.probing) await this.probing.catch(() => undefined);
		if (this.apiPath) return this.sendUnder(this.apiPath, request, run);
		const probe = (async () => {
			let sent = await this.sendUnder(SHORT_API_PATH, request, run);
			if (keyMissing(sent.response)) sent = await this.sendUnder(CLASSIC_API_PATH, request, run);
			if (!keyMissing(sent.response) && sent.response.status !== 401)
				this.resolvedApiPath = sent.apiPath;
			return sent;
		})();
		this.probing = probe;
		try {
			return await probe;
		} finally {
			this.probing = undefined;
		}
	}

	private async sendUnder(apiPath: string, request: ApiRequest, run: RunScope) {
		const httpRequest = outgoing(
			request,
			`${apiPath}/${relative(request.path)}`,
			authorizationHeader(this.config.tokenScheme, this.config.apiToken),
			apiPath,
		);
		const response = await sendWithRetries(this.http, httpRequest, run, this.retryPolicy);
		return { response, httpRequest, apiPath };
	}

	private async jiraRequest(request: ApiRequest, run: RunScope): Promise<unknown> {
		if (!this.config.jiraToken)
			throw jiraCredentialMissing('a Jira personal access token (Jira Token)');
		const httpRequest = outgoing(
			request,
			`/${relative(request.path)}`,
			`Bearer ${this.config.jiraToken}`,
		);
		const response = await sendWithRetries(this.http, httpRequest, run, this.retryPolicy);
		if (response.status === 401) {
			throw new BigPictureError(
				`Jira refused the personal access token (HTTP 401 on ${describeRequest(httpRequest)})`,
				{
					step: 'request',
					reason: 'unauthorized',
					status: 401,
					request: describeRequest(httpRequest),
					hint: "It may have expired or been revoked: create a new one in Jira (Profile → Personal Access Tokens) and put it in the credential's Jira Token",
				},
			);
		}
		return answerOf(response, httpRequest, this.secrets);
	}
}

/** Where the tenant's API is, with the HTTP client that talks to it (its own cookie jar). */
interface Place {
	location: CloudLocation;
	http: HttpClient;
}

/**
 * BigPicture Cloud (bigPictureCloudApi): discovery says where the tenant's API is (once per session, single
 * flight); a 401 there may mean the tenant moved, so the location is looked up once more and the call sent once
 * more if it changed. The token goes only to the discovery URL's origin and the location's (each client refuses
 * any other origin, and redirects are never followed). Jira Cloud calls use the credential's email and Atlassian
 * API token, or fail clearly.
 */
export class CloudSession implements ApiSession {
	private readonly discovery: HttpClient;

	private readonly jira?: HttpClient;

	private place?: Place;

	private locating?: Promise<Place>;

	private readonly secrets: string[];

	constructor(
		readonly config: CloudConnectionConfig,
		readonly retryPolicy: RetryPolicy = DEFAULT_RETRY_POLICY,
	) {
		const settings = { timeoutMs: config.timeoutMs, allowUnauthorizedCerts: false };
		this.discovery = new HttpClient(
			{ ...settings, baseUrl: new URL(config.discoveryUrl).origin },
			undefined,
			CLOUD_DISCOVERY,
		);
		if (config.jira)
			this.jira = new HttpClient(
				{ ...settings, baseUrl: config.jira.siteUrl },
				undefined,
				JIRA_CLOUD,
			);
		this.secrets = tokenSecretsOf(config);
	}

	get apiPath(): string | undefined {
		return this.place?.location.apiBase;
	}

	async request(request: ApiRequest, run: RunScope): Promise<unknown> {
		if (request.api === 'jira') return this.jiraRequest(request, run);
		if (run.loginError) throw run.loginError;
		let place = this.place ?? (await this.locate(run, request.timeoutMs));
		let sent = await this.sendTo(place, request, run);
		if (sent.response.status === 401) {
			const moved = await this.relocate(place, run, request.timeoutMs);
			if (moved) {
				place = moved;
				sent = await this.sendTo(place, request, run);
			}
			if (sent.response.status === 401) {
				run.loginError = tokenRefused(sent.httpRequest);
				throw run.loginError;
			}
		}
		return answerOf(sent.response, sent.httpRequest, this.secrets);
	}

	/** Single flight: every caller waits for the one lookup under way. */
	private locate(run: RunScope, timeoutMs?: number): Promise<Place> {
		this.locating ??= this.discover(run, timeoutMs).finally(() => {
			this.locating = undefined;
		});
		return this.locating;
	}

	/**
	 * After a 401 at `seen`: the place another caller has found meanwhile, or one fresh lookup. Undefined when the
	 * tenant has not moved (the 401 is the token's).
	 */
	private async relocate(
		seen: Place,
		run: RunScope,
		timeoutMs?: number,
	): Promise<Place | undefined> {
		if (this.place && this.place !== seen) return this.place;
		const fresh = await this.locate(run, timeoutMs);
		return fresh.location.location === seen.location.location ? undefined : fresh;
	}

	private async discover(run: RunScope, timeoutMs?: number): Promise<Place> {
		const url = new URL(this.config.discoveryUrl);
		const request: HttpRequest = {
			method: 'GET',
			path: `${url.pathname}${url.search}`,
			headers: {
				Authorization: authorizationHeader(this.config.tokenScheme, this.config.apiToken),
			},
			step: 'discovery',
			timeoutMs,
		};
		const response = await sendWithRetries(this.discovery, request, run, this.retryPolicy);
		if (response.status === 401) {
			run.loginError = tokenRefused(request);
			throw run.loginError;
		}
		if (response.status < 200 || response.status >= 300)
			throw errorFromResponse(response, request, this.secrets);
		return this.settle(
			parseDiscoveryAnswer(parseJson(response, request), this.config.discoveryUrl),
		);
	}

	private settle(location: CloudLocation): Place {
		// The same location keeps its client (and the cookies its balancer set).
		if (this.place?.location.location !== location.location) {
			this.place = {
				location,
				http: new HttpClient(
					{
						baseUrl: location.location,
						timeoutMs: this.config.timeoutMs,
						allowUnauthorizedCerts: false,
					},
					undefined,
					CLOUD_TENANT,
				),
			};
		}
		return this.place;
	}

	/** Where the tenant was found, sealed into static data so that a new process skips the lookup. */
	snapshot(): SessionSnapshot | undefined {
		return this.place && { location: this.place.location.location };
	}

	/** A sealed location is held to discovery's rules again; one that fails them is simply looked up anew. */
	restore(snapshot: SessionSnapshot): void {
		if (this.place || !snapshot.location) return;
		try {
			this.settle(parseDiscoveryAnswer({ location: snapshot.location }, this.config.discoveryUrl));
		} catch {
			// looked up again on the first request
		}
	}

	private async sendTo(place: Place, request: ApiRequest, run: RunScope) {
		const httpRequest = outgoing(
			request,
			`/rest/${relative(request.path)}`,
			authorizationHeader(this.config.tokenScheme, this.config.apiToken),
			'/rest',
		);
		const response = await sendWithRetries(place.http, httpRequest, run, this.retryPolicy);
		return { response, httpRequest };
	}

	/** Jira Cloud's Basic auth with the Atlassian account email and API token; a CAPTCHA stops at once. */
	private async jiraRequest(request: ApiRequest, run: RunScope): Promise<unknown> {
		const login = this.config.jira;
		if (!login || !this.jira)
			throw jiraCredentialMissing('the Jira site URL, email and Atlassian API token');
		const basic = Buffer.from(`${login.email}:${login.apiToken}`).toString('base64');
		const httpRequest = outgoing(request, `/${relative(request.path)}`, `Basic ${basic}`);
		const response = await sendWithRetries(this.jira, httpRequest, run, this.retryPolicy);
		const captcha = /AUTHENTICATION_DENIED/i.test(response.headers['x-seraph-loginreason'] ?? '');
		if (captcha || response.status === 401) {
			throw new BigPictureError(
				captcha
					? 'Jira Cloud has locked this login behind a CAPTCHA after failed attempts'
					: `Jira Cloud refused the email and API token (HTTP 401 on ${describeRequest(httpRequest)})`,
				{
					step: 'login',
					reason: captcha ? 'captcha' : 'wrong-login',
					status: response.status,
					request: describeRequest(httpRequest),
					hint: captcha
						? 'Log in to Jira Cloud once in a browser (solving the CAPTCHA), check the email and API token in the credential, then run again. It was not retried, so as not to prolong the lock'
						: 'Check the email and the Atlassian API token (id.atlassian.com → Security → API tokens). It was not retried: repeated failures make Jira ask for a CAPTCHA',
				},
			);
		}
		return answerOf(response, httpRequest, this.secrets);
	}
}

/**
 * The process's token sessions, one per credential fingerprint (as sessions.ts keeps the Jira logins). A Cloud
 * session has a sealer: its location goes into static data like the Jira login's tokens (an API token has nothing
 * worth sealing).
 */
const sessions = new Map<string, { session: ApiSession; sealer?: Sealer }>();

const MAX_SESSIONS = 100;

/**
 * The session of a token credential; a Cloud session without a location yet takes the one sealed in the workflow's
 * static data. `save` seals the location found (or a changed one) once the node has run.
 */
export async function openTokenSession(
	config: TokenConnectionConfig | CloudConnectionConfig,
	staticData?: StaticData,
): Promise<{ session: ApiSession; save(): Promise<void> }> {
	const key = tokenFingerprintOf(config);
	let entry = sessions.get(key);
	if (!entry) {
		entry =
			config.way === 'apiToken'
				? { session: new TokenSession(config) }
				: {
						session: new CloudSession(config),
						sealer: new Sealer({ identity: identityOf(config), secrets: tokenSecretsOf(config) }),
					};
		if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string);
		sessions.set(key, entry);
	}
	const { session, sealer } = entry;
	if (!(session instanceof CloudSession) || !sealer || !staticData)
		return { session, save: async () => {} };
	if (!session.apiPath) {
		const snapshot = await sealer.read(staticData);
		if (snapshot) session.restore(snapshot);
	}
	return {
		session,
		save: async () => {
			const snapshot = session.snapshot();
			if (snapshot) await sealer.write(staticData, snapshot);
		},
	};
}

export function clearTokenSessions(): void {
	sessions.clear();
}
