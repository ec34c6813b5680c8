/** Jira Server / Data Center is external platform 2 in BigPicture unless configured otherwise. */
export const JIRA_PLATFORM_ID = '2';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * BigPicture's individual id for a value known to be a Jira user key (as Jira's own user search returns it): an
 * email-shaped key gets the vendor's doubled-@ form, any other key is used as is, even one holding an "@"
 * (`ops@localhost`): it is Jira's key, not a typed value to guess about.
 */
export function individualIdForUserKey(key: string, platformId: string = JIRA_PLATFORM_ID): string {
	return EMAIL.test(key) ? `EXT_USER@@${platformId}@@${key}` : `EXT_USER@${platformId}@${key}`;
}

/**
 * BigPicture's individual id for a Jira user:
 * - an id already in BigPicture's form (`EXT_USER@…`) passes through unchanged;
 * - an email address becomes `EXT_USER@@2@@<email>` (the vendor's doubled-@ form for email user ids);
 * - anything else is taken as the Jira user key (e.g. `JIRAUSER10000`, or the username on old instances)
 *   and becomes `EXT_USER@2@<key>`.
 * Throws for an empty value, and for a typed value with "@" that is not an email (a mistyped email, or a key that
 * must then be given as `EXT_USER@2@<key>`; the picker builds that itself, see individualIdForUserKey).
 */
export function toIndividualId(value: unknown, platformId: string = JIRA_PLATFORM_ID): string {
	const raw = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (!raw)
		throw new Error(
			'The individual is empty: pick a Jira user, or give an individual id, a Jira user key or an email',
		);
	if (/^EXT_USER@/i.test(raw)) return raw;
	if (raw.includes('@') && !EMAIL.test(raw)) {
		throw new Error(
			`"${raw}" is neither an individual id (EXT_USER@2@<user key>), a Jira user key nor an email address`,
		);
	}
	return individualIdForUserKey(raw, platformId);
}
