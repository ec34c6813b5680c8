import { BigPictureError } from './errors';
import type { HttpClient, HttpMethod, HttpRequest, HttpResponse } from './http';
import { capJar } from './jar';
import type { RunScope } from './run';

export interface RetryPolicy {
	/** Further tries after the first one. */
	maxRetries: number;
	/** First backoff; doubles each try, with jitter. */
	baseDelayMs: number;
	maxDelayMs: number;
	/** A Retry-After longer than this is not waited for: the error says when to come back instead. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 3,
	baseDelayMs: 300,
	maxDelayMs: 5_000,
	maxRetryAfterMs: 30_000,
};

const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set<HttpMethod>(['GET', 'PUT', 'DELETE']);

function retryAfterMs(value: string | undefined): number | undefined {
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function backoffMs(attempt: number, policy: RetryPolicy): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/**
 * How long to wait before sending again, or undefined when the request must not be repeated.
 * 429 means "not processed", so any method may repeat it; 503 and other 5xx, and dropped connections, may have
 * reached the server, so only idempotent methods repeat them: a POST is never sent twice.
 */
export function retryDelay(
	method: HttpMethod,
	outcome: HttpResponse | BigPictureError,
	attempt: number,
	policy: RetryPolicy,
): number | undefined {
	if (attempt >= policy.maxRetries) return undefined;
	if (outcome instanceof BigPictureError) {
		// Refused: the request never reached Jira, so even a POST may go again.
		if (outcome.code === 'ECONNREFUSED') return backoffMs(attempt, policy);
		if (outcome.reason === 'connection-reset' && IDEMPOTENT.has(method))
			return backoffMs(attempt, policy);
		return undefined;
	}
	const { status } = outcome;
	if (status === 429 || (status === 503 && IDEMPOTENT.has(method))) {
		const asked = retryAfterMs(outcome.headers['retry-after']);
		if (asked === undefined) return backoffMs(attempt, policy);
		return asked <= policy.maxRetryAfterMs ? asked : undefined;
	}
	if (status >= 500 && status !== 501 && IDEMPOTENT.has(method)) return backoffMs(attempt, policy);
	return undefined;
}

/**
 * Whether the request may have been processed with only its answer lost: a dropped connection, a timeout, or a
 * gateway's 502/504. A 503 or 429 means "not processed", and a refused connection never reached Jira.
 */
function answerMayBeLost(outcome: HttpResponse | BigPictureError): boolean {
	if (outcome instanceof BigPictureError)
		return outcome.reason === 'connection-reset' || outcome.reason === 'timeout';
	return outcome.status === 502 || outcome.status === 504;
}

/**
 * Waits `ms`, or less if the signal fires: a Stop must not sit out a backoff or a Retry-After of half a minute.
 * Built on AbortSignal.timeout, as n8n's rules for community nodes leave timers to n8n.
 */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
	const until = signal
		? AbortSignal.any([AbortSignal.timeout(ms), signal])
		: AbortSignal.timeout(ms);
	return new Promise((resolve) => {
		if (until.aborted) resolve();
		else until.addEventListener('abort', () => resolve(), { once: true });
	});
}

/**
 * Sends until the answer is final under the policy. Throws only what `send` throws on its last try. `signal` (the
 * execution's cancel signal) cuts a wait short; the send after it then fails as cancelled.
 */
export async function withRetries(
	method: HttpMethod,
	policy: RetryPolicy,
	send: () => Promise<HttpResponse>,
	signal?: AbortSignal,
): Promise<HttpResponse> {
	let answerLost = false;
	for (let attempt = 0; ; attempt++) {
		// Transport failures are outcomes like statuses; anything else (a bug) propagates from `send` untouched.
		const outcome: HttpResponse | BigPictureError = await send().catch((error: unknown) => {
			if (error instanceof BigPictureError) return error;
			return Promise.reject(error);
		});
		if (
			method === 'DELETE' &&
			answerLost &&
			!(outcome instanceof BigPictureError) &&
			outcome.status === 404
		) {
			// The first DELETE was processed but its answer lost: the thing is gone, which is what was asked.
			return { status: 204, headers: outcome.headers, text: '' };
		}
		const delay = retryDelay(method, outcome, attempt, policy);
		if (delay === undefined) {
			if (outcome instanceof BigPictureError) throw outcome;
			return outcome;
		}
		answerLost ||= answerMayBeLost(outcome);
		await pause(delay, signal);
	}
}

/** Sends over the run's wire with the retry policy (429, 503, dropped connections), keeping the jar bounded. */
export async function sendWithRetries(
	http: HttpClient,
	request: HttpRequest,
	run: RunScope,
	policy: RetryPolicy,
): Promise<HttpResponse> {
	const response = await withRetries(
		request.method,
		policy,
		() => http.send({ ...request, signal: run.signal }, run.send),
		run.signal,
	);
	await capJar(http.jar);
	return response;
}
