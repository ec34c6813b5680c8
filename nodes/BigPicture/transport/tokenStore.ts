import {
	createCipheriv,
	createDecipheriv,
	createHash,
	createHmac,
	randomBytes,
	scrypt,
} from 'crypto';

import type { ConnectionConfig } from './config';

/** What a session needs to resume without a new login: tokens, Jira's cookies and the API path that answered. */
export interface SessionSnapshot {
	authentication?: string;
	refresh?: string;
	/** Local clock (epoch ms) when each token was received: renewal counts the token's lifetime from then. */
	authReceivedAt?: number;
	refreshReceivedAt?: number;
	/** Jira's cookies as Set-Cookie strings (no access times, so an unchanged jar seals the same). */
	cookies?: string[];
	apiPath?: string;
	/** BigPicture Cloud: where discovery last said the tenant's API is. */
	location?: string;
}

/** A way in without a Jira login (tokenSession.ts): what names its entry, and the secrets that seal it. */
export interface SealIdentity {
	identity: string;
	secrets: string[];
}

/**
 * One credential's entry in the workflow's static data, sealed with AES-256-GCM under a key derived from the
 * credential's secret with scrypt and this entry's own random salt. An export lets a password be tested only by
 * paying that derivation per guess, per entry: nothing outside the ciphertext depends on the password.
 */
interface SealedEntry {
	v: 2;
	/** Unsealed on purpose: lets old entries be pruned without their key. */
	savedAt: number;
	salt: string;
	/** HMAC of the plaintext under the sealing key, to skip writes that would change nothing. */
	mac: string;
	iv: string;
	tag: string;
	data: string;
}

/** Static data lives under this one key of `getWorkflowStaticData('global')`, shared with nothing else. */
export const STATIC_DATA_KEY = 'bigPictureSessions';

/** Entries older than a refresh token's life (7 days) can no longer log in anyone: they are dropped. */
const ENTRY_MAX_AGE_MS = 8 * 24 * 3600 * 1000;

/** scrypt at 32 MiB and about 0.1 s per derivation: paid once per process and credential, and per offline guess. */
const KDF = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export type StaticData = Record<string, unknown>;

/** The credential's identity, without its secret: base URL, method, user and API path (and `ownerOf`). */
function identityOf(config: ConnectionConfig): string {
	return [
		'n8n-nodes-bigpicture',
		config.baseUrl,
		config.authentication,
		config.username,
		config.apiPath,
		...ownerOf(config.username, config.credentialId),
	].join('\u0000');
}

/**
 * What else names an entry whose credential has no user (no username, no Jira email): n8n's id of the credential,
 * so that two such credentials in one workflow do not share one entry and overwrite each other's tokens.
 */
export function ownerOf(user: string | undefined, credentialId: string | undefined): string[] {
	return user || !credentialId ? [] : [credentialId];
}

/**
 * The entry's name: a hash of the identity alone, so that it says nothing about the password (a changed password
 * finds the old entry, cannot open it, logs in once and overwrites it).
 */
export function entryName(config: ConnectionConfig | SealIdentity): string {
	const identity = 'identity' in config ? config.identity : identityOf(config);
	return createHash('sha256').update(identity).digest('base64url').slice(0, 24);
}

/** Seals and opens one credential's snapshot (a Jira login's: sessions.ts `LoginSnapshot`; Cloud's: its location). */
export class Sealer<T extends object = SessionSnapshot> {
	readonly name: string;

	private readonly secret: string;

	/** The last key derived (from a read entry's salt or a new one), reused for writes. */
	private key?: { salt: string; key: Promise<Buffer> };

