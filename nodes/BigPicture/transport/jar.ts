import type { HttpClient } from './http';

/**
 * The `name=value` pairs of a `Cookie:` header (as a browser sends it, or as we send it), trimmed, each with its
 * value: the one reading of such a header, for seeding the jar and for knowing which values are secrets.
 */
export function cookiePairs(header: string): Array<{ pair: string; value: string }> {
	return header
		.split(';')
		.map((part) => part.trim())
		.filter((pair) => pair.includes('='))
		.map((pair) => ({ pair, value: pair.slice(pair.indexOf('=') + 1).trim() }));
}

/**
 * Bounds of the cookie jar: Jira needs a handful of cookies (its session, XSRF, a balancer's affinity). A server
 * that sets a new cookie name on every answer must not grow every request's Cookie header and the saved snapshot
 * without end (Tomcat refuses headers beyond 8 KB by default).
 */
const MAX_COOKIES = 30;
const MAX_COOKIE_BYTES = 6 * 1024;

/** Jira's session cookie: kept whatever else is dropped. */
const SESSION_COOKIE = 'JSESSIONID';

/**
 * Drops cookies beyond the bounds, newest names first: the cookies set at login (session, affinity) stay, and a
 * cookie that is only updated keeps its place.
 */
export async function capJar(jar: HttpClient['jar']): Promise<void> {
	const cookies = await jar.store.getAllCookies();
	if (cookies.length <= MAX_COOKIES && bytes(cookies) <= MAX_COOKIE_BYTES) return;
	const ordered = [...cookies].sort(
		(a, b) =>
			Number(b.key === SESSION_COOKIE) - Number(a.key === SESSION_COOKIE) ||
			a.creationIndex - b.creationIndex,
	);
	let count = 0;
	let size = 0;
	for (const cookie of ordered) {
		size += cookie.cookieString().length + 2;
		if (++count <= MAX_COOKIES && size <= MAX_COOKIE_BYTES) continue;
		await jar.store.removeCookie(cookie.domain, cookie.path, cookie.key);
	}
}

function bytes(cookies: Array<{ cookieString(): string }>): number {
	return cookies.reduce((sum, cookie) => sum + cookie.cookieString().length + 2, 0);
}
