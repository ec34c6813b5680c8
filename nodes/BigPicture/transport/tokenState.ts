import { secretsOf, type ConnectionConfig } from './config';
import type { HttpClient } from './http';
import { capJar } from './jar';
import type { RunScope } from './run';
import { newTokens, type Tokens } from './tokens';
import type { SessionSnapshot } from './tokenStore';

/**
 * Keeping tokens: what one BigPicture login holds between calls (tokens, the API path found, Jira's cookies), and
 * its snapshot for static data. One object, held by both the login (login.ts, which fills it) and the session
 * (session.ts, which uses it), so that neither keeps a copy of the other's state.
 */
export class TokenState {
	tokens?: Tokens;

	/** In auto mode, the API key that answered system/auth. */
	resolvedApiPath?: string;

	/** The current token, once BigPicture has accepted it: a later 401 for it means expiry, not a dead session. */
	acceptedToken?: string;

	/** The run of the last login, and whether Jira has accepted its session since (for Jira REST 401s). */
	loginRun?: RunScope;

	sessionWorked = false;

	private cookiesSeeded = false;

	private readonly secrets: string[];

	constructor(
		readonly config: ConnectionConfig,
		readonly http: HttpClient,
		/** The REST keys `auto` tries, in order (BigPicture's by default; BigGantt has its own pair). */
		readonly autoKeys: readonly [string, string],
		/** The app these tokens are for, as messages name it. */
		readonly appName = 'BigPicture',
	) {
		this.secrets = secretsOf(config);
	}

	/** The API base path that answered system/auth (or the configured one). */
	get apiPath(): string | undefined {
		return this.config.apiPath === 'auto' ? this.resolvedApiPath : this.config.apiPath;
	}

	/** Strings that must never appear in output: the credential's secrets and every token seen. */
	get secretValues(): string[] {
		const cookies = this.jarCookies().map((cookie) => cookie.value);
		const tokens = this.tokens ? [this.tokens.authentication, this.tokens.refresh] : [];
		return [...this.secrets, ...tokens, ...cookies];
	}

	/** How a BigPicture token (authentication or refresh) is presented. */
	authorization(token: string): string {
		return this.config.tokenScheme === 'bearer' ? `Bearer ${token}` : token;
	}

	/** The Jira cookies a request is sent with now: a 401 for older ones is a lost race, not a dead session. */
	cookieHeader(): string {
		return this.http.jar.getCookieStringSync(this.config.baseUrl + '/');
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

	/**
	 * Resumes from a stored snapshot (static data of an earlier execution), if this session has nothing yet. Cookies
	 * alone (another app's Jira session, when this app has no pair yet) fill the jar: its login rides on that session.
	 */
	async restore(snapshot: SessionSnapshot): Promise<void> {
		const { authentication, refresh, authReceivedAt, refreshReceivedAt, cookies } = snapshot;
		if (this.tokens) return;
		if (!authentication && !refresh) {
			if (cookies?.length) await this.restoreCookies(cookies);
			return;
		}
		if (!authentication || !refresh || !authReceivedAt || !refreshReceivedAt) return;
		const tokens = newTokens(
			authentication,
			{ value: refresh, receivedAt: refreshReceivedAt },
			authReceivedAt,
			'restored',
		);
		if (tokens.refreshRenewAt <= Date.now()) return;
		if (cookies?.length) await this.restoreCookies(cookies);
		this.tokens = tokens;
		this.resolvedApiPath ??= snapshot.apiPath;
	}

	/** Jira's sealed cookies (Set-Cookie strings) into the jar: they stand for the pasted cookie, which is older. */
	private async restoreCookies(cookies: string[]): Promise<void> {
		for (const cookie of cookies) {
			await this.http.jar.setCookie(cookie, this.config.baseUrl + '/', { ignoreError: true });
		}
		await capJar(this.http.jar);
		this.cookiesSeeded = true;
	}

	/** The pasted session cookie, once, unless a restored snapshot already filled the jar. */
	async seedCookies(): Promise<void> {
		if (this.cookiesSeeded) return;
		this.cookiesSeeded = true;
		// A shared jar that already holds Jira's session (rotated since, perhaps) must not get the pasted cookie back.
		if (this.config.sessionCookie && !(await this.http.hasCookies()))
			await this.http.seedCookies(this.config.sessionCookie);
	}
}