	constructor(config: ConnectionConfig | SealIdentity) {
		this.name = entryName(config);
		if ('identity' in config) {
			this.secret = [config.identity, ...config.secrets].join('\u0000');
			return;
		}
		// Every secret the credential holds: with a PAT and no password, the identity alone (URL, method) would be
		// the key, and anyone reading the workflow could open the tokens. The PAT joins only when present, so that
		// entries sealed for passwords and cookies still open.
		this.secret = [
			identityOf(config),
			config.username,
			config.password,
			config.sessionCookie,
			...(config.personalAccessToken ? [config.personalAccessToken] : []),
		].join('\u0000');
	}

	private keyFor(salt: string): Promise<Buffer> {
		if (this.key?.salt !== salt) {
			const key = new Promise<Buffer>((resolve, reject) =>
				scrypt(this.secret, Buffer.from(salt, 'base64'), 32, KDF, (error, derived) =>
					error ? reject(error) : resolve(derived),
				),
			);
			this.key = { salt, key };
		}
		return this.key.key;
	}

	private static entries(staticData: StaticData): Record<string, SealedEntry> {
		return (staticData[STATIC_DATA_KEY] as Record<string, SealedEntry> | undefined) ?? {};
	}

	/** Reads this credential's snapshot, or undefined when there is none or it cannot be opened. */
	async read(staticData: StaticData): Promise<T | undefined> {
		const entry = Sealer.entries(staticData)[this.name];
		// Entries of the old format (named after the secret) are ignored: one login replaces them.
		if (entry?.v !== 2 || typeof entry.salt !== 'string') return undefined;
		try {
			const decipher = createDecipheriv(
				'aes-256-gcm',
				await this.keyFor(entry.salt),
				Buffer.from(entry.iv, 'base64'),
			);
			decipher.setAuthTag(Buffer.from(entry.tag, 'base64'));
			const plain = Buffer.concat([
				decipher.update(Buffer.from(entry.data, 'base64')),
				decipher.final(),
			]);
			return JSON.parse(plain.toString('utf8')) as T;
		} catch {
			// Tampered, or sealed by another password of this identity: the session simply logs in again.
			return undefined;
		}
	}

	/**
	 * Writes the snapshot if it differs from what is stored. Only this credential's entry changes (n8n saves the
	 * whole object and the last execution wins); stale entries and those of the old format are pruned. Returns
	 * whether anything was written.
	 */
	async write(staticData: StaticData, snapshot: T, now = Date.now()): Promise<boolean> {
		const plain = JSON.stringify(snapshot);
		const entries = Sealer.entries(staticData);
		const stored = entries[this.name];
		const salt = this.key?.salt ?? randomBytes(16).toString('base64');
		const key = await this.keyFor(salt);
		const mac = createHmac('sha256', key).update(plain).digest('base64url').slice(0, 22);
		if (stored?.mac === mac && stored.salt === salt) return false;
		const iv = randomBytes(12);
		const cipher = createCipheriv('aes-256-gcm', key, iv);
		const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
		const next = Sealer.without(entries, this.name, now);
		next[this.name] = {
			v: 2,
			savedAt: now,
			salt,
			mac,
			iv: iv.toString('base64'),
			tag: cipher.getAuthTag().toString('base64'),
			data: data.toString('base64'),
		};
		// Assigning the top-level key is what n8n's observable static data notices as a change.
		staticData[STATIC_DATA_KEY] = next;
		return true;
	}

	/** Removes this credential's entry (its tokens are known dead). Returns whether anything was removed. */
	remove(staticData: StaticData, now = Date.now()): boolean {
		const entries = Sealer.entries(staticData);
		if (!(this.name in entries)) return false;
		staticData[STATIC_DATA_KEY] = Sealer.without(entries, this.name, now);
		return true;
	}

	private static without(
		entries: Record<string, SealedEntry>,
		name: string,
		now: number,
	): Record<string, SealedEntry> {
		const kept: Record<string, SealedEntry> = {};
		for (const [key, entry] of Object.entries(entries)) {
			if (key !== name && entry?.v === 2 && now - (entry.savedAt ?? 0) < ENTRY_MAX_AGE_MS)
				kept[key] = entry;
		}
		return kept;
	}
}
