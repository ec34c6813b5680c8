import { fingerprintOf, type ConnectionConfig } from './config';
import { BigPictureSession } from './session';
import { clearTokenSessions } from './tokenSession';
import { Sealer, type StaticData } from './tokenStore';

interface Entry {
	session: BigPictureSession;
	sealer: Sealer;
}

/**
 * The memory layer of the token store: one session per credential fingerprint in this process, shared by every
 * item, node and execution (manual runs included, whose static data n8n never saves).
 */
const sessions = new Map<string, Entry>();

/** Every changed credential makes a new fingerprint: the oldest sessions are forgotten beyond this many. */
const MAX_SESSIONS = 100;

export type App = 'bigPicture' | 'bigGantt' | 'bigTemplate';

/**
 * The REST keys of BigPicture's siblings. BigTemplate's is seen in public code; BigGantt's is not documented, so
 * both likely spellings are tried in turn and the one that answers is kept.
 */
const APP_KEYS: Readonly<Record<Exclude<App, 'bigPicture'>, readonly [string, string]>> = {
	bigGantt: ['/rest/softwareplant-biggantt/1.0', '/rest/biggantt/1.0'],
	bigTemplate: ['/rest/softwareplant-bigtemplate/1.0', '/rest/softwareplant-bigtemplate/1.0'],
};

/**
 * BigPicture's session for this credential, or a sibling app's: its own token pair under its own REST key (the
 * credential's API path is BigPicture's alone), sharing BigPicture's cookie jar, so that switching app rides on the
 * same Jira session instead of logging in to Jira again. Its sealed entry is its own (named after the app).
 */
function entryFor(config: ConnectionConfig, app: App = 'bigPicture'): Entry {
	const key = app === 'bigPicture' ? fingerprintOf(config) : `${fingerprintOf(config)}:${app}`;
	let entry = sessions.get(key);
	if (!entry && app !== 'bigPicture') {
		const jar = entryFor(config).session.http.jar;
		const appConfig = { ...config, apiPath: 'auto' };
		entry = {
			session: new BigPictureSession(appConfig, undefined, { jar, autoKeys: APP_KEYS[app] }),
			sealer: new Sealer({ ...appConfig, apiPath: `auto:${app}` }),
		};
		if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string);
		sessions.set(key, entry);
	}
	if (!entry) {
		entry = { session: new BigPictureSession(config), sealer: new Sealer(config) };
		if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string);
		sessions.set(key, entry);
	}
	return entry;
}

/** A session bound to one execution's workflow static data (the second layer of the token store). */
export interface OpenSession {
	session: BigPictureSession;
	/**
	 * Seals the session's state into static data if it changed, or removes the entry when the session holds no
	 * tokens (they were found dead): a later process must not resume them as good. Call once the node has run.
	 */
	save(): Promise<void>;
}

/**
 * Finds the process's session for this credential and, if it has no token yet, resumes it from the workflow's
 * static data, so that a scheduled run in a new process does not log in again.
 */
export async function openSession(
	config: ConnectionConfig,
	staticData?: StaticData,
	app: App = 'bigPicture',
): Promise<OpenSession> {
	const { session, sealer } = entryFor(config, app);
	if (staticData && !session.hasTokens) {
		const snapshot = await sealer.read(staticData);
		if (snapshot) await session.restore(snapshot);
	}
	return {
		session,
		save: async () => {
			if (!staticData) return;
			if (session.hasTokens) await sealer.write(staticData, session.snapshot());
			else sealer.remove(staticData);
		},
	};
}

/** Forgets every session of this process (tests use it to play "a new n8n process"). */
export function clearSessions(): void {
	sessions.clear();
	clearTokenSessions();
}
