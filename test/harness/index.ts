/**
 * Test harness: runs nodes through n8n's real execution machinery.
 *
 * A workflow is built with n8n-workflow's `Workflow` and executed by n8n-core's `WorkflowExecute`,
 * so node code runs in the `ExecuteContext` n8n-core creates: real `getNodeParameter`
 * (expressions, resource locators, defaults), `getCredentials` (through the harness's
 * ICredentialsHelper, which holds the decrypted data the test gives), `getWorkflowStaticData`,
 * `continueOnFail`/`onError`, `helpers.httpRequest*`, pairedItem handling and error wrapping.
 * Load-options, list-search and credential-test methods run in n8n-core's `LoadOptionsContext`
 * and `CredentialTestContext`, built the way n8n's CLI builds them.
 *
 * API
 * ---
 *   const harness = createHarness({
 *     nodeTypes: [new BigPicture()],          // INodeType | IVersionedNodeType
 *     credentialTypes: [new BigPictureApi()],
 *     // packageName: 'n8n-nodes-bigpicture' (default: package.json name) → type 'n8n-nodes-bigpicture.bigPicture'
 *   });
 *
 *   // Shorthand: "Start (manual trigger) → Items (fixture, if inputItems) → node"
 *   const result = await harness.run({
 *     node: { type: 'bigPicture', name: 'BigPicture', parameters: { resource: 'box', ... } },
 *     inputItems: [{ json: { id: 1 } }, { json: { id: 2 } }],           // or plain objects
 *     credentials: { bigPictureApi: { id: '1', name: 'BP', data: { baseUrl, ... } } },
 *     staticData,                // workflow static data going in (shape `{ global: {...}, 'node:Name': {...} }`)
 *     mode: 'trigger',           // WorkflowExecuteMode, default 'manual'
 *     signal,                    // an AbortSignal: when it fires, the execution is stopped (the user's Stop)
 *   });
 *   // or a whole workflow: harness.run({ nodes: INode[], connections: IConnections, ... })
 *   //   (harness.workflowFor(node, inputItems) builds the chain the shorthand uses)
 *
 *   result.outputOf('BigPicture')     // INodeExecutionData[] of main output 0 (outputOf(name, i) for others)
 *   result.outputsOf('BigPicture')    // all main outputs
 *   result.errorOf('BigPicture')      // the node's error as n8n-core stores it: `{ ...error, message, stack }`,
 *                                     //   a plain object (no instanceof): check `name` ('NodeApiError', ...), httpCode, context...
 *   result.error                      // the execution's error (resultData.error), if the run failed
 *   result.status                     // 'success' | 'error' | ...
 *   result.staticData                 // static data as n8n would have it saved after this run: pass it to the next run
 *   result.staticDataChanged          // n8n-core's `__dataChanged` rule: the node changed static data
 *   result.staticDataPersisted        // n8n saves it only when changed AND mode !== 'manual' (like the CLI)
 *   result.staticDataAfterRun         // the in-memory static data at the end of the run (whatever the mode)
 *   result.credentials                // the credential store after the run (preAuthentication writes etc.)
 *   result.runData                    // the raw IRunExecutionData;  result.run: the IRun
 *   result.executionOrder             // node names in the order they finished
 *
 *   await harness.loadOptions({ nodeType: 'bigPicture', method: 'getBoxes', parameters, credentials });
 *   await harness.listSearch({ nodeType: 'bigPicture', method: 'searchBoxes', filter: 'x', parameters, credentials });
 *   await harness.testCredential('bigPictureApi', { data: {...} });   // → INodeCredentialTestResult
 *
 * Credentials given to `createHarness`, `run`, `loadOptions`, ... go into one store per harness
 * (keyed by credential type); a node without `credentials` gets every stored credential its type
 * declares. What n8n writes back (preAuthentication, OAuth tokens) stays in the store.
 */
import { Container, harnessUserFolder } from './n8n-environment';

import * as fs from 'node:fs';
import * as path from 'node:path';

