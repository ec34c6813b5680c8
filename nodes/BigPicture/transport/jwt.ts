/** Reads a JWT's `iat` and `exp` (seconds) without verifying it: the client only needs to know when to renew. */
export function jwtTimes(token: string): { iat?: number; exp?: number } {
	const payload = token.split('.')[1];
	if (!payload) return {};
	try {
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
			iat?: unknown;
			exp?: unknown;
		};
		return {
			iat: typeof claims.iat === 'number' ? claims.iat : undefined,
			exp: typeof claims.exp === 'number' ? claims.exp : undefined,
		};
	} catch {
		return {};
	}
}
