/** Reads a JWT's `exp` (seconds) without verifying it: the client only needs to know when to renew. */
export function jwtExpiry(token: string): number | undefined {
	const payload = token.split('.')[1];
	if (!payload) return undefined;
	try {
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
			exp?: unknown;
		};
		return typeof claims.exp === 'number' ? claims.exp : undefined;
	} catch {
		return undefined;
	}
}
