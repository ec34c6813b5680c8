import { BigPictureError, redact, type ErrorReason, type Step } from './errors';
import type { HttpRequest, HttpResponse } from './http';

/** `METHOD /path` of a request, for messages (query strings left out: they may carry user data). */
export function describeRequest(request: Pick<HttpRequest, 'method' | 'path'>): string {
	return `${request.method} ${request.path.split('?')[0]}`;
}

function looksLikeHtml(response: HttpResponse): boolean {
	return /html/i.test(response.headers['content-type'] ?? '') || /^\s*</.test(response.text);
}

/** Parses a JSON answer; an HTML page, an empty body or broken JSON is a clear error, never a silent nothing. */
export function parseJson(response: HttpResponse, request: HttpRequest): unknown {
	const where = describeRequest(request);
	if (response.status === 204 || (response.text === '' && request.method === 'DELETE')) return {};
	if (looksLikeHtml(response)) {
		throw new BigPictureError(
			`Jira answered ${where} with an HTML page instead of JSON (HTTP ${response.status})`,
			{
				step: request.step,
				reason: 'bad-response',
				status: response.status,
				request: where,
				hint: 'This is usually a login page (SSO proxy, expired session) or an error page: check the base URL, its context path and the login',
			},
		);
	}
	if (response.text.trim() === '') {
		throw new BigPictureError(
			`Jira answered ${where} with an empty body (HTTP ${response.status})`,
			{
				step: request.step,
				reason: 'bad-response',
				status: response.status,
				request: where,
				hint: 'Something between n8n and Jira may have cut the answer; try again, and check proxies',
			},
		);
	}
	const parsed = tryParseJson(response.text);
	if (parsed.ok) return parsed.value;
	throw new BigPictureError(
		`Jira answered ${where} with malformed JSON (HTTP ${response.status})`,
		{
			step: request.step,
			reason: 'bad-response',
			status: response.status,
			request: where,
			hint: 'Something between n8n and Jira may have changed or cut the answer; try again, and check proxies',
		},
	);
}

/** Parsed JSON, or undefined when the text is not JSON. */
export function tryJson(text: string): unknown {
	const parsed = tryParseJson(text);
	return parsed.ok ? parsed.value : undefined;
}

function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false };
	}
}

/**
 * The safe part of an error body: JSON only, parsed whole (a long JSON 404 is still BigPicture's JSON, not a
 * missing endpoint), secrets scrubbed from every string after parsing (so that a value JSON escaped, such as
 * `\u003d` for `=`, cannot slip past), and only then shortened for showing.
 */
function safeBody(response: HttpResponse, secrets: readonly string[]): unknown {
	if (looksLikeHtml(response) || !response.text) return undefined;
	const parsed = tryParseJson(response.text);
	return parsed.ok ? redactDeep(parsed.value, secrets) : undefined;
}

/** What an error may show of a body: longer strings, more entries or deeper levels are cut, with a note. */
const SHOWN = { chars: 2000, string: 500, entries: 20, depth: 5 };

/**
 * A copy of `value` small enough for an error: each string at most SHOWN.string characters, each list or object
 * at most SHOWN.entries entries, and about SHOWN.chars characters in all (entries beyond are counted, not kept).
 */
function shorten(value: unknown, budget = { left: SHOWN.chars }, depth = 0): unknown {
	if (typeof value === 'string') {
		const kept = shortenText(value);
		budget.left -= kept.length + 3;
		return kept;
	}
	if (!value || typeof value !== 'object') {
		budget.left -= String(value).length + 1;
		return value;
	}
	if (depth >= SHOWN.depth) return '…';
	const entries = Array.isArray(value)
		? value.map((entry, index) => [index, entry] as const)
		: Object.entries(value);
	const kept: Array<readonly [string | number, unknown]> = [];
	for (const [key, entry] of entries) {
		if (kept.length >= SHOWN.entries || budget.left <= 0) break;
		budget.left -= String(key).length + 3;
		kept.push([key, shorten(entry, budget, depth + 1)]);
	}
	const more = entries.length - kept.length;
	if (Array.isArray(value)) {
		const list = kept.map(([, entry]) => entry);
		return more ? [...list, `… ${more} more`] : list;
	}
	const object = Object.fromEntries(kept);
	return more ? { ...object, '…': `${more} more fields` } : object;
}

function shortenText(text: string): string {
	return text.length > SHOWN.string
		? `${text.slice(0, SHOWN.string)}… (${text.length} characters)`
		: text;
}

function redactDeep(value: unknown, secrets: readonly string[]): unknown {
	if (typeof value === 'string') return redact(value, secrets);
	if (Array.isArray(value)) return value.map((entry) => redactDeep(entry, secrets));
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => [
				redact(key, secrets),
				redactDeep(entry, secrets),
			]),
		);
	}
	return value;
}

