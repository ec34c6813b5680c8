import type { CookieJar } from 'tough-cookie';

import { fingerprintOf, type ConnectionConfig } from './config';
import { newCookieJar } from './http';
import { BigPictureSession } from './session';
import { clearTokenSessions } from './tokenSession';
import { Sealer, type SessionSnapshot, type StaticData } from './tokenStore';

export type App = 'bigPicture' | 'bigGantt' | 'bigTemplate';

/** The apps in the order their pairs are sealed (a fixed order: an unchanged login seals the same). */
const APPS: readonly App[] = ['bigPicture', 'bigGantt', 'bigTemplate'];

/** One app's token pair, with the REST key that answered it. */
type AppSnapshot = Omit<SessionSnapshot, 'cookies' | 'location'>;

/**
 * What one Jira login seals into static data, as one entry: each app's pair over the one Jira session, whose
 * cookies are stored once.
 */
interface LoginSnapshot {
	apps: Partial<Record<App, AppSnapshot>>;
	cookies?: string[];
}

/**
 * One Jira login of this process: a session per app (opened as the node needs it), one cookie jar, one sealed entry.
 */
interface Login {
	jar: CookieJar;
	sessions: Partial<Record<App, BigPictureSession>>;
	sealer: Sealer<LoginSnapshot | SessionSnapshot>;
}

/**
 * The memory layer of the token store: one login per credential fingerprint in this process, shared by every
 * item, node and execution (manual runs included, whose static data n8n never saves).
 */
const logins = new Map<string, Login>();

/** Every changed credential makes a new fingerprint: the oldest logins are forgotten beyond this many. */
const MAX_SESSIONS = 100;

/**
 * The REST keys of BigPicture's siblings, tried in turn (the one that answers is kept): the vendor's long key, then
 * the short one, as BigPicture has both. BigTemplate's long key is seen in public code; the others are by analogy.
 */
const SIBLINGS: Readonly<
	Record<Exclude<App, 'bigPicture'>, { appName: string; autoKeys: readonly [string, string] }>
> = {
	bigGantt: {
		appName: 'BigGantt',
		autoKeys: ['/rest/softwareplant-biggantt/1.0', '/rest/biggantt/1.0'],
	},
	bigTemplate: {
		appName: 'BigTemplate',
		autoKeys: ['/rest/softwareplant-bigtemplate/1.0', '/rest/bigtemplate/1.0'],
	},
};

/**
 * The credential's login, and its session for this app: each app has its own token pair under its own REST key
 * (the credential's API path is BigPicture's alone), all sharing one cookie jar, so that switching app rides on
 * the same Jira session instead of logging in to Jira again.
 */
function sessionFor(
	config: ConnectionConfig,
	app: App,
): { login: Login; session: BigPictureSession } {
	const key = fingerprintOf(config);
	let login = logins.get(key);
	if (!login) {
		login = { jar: newCookieJar(), sessions: {}, sealer: new Sealer(config) };
		if (logins.size >= MAX_SESSIONS) logins.delete(logins.keys().next().value as string);
		logins.set(key, login);
	}
	let session = login.sessions[app];
	if (!session) {
		session =
			app === 'bigPicture'
				? new BigPictureSession(config, undefined, { jar: login.jar })
				: new BigPictureSession({ ...config, apiPath: 'auto' }, undefined, {
						jar: login.jar,
						...SIBLINGS[app],
					});
		login.sessions[app] = session;
	}
	return { login, session };
}

/** Opens the credential's entry; an entry sealed for BigPicture alone (before the apps shared one) is its pair. */
async function readLogin(login: Login, staticData: StaticData): Promise<LoginSnapshot> {
	const stored = await login.sealer.read(staticData);
	if (!stored) return { apps: {} };
	if ('apps' in stored) return stored;
	const { cookies, ...bigPicture } = stored;
	return { apps: { bigPicture }, cookies };
}

/** A session bound to one execution's workflow static data (the second layer of the token store). */
export interface OpenSession {
	session: BigPictureSession;
	/**
	 * Seals this app's pair into the credential's entry if it changed, keeping the other apps' pairs, or drops it
	 * when the session holds no tokens (they were found dead): a later process must not resume them as good. Call
	 * once the node has run.
	 */
	save(): Promise<void>;
}

/**
 * Finds the process's session for this credential and app and, if it has no token yet, resumes it from the
 * workflow's static data, so that a scheduled run in a new process does not log in again.
 */
export async function openSession(
	config: ConnectionConfig,
	staticData?: StaticData,
	app: App = 'bigPicture',
): Promise<OpenSession> {
	const { login, session } = sessionFor(config, app);
	if (staticData && !session.hasTokens) {
		const stored = await readLogin(login, staticData);
		const pair = stored.apps[app];
		// Cookies another app of this login already holds (rotated since, perhaps) are newer than the sealed ones.
		const cookies = (await session.http.hasCookies()) ? undefined : stored.cookies;
		// An app without a pair yet still gets the cookies: it logs in over the sealed Jira session, not a new one.
		if (pair || cookies) await session.restore({ ...pair, cookies });
	}
	return {
		session,
		save: async () => {
			if (!staticData) return;
			// Read, change one pair, write: another node of this execution may have sealed another app's pair.
			const { apps } = await readLogin(login, staticData);
			const { cookies, ...pair } = session.snapshot();
			if (session.hasTokens) apps[app] = pair;
			else delete apps[app];
			const kept = APPS.filter((name) => apps[name]).map((name) => [name, apps[name]]);
			if (kept.length === 0) login.sealer.remove(staticData);
			else await login.sealer.write(staticData, { apps: Object.fromEntries(kept), cookies });
		},
	};
}

/** Forgets every session of this process (tests use it to play "a new n8n process"). */
export function clearSessions(): void {
	logins.clear();
	clearTokenSessions();
}
