import {
	NodeApiError,
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type INode,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { CREDENTIAL_TYPES, toConnection, type WayIn } from '../transport/connections';
import { BigPictureError } from '../transport/errors';
import type { HttpMethod } from '../transport/http';
import { apiMessage } from '../transport/responses';
import { RunScope } from '../transport/run';
import { openSession, type App } from '../transport/sessions';
import { openTokenSession, type ApiSession } from '../transport/tokenSession';
import { ENDPOINTS, endpointPath, type Endpoint, type EndpointName } from './endpoints';
import { httpRequestWire } from './wire';

export const CREDENTIAL_TYPE = 'bigPictureApi';

type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** A node-wide parameter: an execution reads it at item 0, load-options and polls have no items. */
function nodeParameter(context: Context, name: string, fallback: string): unknown {
	return 'getInputData' in context
		? context.getNodeParameter(name, 0, fallback)
		: context.getNodeParameter(name, fallback);
}

/** The node's "Connect With"; workflows saved before it existed have none and keep their Jira login. */
export function wayOf(context: Context): WayIn {
	const value = nodeParameter(context, 'authentication', 'jiraLogin');
	return value === 'apiToken' || value === 'cloud' ? value : 'jiraLogin';
}

/** BigPicture's public API wraps every answer as `{currentVersion, latestVersion, cargo}`. */
function unwrapCargo(body: unknown): unknown {
	if (body && typeof body === 'object' && 'cargo' in (body as object))
		return (body as { cargo: unknown }).cargo;
	return body;
}

/** Sentences joined with ". ", whether or not each one already ends with a period (hints differ). */
function joinSentences(parts: Array<string | undefined>): string {
	return parts
		.map((part) => part?.trim().replace(/\.+$/, ''))
		.filter(Boolean)
		.join('. ');
}

/** `8.24` → `8.24`, `8.24.0` → `8.24`: how the vendor writes versions in prose. */
function shortVersion(version: string): string {
	return version.replace(/\.0$/, '');
}

/** What a 404 of an endpoint of the table means: see `notFoundError`. */
interface NotFoundContext {
	name: EndpointName;
	/** What a JSON 404 means for this call, e.g. `Box "PROG-9" does not exist`. */
	notFound?: string;
}

/**
 * Turns a 404 into the error the user needs. BigPicture answers a known route with an unknown id with JSON, while
 * an endpoint the installed version does not have falls through to Jira's HTML 404 page (no JSON body): that one
 * names the minimum version.
 */
function notFoundError(
	node: INode,
	{ name, notFound }: NotFoundContext,
	error: BigPictureError,
	itemIndex?: number,
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
 * The one place where failures become n8n's error types: a NodeApiError that names the step, the request and the
 * status, with the hint as its description; configuration problems (and anything that is not the transport's)
 * become NodeOperationError; a 404 of an endpoint of the table is told apart (missing endpoint vs unknown id).
 * Never a secret: the transport's messages are built without them, and bodies are redacted before they get here.
 */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
	endpoint?: NotFoundContext,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof BigPictureError) {
		if (endpoint && error.status === 404 && error.step === 'request') {
			return notFoundError(node, endpoint, error, itemIndex);
		}
		const description = joinSentences([
			error.hint,
			`Step: ${error.step}${error.request ? ` (${error.request})` : ''}`,
		]);
		if (error.step === 'configuration') {
			return new NodeOperationError(node, error.message, { description, itemIndex });
		}
		const response: JsonObject = { message: error.message, step: error.step, reason: error.reason };
		if (error.status) response.httpCode = String(error.status);
		if (error.body && typeof error.body === 'object') response.body = error.body as JsonObject;
		const nodeError = new NodeApiError(node, response, {
			message: error.message,
			description,
			httpCode: error.status ? String(error.status) : undefined,
			itemIndex,
		});
		// n8n swaps a message that names a network code (ECONNREFUSED, ENOTFOUND…) for a generic sentence ("The
		// service refused the connection"); ours says which server, and the description what to check.
		nodeError.message = error.message;
		return nodeError;
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, message, { itemIndex });
}

/** What a value looks like, for messages: `null`, `an array`, `an object`, `a string`… */
function shapeOf(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'nothing';
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export interface UnexpectedShape {
	/** The call, as the message names it, e.g. `Get absences`. */
	what: string;
	/** What came back (its shape is named, never its content). */
	value: unknown;
	itemIndex?: number;
	/** What the operation needed (default: a list). */
	expected?: string;
	/** Who answered (default: BigPicture). */
	from?: 'BigPicture' | 'Jira';
	/** What the user can do (default: check the version, or look at the raw answer). */
	hint?: string;
}

/**
 * The one error for an answer that is not what the operation needs (e.g. not a list): never a silent empty result
 * and never wrong items.
 */
export function unexpectedShape(
	node: INode,
	{ what, value, itemIndex, expected = 'a list', from = 'BigPicture', hint }: UnexpectedShape,
): NodeApiError {
	return new NodeApiError(
		node,
		{ message: `${what} answered in an unexpected shape`, cargoType: shapeOf(value) },
		{
			message: `${from} answered in an unexpected shape (${what.charAt(0).toLowerCase()}${what.slice(1)}: ${shapeOf(value)} instead of ${expected})`,
			description: joinSentences([
				'The answer was not what this operation expects, so no items are output rather than wrong ones',
				hint ??
					'Check the BigPicture version, or use the Custom API Call resource to see the raw answer',
			]),
			itemIndex,
		},
	);
}

/** A path the user typed (Custom API Call) instead of an endpoint of the table. */
export interface RawTarget {
	api: 'bigpicture' | 'jira';
	method: HttpMethod;
	/** Relative to the API base (the caller has checked that it stays there). */
	path: string;
}

export interface RequestOptions {
	/** Values for the path's `{placeholders}`. */
	params?: Record<string, string>;
	query?: Record<string, string | number | boolean | undefined>;
	body?: unknown;
	/**
	 * The box the call is about: fills the path's `{boxId}`, and a JSON 404 then says that box does not exist.
	 * A 404 without JSON (an HTML page) means the endpoint itself is missing.
	 */
	box?: string;
	/** What a JSON 404 means otherwise, e.g. `No absence starting …`; without it the API's own message is used. */
	notFound?: string;
	/** Keep BigPicture's `{currentVersion, latestVersion, cargo}` envelope (default: return the cargo). */
	keepEnvelope?: boolean;
}

/** The node's App (the trigger has none: it watches BigPicture's boxes). */
function appOf(context: Context): App {
	const value = nodeParameter(context, 'app', 'bigPicture');
	return value === 'bigGantt' || value === 'bigTemplate' ? value : 'bigPicture';
}

/**
 * A node run's handle on the BigPicture session: the credential is read once, the session comes from the
 * process's memory layer or the workflow's static data, and `close()` seals what changed back into it.
 */
export class BigPictureClient {
	private readonly memo = new Map<string, Promise<unknown>>();

	/**
	 * This run of the node: its requests go through n8n's helper of this context and end when the execution is
	 * stopped; a login that failed (or did not help) is tried once per run, not once per item.
	 */
	private readonly run: RunScope;

	/** Per-request timeout for this run (the node's Timeout option), or the transport's default. */
	timeoutMs?: number;

	private constructor(
		private readonly context: Context,
		private readonly opened: { session: ApiSession; save(): Promise<void> },
	) {
		const signal =
			'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal?.() : undefined;
		this.run = new RunScope(
			httpRequestWire(async (options) => await context.helpers.httpRequest(options)),
			signal,
		);
	}

	static async open(
		context: Context,
		credentials?: ICredentialDataDecryptedObject,
	): Promise<BigPictureClient> {
		const way = credentials ? 'jiraLogin' : wayOf(context);
		const data = credentials ?? (await context.getCredentials(CREDENTIAL_TYPES[way]));
		try {
			const connection = toConnection(
				way,
				data as Record<string, unknown>,
				context.getNode().credentials?.[CREDENTIAL_TYPES[way]]?.id ?? undefined,
			);
			const app = appOf(context);
			if (connection.way !== 'jiraLogin' && app !== 'bigPicture') {
				throw new BigPictureError(
					`${app === 'bigGantt' ? 'BigGantt' : 'BigTemplate'} needs the Jira login: a BigPicture API token opens BigPicture's API only`,
					{
						step: 'configuration',
						reason: 'invalid-config',
						hint: 'Set Connect With to Jira Login (Data Center), or App to BigPicture',
					},
				);
			}
			// Static data exists only in executions; load-options calls live on the memory layer alone.
			const staticData =
				'getWorkflowStaticData' in context ? context.getWorkflowStaticData('global') : undefined;
			if (connection.way !== 'jiraLogin')
				return new BigPictureClient(context, await openTokenSession(connection.config, staticData));
			return new BigPictureClient(context, await openSession(connection.config, staticData, app));
		} catch (error) {
			throw toNodeError(context.getNode(), error);
		}
	}

	/**
	 * The node's one way to BigPicture and Jira: an endpoint of the table (or a path the user typed), its answer as
	 * parsed JSON, BigPicture's envelope unwrapped unless asked to keep it. Every failure comes out as an n8n error
	 * for this item (see `toNodeError`).
	 */
	async apiRequest(
		target: EndpointName | RawTarget,
		options: RequestOptions = {},
		itemIndex?: number,
	): Promise<unknown> {
		const endpoint =
			typeof target === 'string'
				? {
						name: target,
						notFound: options.box ? `Box "${options.box}" does not exist` : options.notFound,
					}
				: undefined;
		const { api = 'bigpicture', method }: Pick<Endpoint, 'api' | 'method'> = endpoint
			? ENDPOINTS[endpoint.name]
			: (target as RawTarget);
		let answer: unknown;
		try {
			const path = endpoint
				? endpointPath(endpoint.name, {
						...(options.box ? { boxId: options.box } : {}),
						...options.params,
					})
				: (target as RawTarget).path;
			answer = await this.opened.session.request(
				{ api, method, path, query: options.query, body: options.body, timeoutMs: this.timeoutMs },
				this.run,
			);
		} catch (error) {
			throw toNodeError(this.context.getNode(), error, itemIndex, endpoint);
		}
		return api === 'jira' || options.keepEnvelope ? answer : unwrapCargo(answer);
	}

	/** Shares one read between the items of this run (e.g. the box hierarchy for 1,000 lookups). */
	once<T>(key: string, load: () => Promise<T>): Promise<T> {
		let pending = this.memo.get(key) as Promise<T> | undefined;
		if (!pending) {
			pending = load();
			this.memo.set(key, pending);
			pending.catch(() => this.memo.delete(key));
		}
		return pending;
	}

	/** Seals the session's state into the workflow's static data, if it changed. */
	async close(): Promise<void> {
		await this.opened.save();
	}
}
