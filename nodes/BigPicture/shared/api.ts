import { NodeApiError, type IExecuteFunctions, type INode, type JsonObject } from 'n8n-workflow';

import { BigPictureError } from '../transport/errors';
import { apiMessage } from '../transport/responses';
import type { BigPictureClient } from './client';
import { toNodeError, unwrapCargo } from './client';
import { ENDPOINTS, endpointPath, type EndpointName } from './endpoints';
import { getBoxId } from './params';

export interface EndpointCall {
	/** Values for the path's `{placeholders}`. */
	params?: Record<string, string>;
	query?: Record<string, string | number | boolean | undefined>;
	body?: unknown;
	/**
	 * What a JSON 404 means for this call, e.g. `Box "PROG-9" does not exist`. Without it the API's own message
	 * is used. A 404 without JSON (an HTML page) means the endpoint itself is missing: see `callEndpoint`.
	 */
	notFound?: string;
	/** Keep the `{currentVersion, latestVersion, cargo}` envelope (default: return the cargo). */
	keepEnvelope?: boolean;
}

/** `8.24` → `8.24`, `8.24.0` → `8.24`: how the vendor writes versions in prose. */
function shortVersion(version: string): string {
	return version.replace(/\.0$/, '');
}

/**
 * Turns a 404 into the error the user needs. BigPicture answers a known route with an unknown id with JSON, while
 * an endpoint the installed version does not have falls through to Jira's HTML 404 page (no JSON body): that one
 * names the minimum version.
 */
export function notFoundError(
	node: INode,
	name: EndpointName,
	error: BigPictureError,
	itemIndex: number,
	notFound?: string,
): NodeApiError {
	const endpoint = ENDPOINTS[name];
	const response: JsonObject = {
		message: error.message,
		httpCode: '404',
		endpoint: `${endpoint.method} ${endpoint.path}`,
	};
	if (error.body === undefined || error.body === null) {
		const needs = endpoint.minVersion
			? `needs BigPicture ${shortVersion(endpoint.minVersion)}+ (or the endpoint is not available)`
			: 'is not available on this Jira';
		return new NodeApiError(node, response, {
			message: `${endpoint.label} ${needs}`,
			description: [
				`BigPicture answered ${error.request ?? endpoint.path} with a page that is not JSON (HTTP 404): this BigPicture does not have the endpoint.`,
				endpoint.minVersion
					? `Upgrade BigPicture to ${shortVersion(endpoint.minVersion)} or later`
					: undefined,
				endpoint.confirmed
					? undefined
					: 'The path of this endpoint is not confirmed by public documentation; if your version has it under another path, use the Custom API Call resource',
			]
				.filter(Boolean)
				.join('. '),
			httpCode: '404',
			itemIndex,
		});
	}
	const detail = apiMessage(error.body);
	response.body = error.body as JsonObject;
	return new NodeApiError(node, response, {
		message: notFound ?? `Not found: ${detail ?? error.message}`,
		description: [detail, `Request: ${error.request ?? endpoint.path}`].filter(Boolean).join('. '),
		httpCode: '404',
		itemIndex,
	});
}

/**
 * Calls one endpoint of the table for one item. Errors become n8n errors; a 404 is told apart (missing endpoint
 * on an older BigPicture vs an unknown id), and every other failure keeps the transport's message and hint.
 */
export async function callEndpoint(
	node: INode,
	client: BigPictureClient,
	name: EndpointName,
	itemIndex: number,
	call: EndpointCall = {},
): Promise<unknown> {
	const endpoint = ENDPOINTS[name];
	const api = 'api' in endpoint ? endpoint.api : 'bigpicture';
	let answer: unknown;
	try {
		answer = await client.send({
			method: endpoint.method,
			path: endpointPath(name, call.params),
			query: call.query,
			body: call.body,
			api,
		});
	} catch (error) {
		if (error instanceof BigPictureError && error.status === 404 && error.step === 'request') {
			throw notFoundError(node, name, error, itemIndex, call.notFound);
		}
		throw toNodeError(node, error, itemIndex);
	}
	return api === 'jira' || call.keepEnvelope ? answer : unwrapCargo(answer);
}

/** What a value looks like, for messages: `null`, `an array`, `an object`, `a string`… */
function shapeOf(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'nothing';
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * The error for an answer whose cargo is not what the operation needs (e.g. a list): never a silent empty result.
 * `what` names the call, e.g. `Get absences`.
 */
export function unexpectedShape(
	node: INode,
	what: string,
	cargo: unknown,
	itemIndex: number,
	expected = 'a list',
): NodeApiError {
	return new NodeApiError(
		node,
		{ message: `${what} answered in an unexpected shape`, cargoType: shapeOf(cargo) },
		{
			message: `BigPicture answered in an unexpected shape (${what.charAt(0).toLowerCase()}${what.slice(1)}: ${shapeOf(cargo)} instead of ${expected})`,
			description:
				'The answer was not what this operation expects, so no items are output rather than wrong ones. Check the BigPicture version, or use the Custom API Call resource to see the raw answer.',
			itemIndex,
		},
	);
}

/** Calls an endpoint about the box of the item's `boxId` locator; a JSON 404 says that box does not exist. */
export async function callBoxEndpoint(
	this: IExecuteFunctions,
	client: BigPictureClient,
	name: EndpointName,
	itemIndex: number,
	call: Omit<EndpointCall, 'params' | 'notFound'> = {},
): Promise<{ boxId: string; cargo: unknown }> {
	const boxId = getBoxId.call(this, 'boxId', itemIndex);
	const cargo = await callEndpoint(this.getNode(), client, name, itemIndex, {
		...call,
		params: { boxId },
		notFound: `Box "${boxId}" does not exist`,
	});
	return { boxId, cargo };
}
