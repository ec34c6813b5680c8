/**
 * The harness's `ICredentialsHelper`: what n8n-core calls when a node runs `this.getCredentials()`,
 * `this.helpers.httpRequestWithAuthentication()` and friends. It stands in for the CLI's
 * database-backed CredentialsHelper and follows its rules:
 * - `getDecrypted` finds the credential by node credential id + type (error if missing, as in n8n),
 *   adds the credential type's defaults (`NodeHelpers.getNodeParameters`) and resolves
 *   expressions in the data, with the running item's context when n8n-core passes one;
 * - `authenticate` applies a credential type's `authenticate` (function or generic);
 * - `preAuthentication` runs the type's `preAuthentication` when its `expirable` hidden field is
 *   empty or expired, and stores the refreshed data (as n8n writes it back to the database);
 * - `updateCredentials*` write to the in-memory store, so later runs see the new data.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	IDataObject,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	ICredentialsHelper,
	NodeHelpers,
	UnexpectedError,
	UserError,
	Workflow,
	deepCopy,
	isExpression,
} from 'n8n-workflow';
import { Credentials, getAdditionalKeys } from 'n8n-core';

/** A credential as a test gives it: the decrypted data n8n would hold for it. */
export interface HarnessCredential {
	/** Credential id, as referenced by `node.credentials[type].id`. Default: `'1'`. */
	id?: string;
	/** Credential name. Default: the credential type's displayName. */
	name?: string;
	/** Decrypted credential data, as stored by n8n (before defaults are added). */
	data: ICredentialDataDecryptedObject;
}

/** A stored credential, after defaults for id and name. */
export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/** Credential types known to the harness, by name (`ICredentialType.name`). */
export class HarnessCredentialTypes {
	private readonly types = new Map<string, ICredentialType>();

	register(type: ICredentialType): void {
		this.types.set(type.name, type);
	}

	has(name: string): boolean {
		return this.types.has(name);
	}