/** A human summary from Jira's or BigPicture's error JSON (`errorMessages`, `message`, `errors`). */
export function apiMessage(body: unknown): string | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const record = body as Record<string, unknown>;
	const parts: string[] = [];
	if (Array.isArray(record.errorMessages)) parts.push(...record.errorMessages.map(String));
	if (record.errors && typeof record.errors === 'object') {
		for (const [field, text] of Object.entries(record.errors as Record<string, unknown>))
			parts.push(`${field}: ${String(text)}`);
	}
	for (const key of ['message', 'error', 'errorMessage']) {
		if (typeof record[key] === 'string') parts.push(record[key] as string);
	}
	return parts.length ? parts.join('; ') : undefined;
}

const STATUS_REASONS: Record<number, { reason: ErrorReason; hint: string }> = {
	400: { reason: 'http-error', hint: 'Check the parameters and the request body' },
	401: {
		reason: 'unauthorized',
		hint: 'Check the credential; the login may have expired or been revoked',
	},
	403: {
		reason: 'forbidden',
		hint: 'The Jira user lacks the BigPicture permission for this (some endpoints need an admin)',
	},
	404: {
		reason: 'not-found',
		hint: 'Check the id; the object may not exist or the user cannot see it',
	},
	409: {
		reason: 'http-error',
		hint: 'The object changed or already exists; read it again and retry',
	},
	429: {
		reason: 'rate-limited',
		hint: "Jira is throttling requests: lower the node's concurrency or try later",
	},
};

/** A 2xx answer's JSON; any other status as the error that names the step, the request and the status. */
export function answerOf(
	response: HttpResponse,
	request: HttpRequest,
	secrets: readonly string[],
): unknown {
	if (response.status >= 200 && response.status < 300) return parseJson(response, request);
	throw errorFromResponse(response, request, secrets);
}

/** Turns a non-2xx answer into an error that names the step, the request and the status. */
export function errorFromResponse(
	response: HttpResponse,
	request: HttpRequest,
	secrets: readonly string[],
	step: Step = request.step,
): BigPictureError {
	const where = describeRequest(request);
	const fullBody = safeBody(response, secrets);
	const message = apiMessage(fullBody);
	const detail = message === undefined ? undefined : shortenText(message);
	const body = fullBody === undefined ? undefined : shorten(fullBody);
	const known = STATUS_REASONS[response.status];
	let reason: ErrorReason =
		known?.reason ?? (response.status >= 500 ? 'server-error' : 'http-error');
	let hint =
		known?.hint ??
		(response.status >= 500
			? "Jira or BigPicture failed; try again later or check Jira's logs"
			: undefined);
	const retryAfter = response.headers['retry-after'];
	if (retryAfter && (response.status === 429 || response.status === 503)) {
		hint =
			`${hint ?? ''} Jira asked to wait before trying again (Retry-After: ${retryAfter.slice(0, 40)}${/^\d+$/.test(retryAfter) ? ' s' : ''}).`.trim();
	}
	if (response.status >= 500 && (request.method === 'POST' || request.method === 'PATCH')) {
		hint =
			`${hint ?? ''} A ${request.method} is never sent twice: it may have been processed, so check in BigPicture before running it again.`.trim();
	}
	if (response.status >= 300 && response.status < 400) {
		reason = 'redirect';
		hint =
			'Jira redirected the request (an SSO login or a different address). Use the final Jira address as the base URL; credentials are never sent to another address';
	}
	return new BigPictureError(
		`${where} failed with HTTP ${response.status}${detail ? `: ${redact(detail, secrets)}` : ''}`,
		{
			step,
			reason,
			status: response.status,
			request: where,
			hint,
			body,
		},
	);
}

/** Jira's Seraph headers tell a CAPTCHA lock from a wrong password. */
export function loginFailure(
	response: HttpResponse,
): 'captcha' | 'wrong-login' | 'basic-disabled' | undefined {
	const reason = (response.headers['x-seraph-loginreason'] ?? '').toUpperCase();
	const denied = (response.headers['x-authentication-denied-reason'] ?? '').toUpperCase();
	// Checked first: Jira 11 refuses Basic with AUTHENTICATION_DENIED too, but says why in the body.
	if (/basic auth\w* (is )?(disabled|not allowed|prohibited)/i.test(response.text))
		return 'basic-disabled';
	if (denied.includes('CAPTCHA') || reason.includes('AUTHENTICATION_DENIED')) return 'captcha';
	if (reason.includes('AUTHENTICATED_FAILED') || reason.includes('AUTHENTICATION_FAILED'))
		return 'wrong-login';
	return undefined;
}
