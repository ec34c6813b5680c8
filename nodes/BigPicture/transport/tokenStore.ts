import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt } from 'crypto';

import type { ConnectionConfig } from './config';

/** What a session needs to resume without a new login: tokens, Jira's cookies and the API path that answered. */
export interface SessionSnapshot {
	authentication?: string;
	refresh?: string;
	/** Jira's cookies as Set-Cookie strings (no access times, so an unchanged jar seals the same). */
	cookies?: string[];
	apiPath?: string;
}

/** One credential's entry in the workflow's static data: sealed, so an exported workflow holds nothing usable. */
interface SealedEntry {
	v: 1;
	/** Unsealed on purpose: lets old entries be pruned without their key. */
	savedAt: number;
	/** HMAC of the plaintext, to skip writes that would change nothing. */
	mac: string;
	iv: string;
	tag: string;
	data: string;
}

/** Static data lives under this one key of `getWorkflowStaticData('global')`, shared with nothing else. */
export const STATIC_DATA_KEY = 'bigPictureSessions';

/** Entries older than a refresh token's life (7 days) can no longer log in anyone: they are dropped. */
const ENTRY_MAX_AGE_MS = 8 * 24 * 3600 * 1000;

export type StaticData = Record<string, unknown>;

/**
 * Keys derived from the credential's secret with scrypt (slow on purpose: the export must not allow cheap
 * password guessing). `entryKey` names the static-data entry; `sealKey` encrypts it with AES-256-GCM.
 */
export class Sealer {
	private constructor(
		readonly entryKey: string,
		private readonly sealKey: Buffer,
	) {}

	static async forConfig(config: ConnectionConfig): Promise<Sealer> {
		const secret = [config.username, config.password, config.sessionCookie].join('\u0000');
		const salt = [
			'n8n-nodes-bigpicture',
			config.baseUrl,
			config.authentication,
			config.apiPath,
		].join('\u0000');
		const derived = await new Promise<Buffer>((resolve, reject) =>
			scrypt(secret, salt, 64, { N: 16384, r: 8, p: 1 }, (error, key) =>
				error ? reject(error) : resolve(key),
			),
		);
		return new Sealer(derived.subarray(32).toString('hex').slice(0, 24), derived.subarray(0, 32));
	}

	private mac(plain: string): string {
		return createHmac('sha256', this.sealKey).update(plain).digest('base64url').slice(0, 22);
	}

	/** Reads this credential's snapshot, or undefined when there is none or it cannot be opened. */
	read(staticData: StaticData): SessionSnapshot | undefined {
		const entries = staticData[STATIC_DATA_KEY] as Record<string, SealedEntry> | undefined;
		const entry = entries?.[this.entryKey];
		if (!entry || entry.v !== 1) return undefined;
		try {
			const decipher = createDecipheriv(
				'aes-256-gcm',
				this.sealKey,
				Buffer.from(entry.iv, 'base64'),
			);
			decipher.setAuthTag(Buffer.from(entry.tag, 'base64'));
			const plain = Buffer.concat([
				decipher.update(Buffer.from(entry.data, 'base64')),
				decipher.final(),
			]);
			return JSON.parse(plain.toString('utf8')) as SessionSnapshot;
		} catch {
			// Tampered or sealed with another key: the session simply logs in again.
			return undefined;
		}
	}

	/**
	 * Writes the snapshot if it differs from what is stored. Only this credential's entry changes (n8n saves the
	 * whole object and the last execution wins), stale entries are pruned. Returns whether anything was written.
	 */
	write(staticData: StaticData, snapshot: SessionSnapshot, now = Date.now()): boolean {
		const plain = JSON.stringify(snapshot);
		const mac = this.mac(plain);
		const entries = (staticData[STATIC_DATA_KEY] as Record<string, SealedEntry> | undefined) ?? {};
		if (entries[this.entryKey]?.mac === mac) return false;
		const iv = randomBytes(12);
		const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
		const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
		const next: Record<string, SealedEntry> = {};
		for (const [key, entry] of Object.entries(entries)) {
			if (key !== this.entryKey && now - (entry?.savedAt ?? 0) < ENTRY_MAX_AGE_MS)
				next[key] = entry;
		}
		next[this.entryKey] = {
			v: 1,
			savedAt: now,
			mac,
			iv: iv.toString('base64'),
			tag: cipher.getAuthTag().toString('base64'),
			data: data.toString('base64'),
		};
		// Assigning the top-level key is what n8n's observable static data notices as a change.
		staticData[STATIC_DATA_KEY] = next;
		return true;
	}
}
