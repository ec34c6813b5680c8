/**
 * The one thing the transport asks of the outside world: send one HTTP request and hand back its answer. n8n
 * supplies it (its request helpers, see shared/wire.ts), so n8n's proxy settings, SSRF policy and cancel signal
 * apply; tests can supply the same. The transport keeps everything else: the target checks, the cookie jar, the
 * whole-answer deadline, the body cap, redaction and the classification of failures.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface WireRequest {
	method: HttpMethod;
	/** The whole URL, query included. Never followed elsewhere: a redirect is an answer like any other. */
	url: string;
	headers: Record<string, string>;
	/** The JSON text of the body, if any. */
	body?: string;
	/** The library's own timeout (connect, idle); the transport enforces the whole-answer deadline itself. */
	timeoutMs: number;
	/** Aborted at the deadline or when the execution is stopped: the request must end then. */
	signal: AbortSignal;
	/** False when the credential says "Ignore SSL Issues". */
	rejectUnauthorized: boolean;
}

export interface WireResponse {
	/** Every status is an answer (no library error for a 4xx, 5xx or 3xx). */
	status: number;
	/** Header names in lower case; `set-cookie` as a list. */
	headers: Record<string, unknown>;
	/** The raw body: text, bytes, or a stream of chunks, which the transport reads under its size cap. */
	body?: string | Uint8Array | AsyncIterable<Uint8Array | string> | null;
}

/**
 * Sends one request. Throws when no whole answer came: the error's `code` (or its cause's) is Node's or the
 * library's (ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED, …), so that failures are told apart by codes alone.
 */
export type SendOne = (request: WireRequest) => Promise<WireResponse>;
