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
import { RunScope } from '../transport/run';
import type { ApiRequest } from '../transport/session';
import { openSession, type App } from '../transport/sessions';
import { openTokenSession, type ApiSession } from '../transport/tokenSession';
import { httpRequestWire } from './wire';

export const CREDENTIAL_TYPE = 'bigPictureApi';

type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** The node's "Connect With"; workflows saved before it existed have none and keep their Jira login. */
export function wayOf(context: Context): WayIn {
	const value =
		'getInputData' in context
			? context.getNodeParameter('authentication', 0, 'jiraLogin')
			: context.getNodeParameter('authentication', 'jiraLogin');
	return value === 'apiToken' || value === 'cloud' ? value : 'jiraLogin';
}

/** BigPicture's public API wraps every answer as `{currentVersion, latestVersion, cargo}`. */
export function unwrapCargo(body: unknown): unknown {
	if (body && typeof body === 'object' && 'cargo' in (body as object))
		return (body as { cargo: unknown }).cargo;
	return body;
}

/** Sentences joined with ". ", whether or not each one already ends with a period (hints differ). */
export function joinSentences(parts: Array<string | undefined>): string {
	return parts
		.map((part) => part?.trim().replace(/\.+$/, ''))
		.filter(Boolean)
		.join('. ');
}

/**
 * Turns any transport failure into n8n's error types: a NodeApiError that names the step, the request and the
 * status, with the hint as its description; configuration problems become NodeOperationError. Never a secret:
 * the transport's messages are built without them, and bodies are redacted before they get here.
 */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof BigPictureError) {
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
		return new NodeApiError(node, response, {
			message: error.message,
			description,
			httpCode: error.status ? String(error.status) : undefined,
			itemIndex,
		});
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, message, { itemIndex });
}

/** The node's App (the trigger has none: it watches BigPicture's boxes). */
function appOf(context: Context): App {
	const value =
		'getInputData' in context
			? context.getNodeParameter('app', 0, 'bigPicture')
			: context.getNodeParameter('app', 'bigPicture');
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
			const connection = toConnection(way, data as Record<string, unknown>);
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

	get session(): ApiSession {
		return this.opened.session;
	}

	/** Any request through the session; the answer as parsed JSON (envelope kept). */
	async request(request: ApiRequest, itemIndex?: number): Promise<unknown> {
		try {
			return await this.send(request);
		} catch (error) {
			throw toNodeError(this.context.getNode(), error, itemIndex);
		}
	}

	/** Like `request`, but transport failures stay BigPictureErrors (for callers that tell 404s apart). */
	async send(request: ApiRequest): Promise<unknown> {
		return await this.opened.session.request({ timeoutMs: this.timeoutMs, ...request }, this.run);
	}

	/** A BigPicture public-API call, unwrapped from its `cargo` envelope. */
	async cargo(request: ApiRequest, itemIndex?: number): Promise<unknown> {
		return unwrapCargo(await this.request(request, itemIndex));
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
