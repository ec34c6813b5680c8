/** The step of the flow that failed: every error names one, so the user knows where to look. */
export type Step = 'configuration' | 'login' | 'system/auth' | 'reauth' | 'request' | 'discovery';

export type ErrorReason =
	| 'invalid-config'
	| 'unreachable'
	| 'connection-reset'
	| 'tls'
	| 'timeout'
	| 'cancelled'
	| 'not-jira'
	| 'not-installed'
	| 'wrong-login'
	| 'captcha'
	| 'basic-disabled'
	| 'session-expired'
	| 'unauthorized'
	| 'forbidden'
	| 'not-found'
	| 'rate-limited'
	| 'server-error'
	| 'bad-response'
	| 'redirect'
	| 'http-error';

export interface BigPictureErrorDetails {
	step: Step;
	reason: ErrorReason;
	status?: number;
	/** What the user can do about it. */
	hint?: string;
	/** The request that failed, as method and path relative to the Jira base URL (never a secret). */
	request?: string;
	/** The API's own answer, when it is safe JSON (already redacted). */
	body?: unknown;
	/** The network error code (ECONNREFUSED, ENOTFOUND, …) of a failure without an answer: decisions use it, never the message. */
	code?: string;
}

/**
 * The transport's one error type. It never carries a secret: messages are built from fixed text, statuses and
 * paths, and bodies pass through `redact` first. The node layer turns it into NodeApiError/NodeOperationError.
 */
export class BigPictureError extends Error {
	readonly step: Step;

	readonly reason: ErrorReason;

	readonly status?: number;

	readonly hint?: string;

	readonly request?: string;

	readonly body?: unknown;

	readonly code?: string;

	constructor(message: string, details: BigPictureErrorDetails) {
		super(message);
		this.name = 'BigPictureError';
		this.step = details.step;
		this.reason = details.reason;
		this.status = details.status;
		this.hint = details.hint;
		this.request = details.request;
		this.body = details.body;
		this.code = details.code;
	}
}

/** Replaces every known secret (and anything that looks like a JWT) inside a string. */
export function redact(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) out = out.split(secret).join('***');
	}
	return out.replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, '***');
}