import type {
	ExecutionError,
	ExecutionStatus,
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunction,
	ICredentialTestRequest,
	ICredentialType,
	IConnections,
	IDataObject,
	IExecuteData,
	INode,
	INodeCredentials,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	INodeTypes,
	IPinData,
	IRun,
	IRunExecutionData,
	ITaskData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	NodeHelpers,
	UnexpectedError,
	UserError,
	VersionedNodeType,
	Workflow,
	createEmptyRunExecutionData,
	deepCopy,
} from 'n8n-workflow';
import {
	BinaryDataService,
	CredentialTestContext,
	ExecuteContext,
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	InstanceSettings,
	LoadOptionsContext,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';

import {
	HarnessCredentialTypes,
	HarnessCredentialsHelper,
	type CredentialUpdate,
	type HarnessCredential,
	type StoredCredential,
} from './credentials-helper';
import {
	FIXTURES_PACKAGE,
	HarnessItems,
	HarnessManualTrigger,
	ITEMS_TYPE,
	MANUAL_TRIGGER_TYPE,
} from './fixtures';
import { HarnessNodeTypes } from './node-types';

export type { CredentialUpdate, HarnessCredential, StoredCredential };
export { HarnessCredentialsHelper, HarnessCredentialTypes, HarnessNodeTypes, harnessUserFolder };
export { FIXTURES_PACKAGE, ITEMS_TYPE, MANUAL_TRIGGER_TYPE } from './fixtures';

export interface HarnessOptions {
	/** Node types under test (fixture types for the start and items nodes are always added). */
	nodeTypes: Array<INodeType | IVersionedNodeType>;
	/** Credential types the node types use. */
	credentialTypes?: ICredentialType[];
	/** Package prefix of the node types: type names are `<packageName>.<description.name>`. Default: package.json's name. */
	packageName?: string;
	/** Credentials to start the store with, by credential type. */
	credentials?: Record<string, HarnessCredential>;
	/** Base URL of the pretend n8n instance (for $execution.resumeUrl, webhook URLs). Default http://localhost:5678 */
	instanceBaseUrl?: string;
	/** `$vars` */
	variables?: IDataObject;
}

/** A node for the shorthand chain: `type` may be the short name (`bigPicture`). */
export type NodeSpec = Partial<Omit<INode, 'type'>> & { type: string };

/** An input item: an `INodeExecutionData` (json, binary) or a plain JSON object. */
export type InputItem = INodeExecutionData | IDataObject;

export interface RunOptions {
	/** Shorthand: runs `Start → [Items] → node`. Give either `node` or `nodes` + `connections`. */
	node?: NodeSpec;
	nodes?: INode[];
	connections?: IConnections;
	/** With `node`: items fed to it through the Items fixture node (none: it gets the trigger's one empty item). */
	inputItems?: InputItem[];
	/** Credentials to add to (or replace in) the harness's store before the run, by credential type. */
	credentials?: Record<string, HarnessCredential>;
	/** Workflow static data going in (`{ global: {...}, 'node:<name>': {...} }`). */
	staticData?: IDataObject;
	/** Execution mode. Default 'manual'. n8n persists static data only in the other modes. */
	mode?: WorkflowExecuteMode;
	/** Workflow settings; default `{ executionOrder: 'v1' }` as for workflows created in n8n 1+. */
	settings?: IWorkflowSettings;
	/** Pinned data by node name (n8n uses it instead of running those nodes). */
	pinData?: IPinData;
	/** Node to start from (default: n8n's choice, the trigger). */
	startNode?: string;
	/** Only run up to this node (inclusive). */
	destinationNode?: string;
	workflowId?: string;
	workflowName?: string;
	/** Stops the execution when it fires, as n8n does when the user presses Stop (WorkflowExecute's cancel). */
	signal?: AbortSignal;
}

export interface HarnessRunResult {
	run: IRun;
	runData: IRunExecutionData;
	status: ExecutionStatus;
	/** The execution's error (`resultData.error`): set when a node failed without continueOnFail. */
	error: ExecutionError | undefined;
	executionOrder: string[];
	workflow: Workflow;
	/** Items of a node's main output (default output 0, run 0). Throws if the node did not produce data. */
	outputOf(nodeName: string, outputIndex?: number, runIndex?: number): INodeExecutionData[];
	/** All main outputs of a node (run 0 by default). */
	outputsOf(nodeName: string, runIndex?: number): INodeExecutionData[][];
	/** The error n8n-core stored for a node (run 0 by default): a plain copy of the thrown error (check `name`). */
	errorOf(nodeName: string, runIndex?: number): ExecutionError | undefined;
	/** The raw task data of a node's run. */
	taskOf(nodeName: string, runIndex?: number): ITaskData | undefined;
	/** Static data as the n8n CLI would hold it after this run (input data unless it was persisted). */
	staticData: IDataObject;
	staticDataChanged: boolean;
	staticDataPersisted: boolean;
	staticDataAfterRun: IDataObject;
	/** The credential store after the run. */
	credentials: Record<string, StoredCredential>;
	/** Credential writes n8n made during this run. */
	credentialUpdates: CredentialUpdate[];
}

export interface DynamicMethodOptions {
	/** Node type (full or short name). */
	nodeType: string;
	/** Method name in `methods.loadOptions` / `methods.listSearch`. */
	method: string;
	/** The node's current parameters (as the editor sends them). */
	parameters?: INodeParameters;
	/** Credentials to store first; the temp node references every stored credential its type declares. */
	credentials?: Record<string, HarnessCredential>;
	/** Explicit node credentials (overrides the automatic reference). */
	nodeCredentials?: INodeCredentials;
	/** Path of the parameter being loaded, e.g. 'parameters.box'. Default 'parameters'. */
	path?: string;
	typeVersion?: number;
}

export interface ListSearchOptions extends DynamicMethodOptions {
	filter?: string;
	paginationToken?: string;
}

function readPackageName(): string {
	const file = path.resolve(__dirname, '..', '..', 'package.json');
	return (JSON.parse(fs.readFileSync(file, 'utf8')) as { name: string }).name;
}

function latestVersion(type: INodeType | IVersionedNodeType): number {
	if (type instanceof VersionedNodeType || 'nodeVersions' in type) {
		return (type as IVersionedNodeType).currentVersion;
	}
	const { version } = (type as INodeType).description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

function toExecutionData(item: InputItem): INodeExecutionData {
	const maybe = item as INodeExecutionData;
	if (typeof maybe.json === 'object' && maybe.json !== null && !Array.isArray(maybe.json)) {
		return { json: maybe.json, ...(maybe.binary ? { binary: maybe.binary } : {}) };
	}
	return { json: item as IDataObject };
}

let initialization: Promise<void> | undefined;

/** One-time n8n-core set-up for this module instance (each jest test file has its own). */
async function initializeN8nCore(): Promise<void> {
	const { n8nFolder } = Container.get(InstanceSettings);
	if (!path.resolve(n8nFolder).startsWith(path.resolve(harnessUserFolder))) {
		throw new UnexpectedError(
			`n8n-core's InstanceSettings use "${n8nFolder}", not the harness's temp folder: ` +
				'something created them before the harness was imported. Import the harness first.',
		);
	}
	await Container.get(BinaryDataService).init();
}

export class Harness {
	readonly nodeTypes = new HarnessNodeTypes();

	readonly credentialTypes = new HarnessCredentialTypes();

	readonly credentialsHelper: HarnessCredentialsHelper;

	readonly packageName: string;

	private readonly instanceBaseUrl: string;

	private readonly variables: IDataObject;

	private executionCounter = 0;

	constructor(options: HarnessOptions) {
		this.packageName = options.packageName ?? readPackageName();
		this.instanceBaseUrl = (options.instanceBaseUrl ?? 'http://localhost:5678').replace(/\/$/, '');
		this.variables = options.variables ?? {};
		this.nodeTypes.register(new HarnessManualTrigger(), FIXTURES_PACKAGE);
		this.nodeTypes.register(new HarnessItems(), FIXTURES_PACKAGE);
		for (const type of options.nodeTypes) this.nodeTypes.register(type, this.packageName);
		for (const type of options.credentialTypes ?? []) this.credentialTypes.register(type);
		this.credentialsHelper = new HarnessCredentialsHelper(this.credentialTypes);
		this.storeCredentials(options.credentials);
	}

	/** Full node type name (`package.name`) for a full or short name. */
	typeName(name: string): string {
		const fullName = this.nodeTypes.resolveName(name);
		if (!fullName) throw new UserError(`Unknown node type "${name}"`);
		return fullName;
	}

	/** Adds credentials to the store (replacing those of the same type). */
	storeCredentials(credentials: Record<string, HarnessCredential> | undefined): void {
		for (const [type, credential] of Object.entries(credentials ?? {})) {
			this.credentialsHelper.set(type, credential);
		}
	}

	/** References to the stored credentials a node type declares (for `INode.credentials`). */
	credentialsFor(nodeType: string, typeVersion?: number): INodeCredentials | undefined {
		const type = this.nodeTypes.getByNameAndVersion(this.typeName(nodeType), typeVersion);
		const references: INodeCredentials = {};
		for (const { name } of type.description.credentials ?? []) {
			const stored = this.credentialsHelper.get(name);
			if (stored) references[name] = { id: stored.id, name: stored.name };
		}
		return Object.keys(references).length > 0 ? references : undefined;
	}

	/** A complete INode from a spec: full type name, latest version, default name, credentials. */
	completeNode(spec: NodeSpec, index = 0): INode {
		const type = this.typeName(spec.type);
		const nodeType = this.nodeTypes.getByName(type);
		const typeVersion = spec.typeVersion ?? latestVersion(nodeType);
		const description = NodeHelpers.getVersionedNodeType(nodeType, typeVersion).description;
		const node: INode = {
			...spec,
			id: spec.id ?? `node-${index}`,
			name: spec.name ?? description.defaults.name ?? description.displayName,
			type,
			typeVersion,
			position: spec.position ?? [index * 220, 0],
			parameters: deepCopy(spec.parameters ?? {}),
		};
		if (spec.credentials === undefined) {
			const credentials = this.credentialsFor(type, typeVersion);
			if (credentials) node.credentials = credentials;
		}
		return node;
	}

	/** The shorthand chain: `Start → [Items] → node`, as nodes and connections. */
	workflowFor(spec: NodeSpec, inputItems?: InputItem[]): { nodes: INode[]; connections: IConnections } {
		const start = this.completeNode({ type: MANUAL_TRIGGER_TYPE, name: 'Start' }, 0);
		const chain: INode[] = [start];
		if (inputItems !== undefined) {
			chain.push(
				this.completeNode(
					{
						type: ITEMS_TYPE,
						name: 'Items',
						parameters: { items: JSON.stringify(inputItems.map(toExecutionData)) },
					},
					1,
				),
			);
		}
		chain.push(this.completeNode(spec, chain.length));
		const connections: IConnections = {};
		for (let i = 0; i + 1 < chain.length; i++) {
			connections[chain[i].name] = { main: [[{ node: chain[i + 1].name, type: 'main', index: 0 }]] };
		}
		return { nodes: chain, connections };
	}

	/** The IWorkflowExecuteAdditionalData n8n-core needs, as the CLI's getBase() builds it (without a database). */
	additionalData(overrides: Partial<IWorkflowExecuteAdditionalData> = {}): IWorkflowExecuteAdditionalData {
		const base = this.instanceBaseUrl;
		const additionalData: IWorkflowExecuteAdditionalData = {
			credentialsHelper: this.credentialsHelper,
			executeWorkflow: async () => {
				throw new UserError('The test harness does not run sub-workflows');
			},
			getRunExecutionData: async () => undefined,
			getRuntimeCredential: async () => undefined,
			currentNodeExecutionIndex: 0,
			restApiUrl: `${base}/rest`,
			instanceBaseUrl: `${base}/`,
			formBaseUrl: `${base}/form`,
			formWaitingBaseUrl: `${base}/form-waiting`,
			formTestBaseUrl: `${base}/form-test`,
			webhookBaseUrl: `${base}/webhook`,
			webhookWaitingBaseUrl: `${base}/webhook-waiting`,
			webhookTestBaseUrl: `${base}/webhook-test`,
			mcpBaseUrl: `${base}/mcp`,
			mcpTestBaseUrl: `${base}/mcp-test`,
			variables: deepCopy(this.variables),
			externalSecretsProxy: Container.get(ExternalSecretsProxy), // no manager: no $secrets
			logAiEvent: () => {},
			startRunnerTask: async () => {
				throw new UserError('The test harness has no task runners (Code node)');
			},
			...overrides,
		};
		return additionalData;
	}

	/** Runs a workflow through n8n-core's WorkflowExecute. Node failures do not reject: see `result.error`. */
	async run(options: RunOptions): Promise<HarnessRunResult> {
		await (initialization ??= initializeN8nCore());
		this.storeCredentials(options.credentials);
		const updatesBefore = this.credentialsHelper.updates.length;

		let nodes: INode[];
		let connections: IConnections;
		if (options.node) {
			({ nodes, connections } = this.workflowFor(options.node, options.inputItems));
		} else if (options.nodes) {
			nodes = options.nodes.map((node, index) => this.completeNode(node, index));
			connections = deepCopy(options.connections ?? {});
		} else {
			throw new UserError('harness.run needs `node` or `nodes`');
		}

		const mode: WorkflowExecuteMode = options.mode ?? 'manual';
		const executionId = String(++this.executionCounter);
		const workflowId = options.workflowId ?? 'harness-workflow';
		const settings: IWorkflowSettings = { executionOrder: 'v1', ...options.settings };
		const staticDataIn = deepCopy(options.staticData ?? {});
		const workflow = new Workflow({
			id: workflowId,
			name: options.workflowName ?? 'Harness workflow',
			nodes,
			connections,
			active: mode !== 'manual',
			nodeTypes: this.nodeTypes,
			staticData: deepCopy(staticDataIn),
			settings,
			pinData: options.pinData,
		});
		const now = new Date();
		const workflowData: IWorkflowBase = {
			id: workflowId,
			name: workflow.name ?? '',
			active: workflow.active,
			isArchived: false,
			createdAt: now,
			updatedAt: now,
			nodes,
			connections,
			settings,
			staticData: staticDataIn,
			pinData: options.pinData,
			activeVersionId: null,
		};

		const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
		const executionOrder: string[] = [];
		let newStaticData: IDataObject | undefined;
		hooks.addHandler('nodeExecuteAfter', (nodeName) => {
			executionOrder.push(nodeName);
		});
		hooks.addHandler('workflowExecuteAfter', (_run, staticData) => {
			newStaticData = staticData;
		});

		const additionalData = this.additionalData({ executionId, workflowId, hooks });
		const workflowExecute = new WorkflowExecute(additionalData, mode);
		const startNode = options.startNode ? workflow.getNode(options.startNode) ?? undefined : undefined;
		const running = workflowExecute.run({
			workflow,
			startNode,
			destinationNode: options.destinationNode
				? { nodeName: options.destinationNode, mode: 'inclusive' }
				: undefined,
			pinData: options.pinData,
		});
		options.signal?.addEventListener('abort', () => running.cancel(), { once: true });
		const run = await running;

		const staticDataChanged = newStaticData !== undefined;
		const staticDataAfterRun = deepCopy(workflow.staticData);
		// n8n's CLI: `if (!isManualMode && isWorkflowIdValid(id) && newStaticData) saveStaticDataById(...)`
		const staticDataPersisted = staticDataChanged && mode !== 'manual';
		const { runData } = run.data.resultData;
		const taskOf = (nodeName: string, runIndex = 0): ITaskData | undefined =>
			runData[nodeName]?.[runIndex];
		const describeRun = (): string =>
			Object.entries(runData)
				.map(([name, tasks]) => {
					const error = tasks[0]?.error;
					return `${name}: ${error ? `error "${error.message}"` : 'ok'}`;
				})
				.join('; ') || 'no node ran';
		const outputsOf = (nodeName: string, runIndex = 0): INodeExecutionData[][] => {
			const task = taskOf(nodeName, runIndex);
			if (!task) {
				throw new UserError(`Node "${nodeName}" has no run ${runIndex} (${describeRun()})`);
			}
			if (!task.data) {
				throw new UserError(
					`Node "${nodeName}" produced no data${task.error ? `: ${task.error.message}` : ''}`,
				);
			}
			return (task.data.main ?? []).map((items) => items ?? []);
		};

		return {
			run,
			runData: run.data,
			status: run.status,
			error: run.data.resultData.error,
			executionOrder,
			workflow,
			taskOf,
			outputsOf,
			outputOf: (nodeName, outputIndex = 0, runIndex = 0) =>
				outputsOf(nodeName, runIndex)[outputIndex] ?? [],
			errorOf: (nodeName, runIndex = 0) => taskOf(nodeName, runIndex)?.error,
			staticData: staticDataPersisted ? deepCopy(staticDataAfterRun) : staticDataIn,
			staticDataChanged,
			staticDataPersisted,
			staticDataAfterRun,
			credentials: this.credentialsHelper.all(),
			credentialUpdates: this.credentialsHelper.updates.slice(updatesBefore),
		};
	}

	/** A one-node workflow and LoadOptionsContext, as the CLI's DynamicNodeParametersService makes them. */
	private loadOptionsContext(options: DynamicMethodOptions): LoadOptionsContext {
		this.storeCredentials(options.credentials);
		const node = this.completeNode({
			type: options.nodeType,
			name: 'Temp-Node',
			id: 'uuid-1234',
			typeVersion: options.typeVersion,
			parameters: options.parameters ?? {},
			credentials: options.nodeCredentials,
		});
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: this.nodeTypes,
		});
		// The editor sends the node's parameters with their defaults filled in (its store holds them so), which is
		// what n8n-core checks a credential's displayOptions against.
		const { description } = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const additionalData = this.additionalData({
			currentNodeParameters:
				NodeHelpers.getNodeParameters(description.properties, options.parameters ?? {}, true, false, node, description) ??
				{},
		});
		return new LoadOptionsContext(
			workflow,
			workflow.getNode('Temp-Node') ?? node,
			additionalData,
			options.path ?? 'parameters',
		);
	}

	private method(kind: 'loadOptions' | 'listSearch', options: DynamicMethodOptions): Function {
		const type = this.nodeTypes.getByNameAndVersion(this.typeName(options.nodeType), options.typeVersion);
		const method = (type.methods?.[kind] as Record<string, Function> | undefined)?.[options.method];
		if (typeof method !== 'function') {
			throw new UserError(`Node type "${options.nodeType}" has no ${kind} method "${options.method}"`);
		}
		return method;
	}

	/** Runs `methods.loadOptions[method]` in n8n-core's LoadOptionsContext. */
	async loadOptions(options: DynamicMethodOptions): Promise<INodePropertyOptions[]> {
		await (initialization ??= initializeN8nCore());
		const method = this.method('loadOptions', options);
		return (await method.call(this.loadOptionsContext(options))) as INodePropertyOptions[];
	}

	/** Runs `methods.listSearch[method]` in n8n-core's LoadOptionsContext. */
	async listSearch(options: ListSearchOptions): Promise<INodeListSearchResult> {
		await (initialization ??= initializeN8nCore());
		const method = this.method('listSearch', options);
		return (await method.call(
			this.loadOptionsContext(options),
			options.filter,
			options.paginationToken,
		)) as INodeListSearchResult;
	}

	/**
	 * Tests a credential as n8n's CredentialsTester does: defaults are added to the data, then the
	 * credential type's `test` request or a node's `testedBy` (method in n8n-core's
	 * CredentialTestContext, or request through n8n-core's RoutingNode) is run.
	 */
	async testCredential(type: string, credential: HarnessCredential): Promise<INodeCredentialTestResult> {
		await (initialization ??= initializeN8nCore());
		const test = this.findCredentialTest(type);
		if (!test) return { status: 'Error', message: 'No testing function found for this credential.' };

		const additionalData = this.additionalData();
		const decrypted: ICredentialsDecrypted = {
			id: credential.id ?? '1',
			name: credential.name ?? this.credentialTypes.getByName(type).displayName,
			type,
			data: deepCopy(credential.data),
		};
		try {
			decrypted.data = await this.credentialsHelper.applyDefaults(
				additionalData,
				decrypted.data as ICredentialDataDecryptedObject,
				type,
				'internal',
			);
		} catch (error) {
			return { status: 'Error', message: String((error as Error).message) };
		}

		if (typeof test === 'function') {
			return await test.call(new CredentialTestContext(), decrypted);
		}
		return await this.runCredentialTestRequest(type, decrypted, test, additionalData);
	}

	private findCredentialTest(
		type: string,
	): ICredentialTestFunction | { nodeType?: INodeType; request: ICredentialTestRequest } | undefined {
		const credentialType = this.credentialTypes.getByName(type);
		if (credentialType.test) return { request: credentialType.test };
		for (const [, nodeType] of this.nodeTypes.entries()) {
			const versions: INodeType[] =
				'nodeVersions' in nodeType
					? Object.keys(nodeType.nodeVersions)
							.map(Number)
							.sort((a, b) => b - a)
							.map((v) => nodeType.nodeVersions[v])
					: [nodeType];
			for (const version of versions) {
				for (const { name, testedBy } of version.description.credentials ?? []) {
					if (name !== type || !testedBy) continue;
					if (typeof testedBy === 'string') {
						const fn = version.methods?.credentialTest?.[testedBy];
						if (fn) return fn;
						continue;
					}
					return { nodeType: version, request: testedBy };
				}
			}
		}
		return undefined;
	}

	private async runCredentialTestRequest(
		type: string,
		decrypted: ICredentialsDecrypted,
		test: { nodeType?: INodeType; request: ICredentialTestRequest },
		additionalData: IWorkflowExecuteAdditionalData,
	): Promise<INodeCredentialTestResult> {
		const baseDescription = test.nodeType?.description ?? {
			displayName: 'Credential test',
			name: 'credentialTest',
			group: [],
			version: 1,
			description: '',
			defaults: {},
			inputs: [],
			outputs: [],
			properties: [],
		};
		const nodeType: INodeType = {
			description: {
				...baseDescription,
				credentials: [{ name: type, required: true }],
				properties: [
					{
						displayName: 'Temp',
						name: 'temp',
						type: 'string',
						routing: { request: test.request.request },
						default: '',
					},
				],
			},
		};
		const nodeTypes: INodeTypes = {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		};
		const node: INode = {
			id: 'temp',
			name: 'Temp-Node',
			type: nodeType.description.name,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			credentials: { [type]: { id: decrypted.id, name: decrypted.name } },
		};
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		const executeData: IExecuteData = { node, data: {}, source: null };
		const context = new ExecuteContext(
			workflow,
			node,
			additionalData,
			'internal',
			createEmptyRunExecutionData(),
			0,
			[],
			{ main: [[{ json: {} }]] },
			executeData,
			[],
		);
		let response: INodeExecutionData[][] | null | undefined;
		try {
			response = await new RoutingNode(context, nodeType, decrypted).runNode();
		} catch (error) {
			const cause = (error as { cause?: { response?: { status: number; statusText?: string }; code?: string } })
				.cause;
			if (cause?.response) {
				const { status, statusText } = cause.response;
				for (const rule of test.request.rules ?? []) {
					if (rule.type === 'responseCode' && rule.properties.value === status) {
						return { status: 'Error', message: rule.properties.message };
					}
				}
				if (status < 199 || status > 299) {
					return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
				}
			} else if (cause?.code) {
				return { status: 'Error', message: cause.code };
			}
			return { status: 'Error', message: String((error as Error).message) };
		}
		for (const rule of test.request.rules ?? []) {
			if (rule.type === 'responseSuccessBody') {
				const body = response?.[0]?.[0]?.json ?? {};
				const value = rule.properties.key
					.split('.')
					.reduce<unknown>((obj, key) => (obj as IDataObject | undefined)?.[key], body);
				if (value === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
		}
		return { status: 'OK', message: 'Connection successful!' };
	}
}

/** Creates a harness for the given node and credential types. */
export function createHarness(options: HarnessOptions): Harness {
	return new Harness(options);
}
