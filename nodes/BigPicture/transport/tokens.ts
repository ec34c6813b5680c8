import { jwtTimes } from './jwt';
import type { RunScope } from './run';

/** BigPicture's documented lifetimes, for tokens that do not say (no JWT, or no `exp`). */
export const AUTH_LIFE_MS = 15 * 60_000;
export const REFRESH_LIFE_MS = 7 * 24 * 3600_000;

/** Renew this long before expiry (capped to a quarter of the token's life, for short-lived test tokens). */
const RENEW_MARGIN_MS = 60_000;

/**
 * When to renew a token received at `receivedAt` (local clock): its lifetime `exp - iat` counted from then, so that
 * a clock that differs from Jira's does not make every call renew. Only a token with `exp` and no `iat` falls back
 * to the absolute `exp`.
 */
export function renewAt(token: string, receivedAt: number, fallbackLifeMs: number): number {
	const { iat, exp } = jwtTimes(token);
	let lifeMs = fallbackLifeMs;
	if (exp !== undefined && iat !== undefined && exp > iat) lifeMs = (exp - iat) * 1000;
	else if (exp !== undefined && iat === undefined) lifeMs = exp * 1000 - receivedAt;
	const margin = Math.min(RENEW_MARGIN_MS, Math.max(0, lifeMs) / 4);
	return receivedAt + lifeMs - margin;
}

/** Where the current authentication token came from: it decides what a 401 for it means. */
export type TokenOrigin = 'login' | 'reauth' | 'restored';

export interface Tokens {
	authentication: string;
	refresh: string;
	/** Local clock (epoch ms) when each token was received, and when it should be renewed. */
	authReceivedAt: number;
	refreshReceivedAt: number;
	authRenewAt: number;
	refreshRenewAt: number;
	origin: TokenOrigin;
	/** The run whose login produced these tokens: a 401 for them in that same run means the login did not help. */
	run?: RunScope;
}

export function newTokens(
	authentication: string,
	refresh: { value: string; receivedAt: number },
	authReceivedAt: number,
	origin: TokenOrigin,
	run?: RunScope,
): Tokens {
	return {
		authentication,
		refresh: refresh.value,
		authReceivedAt,
		refreshReceivedAt: refresh.receivedAt,
		authRenewAt: renewAt(authentication, authReceivedAt, AUTH_LIFE_MS),
		refreshRenewAt: renewAt(refresh.value, refresh.receivedAt, REFRESH_LIFE_MS),
		origin,
		run,
	};
}