	getByName(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) {
			throw new UnexpectedError(`Unknown credential type "${name}" (not given to createHarness)`);
		}
		return type;
	}

	getParentTypes(name: string): string[] {
		const parents = this.types.get(name)?.extends ?? [];
		return parents.reduce<string[]>(
			(all, parent) => [...all, parent, ...this.getParentTypes(parent)],
			[],
		);
	}

	/** All properties of a credential type, its parents' first (as n8n merges them). */
	getProperties(name: string): INodeProperties[] {
		const type = this.getByName(name);
		if (!type.extends) return type.properties;
		const merged: INodeProperties[] = [];
		for (const parent of type.extends) {
			NodeHelpers.mergeNodeProperties(merged, this.getProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(merged, type.properties);
		return merged;
	}
}

/** Node types for the throw-away one-node workflow used to resolve credential expressions. */
const NO_PROPERTIES_NODE_TYPE: INodeType = {
	description: {
		displayName: 'Credential expression resolver',
		name: 'credentialExpressionResolver',
		group: [],
		version: 1,
		description: '',
		defaults: {},
		inputs: [],
		outputs: [],
		properties: [],
	},
};
const RESOLVER_NODE_TYPES: INodeTypes = {
	getByName: () => NO_PROPERTIES_NODE_TYPE,
	getByNameAndVersion: () => NO_PROPERTIES_NODE_TYPE,
	getKnownTypes: () => ({}),
};
const RESOLVER_NODE: INode = {
	id: 'credential-expression-resolver',
	name: '',
	type: 'credentialExpressionResolver',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** One recorded write of credential data by n8n (preAuthentication, OAuth token refresh, ...). */
export interface CredentialUpdate {
	type: string;
	id: string;
	data: ICredentialDataDecryptedObject;
}

export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly store = new Map<string, StoredCredential>();

	/** Every credential write n8n made through this helper, oldest first. */
	readonly updates: CredentialUpdate[] = [];

	constructor(private readonly credentialTypes: HarnessCredentialTypes) {
		super();
	}

	/** Adds or replaces the credential of a type. */
	set(type: string, credential: HarnessCredential): StoredCredential {
		const stored: StoredCredential = {
			id: credential.id ?? '1',
			name: credential.name ?? this.credentialTypes.getByName(type).displayName,
			type,
			data: deepCopy(credential.data),
		};
		this.store.set(type, stored);
		return stored;
	}

	/** The stored credential of a type (a copy), or undefined. */
	get(type: string): StoredCredential | undefined {
		const stored = this.store.get(type);
		return stored ? deepCopy(stored) : undefined;
	}

	/** All stored credentials, by type (copies). */
	all(): Record<string, StoredCredential> {
		const result: Record<string, StoredCredential> = {};
		for (const [type, stored] of this.store) result[type] = deepCopy(stored);
		return result;
	}

	private find(nodeCredentials: INodeCredentialsDetails, type: string): StoredCredential {
		if (!nodeCredentials.id) {
			throw new UserError(
				`Credential "${nodeCredentials.name}" of type "${type}" has no id (set node.credentials.${type}.id)`,
			);
		}
		const stored = this.store.get(type);
		if (!stored || stored.id !== nodeCredentials.id) {
			throw new UserError(
				`Credential with ID "${nodeCredentials.id}" does not exist for type "${type}".`,
			);
		}
		return stored;
	}

	getParentTypes(name: string): string[] {
		return this.credentialTypes.getParentTypes(name);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		if (!this.credentialTypes.has(credentialType)) return true;
		const type = this.credentialTypes.getByName(credentialType);
		if (!type.restrictToSupportedNodes) return true;
		const supported = type.supportedNodes ?? [];
		const shortName = nodeType.slice(nodeType.lastIndexOf('.') + 1);
		return supported.includes(nodeType) || supported.includes(shortName);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.credentialTypes.getProperties(type);
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentials> {
		const stored = this.find(nodeCredentials, type);
		// n8n-core's own Credentials class (encrypts with the instance's key, from the temp folder)
		const credentials = new Credentials({ id: stored.id, name: stored.name }, type);
		credentials.setData(deepCopy(stored.data));
		return credentials;
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.find(nodeCredentials, type);
		const data = deepCopy(stored.data);
		if (raw === true) return data;
		return await this.applyDefaults(
			additionalData,
			data,
			type,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	/** Adds the credential type's defaults and resolves expressions, as the n8n CLI does. */
	async applyDefaults(
		additionalData: IWorkflowExecuteAdditionalData,
		original: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const properties = this.getCredentialsProperties(type);
		let data = (NodeHelpers.getNodeParameters(
			properties,
			original as INodeParameters,
			true,
			false,
			null,
			null,
		) ?? {}) as ICredentialDataDecryptedObject;
		if (original.oauthTokenData !== undefined) data.oauthTokenData = original.oauthTokenData;

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		if (expressionResolveValues) {
			try {
				data = expressionResolveValues.workflow.expression.getParameterValue(
					data as INodeParameters,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					data,
				) as ICredentialDataDecryptedObject;
			} catch (error) {
				if (error instanceof Error) error.message += ' [Error resolving credentials]';
				throw error;
			}
			return data;
		}

		const workflow = new Workflow({
			nodes: [{ ...RESOLVER_NODE }],
			connections: {},
			active: false,
			nodeTypes: RESOLVER_NODE_TYPES,
		});
		const acquired = await workflow.expression.acquireIsolate();
		try {
			return workflow.expression.getComplexParameterValue(
				RESOLVER_NODE,
				data as INodeParameters,
				mode,
				additionalKeys,
				undefined,
				undefined,
				data,
			) as ICredentialDataDecryptedObject;
		} finally {
			if (acquired) await workflow.expression.releaseIsolate();
		}
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.credentialTypes.getByName(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type === 'generic') {
			if (!workflow || !node) {
				throw new UnexpectedError(
					'Workflow and node are required for declarative credential authentication',
				);
			}
			const resolve = (value: string): string => {
				if (!isExpression(value)) return value;
				const resolved = workflow.expression.getSimpleParameterValue(
					node,
					value,
					'internal',
					{ $credentials: credentials },
					undefined,
					'',
				);
				return resolved ? String(resolved) : '';
			};
			const target = requestOptions as unknown as Record<string, IDataObject | undefined>;
			for (const [section, entries] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(entries as IDataObject)) {
					const bucket = (target[section] ??= {});
					bucket[resolve(key)] = resolve(String(value));
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.credentialTypes.getByName(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;

		const output = (await type.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
		if (output[expirable.name] === undefined) return undefined;
		const nodeCredentials = node.credentials?.[type.name];
		if (!nodeCredentials) return undefined;

		const stored = this.find(nodeCredentials, type.name);
		const toPersist: ICredentialDataDecryptedObject = { ...stored.data };
		for (const [key, value] of Object.entries(output)) {
			// like n8n: never replace a field the user wrote as an expression by its resolved value
			if (key === expirable.name || !isExpression(stored.data[key])) toPersist[key] = value;
		}
		await this.updateCredentials(nodeCredentials, type.name, toPersist);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.credentialTypes.getByName(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		return (output as ICredentialDataDecryptedObject | undefined) ?? undefined;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = this.find(nodeCredentials, type);
		stored.data = deepCopy(data);
		this.updates.push({ type, id: stored.id, data: deepCopy(data) });
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = this.find(nodeCredentials, type);
		stored.data = { ...stored.data, oauthTokenData: deepCopy(data.oauthTokenData) };
		this.updates.push({ type, id: stored.id, data: deepCopy(stored.data) });
	}
}
