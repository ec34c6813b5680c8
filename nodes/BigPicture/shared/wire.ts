import type { IHttpRequestOptions } from 'n8n-workflow';

import type { SendOne, WireResponse } from '../transport/wire';

/** n8n's answer with `returnFullResponse`. */
interface FullResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: WireResponse['body'];
}

/**
 * The wire through n8n's `helpers.httpRequest` (executions, load options, list search): n8n's proxy settings and
 * SSRF policy apply. No redirect is followed, every status is an answer, and the body comes as a stream, which the
 * transport reads under its size cap and drops at the deadline or on Stop.
 */
export function httpRequestWire(
	httpRequest: (options: IHttpRequestOptions) => Promise<unknown>,
): SendOne {
	return async (request) => {
		const answer = (await httpRequest({
			method: request.method,
			url: request.url,
			headers: request.headers,
			body: request.body,
			json: false,
			disableFollowRedirect: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			encoding: 'stream',
			skipSslCertificateValidation: !request.rejectUnauthorized,
			timeout: request.timeoutMs,
			abortSignal: request.signal,
		})) as FullResponse;
		return { status: answer.statusCode, headers: answer.headers, body: answer.body };
	};
}
