import { BigPictureError } from './errors';

/**
 * BigPicture Cloud's discovery rules, pure: `GET <discovery URL>` with the token answers `{"location": "https://…"}`
 * and the API lives at `{location}/rest`. The token may go to two origins only, the discovery URL's and the
 * location's; a location that is not https is refused, unless the discovery URL itself is plain http on a loopback
 * host and so is the location (tests and local tunnels: nothing crosses a network).
 */

export interface CloudLocation {
	/** The location as answered, normalised: origin + path, no trailing slash. */
	location: string;
	/** `{location}/rest`: public API paths such as `public/ppm/box/box-hierarchy` go below it. */
	apiBase: string;
	origin: string;
}

/** 127.0.0.0/8, ::1 and localhost (a hostname as `URL.hostname` gives it, IPv6 in brackets). */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
	return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

function discoveryError(message: string, hint: string, status?: number): BigPictureError {
	return new BigPictureError(message, { step: 'discovery', reason: 'bad-response', status, hint });
}

const HINT =
	"Check the discovery URL of the credential (the default is BigPicture Cloud's); if it is right, BigPicture Cloud answered something unexpected: try again later";

/** Checks discovery's answer body and returns where the tenant's API is. */
export function parseDiscoveryAnswer(body: unknown, discoveryUrl: string): CloudLocation {
	const raw =
		body && typeof body === 'object' && !Array.isArray(body)
			? (body as Record<string, unknown>).location
			: undefined;
	if (typeof raw !== 'string' || !URL.canParse(raw.trim())) {
		throw discoveryError('BigPicture Cloud discovery answered without a valid location', HINT);
	}
	const url = new URL(raw.trim());
	const discovery = new URL(discoveryUrl);
	const localTest =
		discovery.protocol === 'http:' &&
		isLoopbackHost(discovery.hostname) &&
		isLoopbackHost(url.hostname);
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && localTest)) {
		throw discoveryError(
			`BigPicture Cloud discovery answered a location that is not https (${url.protocol}//${url.host}); the token is not sent there`,
			HINT,
		);
	}
	if (url.username || url.password || url.search || url.hash) {
		throw discoveryError(
			'BigPicture Cloud discovery answered a location with a login, query or fragment; the token is not sent there',
			HINT,
		);
	}
	const location = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
	return { location, apiBase: `${location}/rest`, origin: url.origin };
}

/** Whether a URL may receive the Cloud token: only the discovery URL's origin and the location's. */
export function mayReceiveToken(
	url: string,
	discoveryUrl: string,
	location?: CloudLocation,
): boolean {
	if (!URL.canParse(url)) return false;
	const { origin } = new URL(url);
	return (
		origin === new URL(discoveryUrl).origin ||
		(location !== undefined && origin === location.origin)
	);
}
