'use strict';
/**
 * A small runner that executes the BUILT BigPicture node (dist/) through n8n-core's real WorkflowExecute, the way
 * the n8n CLI runs a manual execution: "Start (trigger emitting the bench items) → BigPicture". It exists so the
 * benchmark measures the node as n8n runs it (parameter resolution, pairedItem, continueOnFail, static data), not
 * a shortcut. The test suite has the richer TypeScript harness (test/harness); this is its minimal plain-JS cousin.
 *
 * n8n-core reads its settings from the environment when its first service is built: they are set here, before
 * n8n-core is required, to a throw-away folder.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-bench-n8n-'));
process.env.N8N_USER_FOLDER = userFolder;
process.env.N8N_ENCRYPTION_KEY ??= 'n8n-nodes-bigpicture-bench-key';
process.env.N8N_LOG_LEVEL ??= 'silent';
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';
process.once('exit', () => fs.rmSync(userFolder, { recursive: true, force: true }));

const workflowLib = require('n8n-workflow');
const core = require('n8n-core');

// n8n-core has its own copy of @n8n/di: its Container is the one that holds n8n-core's services.
const n8nCoreRoot = path.dirname(require.resolve('n8n-core/package.json'));
const { Container } = require(require.resolve('@n8n/di', { paths: [n8nCoreRoot] }));

const ROOT = path.resolve(__dirname, '..', '..');
const { BigPicture } = require(path.join(ROOT, 'dist/nodes/BigPicture/BigPicture.node.js'));
const { BigPictureApi } = require(path.join(ROOT, 'dist/credentials/BigPictureApi.credentials.js'));
const sessions = require(path.join(ROOT, 'dist/nodes/BigPicture/transport/sessions.js'));

const NODE_TYPE = 'n8n-nodes-bigpicture.bigPicture';
const START_TYPE = 'bench.start';

/** Items the start node emits on the next run. */
let pendingItems = [{}];

/** A manual-trigger-like start node that emits the bench's items. */
class BenchStart {
	constructor() {
		this.description = {
			displayName: 'Bench Start',
			name: 'start',
			group: ['trigger'],
			version: 1,
			description: 'Emits the benchmark items',
			eventTriggerDescription: '',
			defaults: { name: 'Start' },
			inputs: [],
			outputs: ['main'],
			properties: [],
		};
	}

	/** n8n calls it with the trigger context as `this`; a manual run then calls manualTriggerFunction. */
	async trigger() {
		const context = this;
		return {
			manualTriggerFunction: async () => {
				context.emit([pendingItems.map((json) => ({ json }))]);
			},
		};
	}
}

const nodeTypeList = { [NODE_TYPE]: new BigPicture(), [START_TYPE]: new BenchStart() };
const nodeTypes = {
	getByName: (name) => nodeTypeList[name],
	getByNameAndVersion: (name, version) => workflowLib.NodeHelpers.getVersionedNodeType(nodeTypeList[name], version),
	getKnownTypes: () => ({}),
};

const credentialType = new BigPictureApi();

/** The credentials helper: hands the node the decrypted credential data with the type's defaults, as n8n does. */
class BenchCredentialsHelper extends workflowLib.ICredentialsHelper {
	constructor() {
		super();
		this.data = {};
	}

	getParentTypes() {
		return [];
	}

	async authenticate(_credentials, _typeName, requestOptions) {
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	getCredentialsProperties() {
		return credentialType.properties;
	}

	isCredentialUsableByNode() {
		return true;
	}

	async getCredentials() {
		throw new Error('not used by the bench');
	}

	async getDecrypted() {
		const defaults = {};
		for (const property of credentialType.properties) defaults[property.name] = property.default;
		return { ...defaults, ...this.data };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}
}

const credentialsHelper = new BenchCredentialsHelper();
let initialised;
let executionCounter = 0;

async function initialise() {
	await Container.get(core.BinaryDataService).init();
}

/** What n8n hands every node context: the credentials helper, the instance's URLs, no sub-workflows or runners. */
function baseAdditionalData() {
	const base = 'http://localhost:5678';
	return {
		credentialsHelper,
		executeWorkflow: async () => {
			throw new Error('no sub-workflows in the bench');
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
		variables: {},
		externalSecretsProxy: Container.get(core.ExternalSecretsProxy),
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('no task runners in the bench');
		},
	};
}

/**
 * Runs "Start → BigPicture" once.
 * @param {object} spec
 * @param {Record<string, unknown>} spec.parameters  the BigPicture node's parameters
 * @param {Record<string, unknown>} spec.credential  the credential data (baseUrl, username, password...)
 * @param {object[]} spec.items                       JSON of the input items
 * @param {object} [spec.staticData]                 workflow static data going in
 * @param {boolean} [spec.continueOnFail]
 * @returns {Promise<{items: object[], error?: object, staticData: object, ms: number}>}
 */
async function runNode(spec) {
	await (initialised ??= initialise());
	pendingItems = spec.items;
	credentialsHelper.data = spec.credential;
	const nodes = [
		{ id: 'start', name: 'Start', type: START_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'bigpicture',
			name: 'BigPicture',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [220, 0],
			parameters: spec.parameters,
			credentials: { bigPictureApi: { id: '1', name: 'BigPicture (bench)' } },
			...(spec.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
		},
	];
	const connections = { Start: { main: [[{ node: 'BigPicture', type: 'main', index: 0 }]] } };
	const settings = { executionOrder: 'v1' };
	const staticData = JSON.parse(JSON.stringify(spec.staticData ?? {}));
	const workflow = new workflowLib.Workflow({
		id: 'bench-workflow',
		name: 'Bench',
		nodes,
		connections,
		active: false,
		nodeTypes,
		staticData,
		settings,
	});
	const executionId = String(++executionCounter);
	const now = new Date();
	const workflowData = {
		id: 'bench-workflow',
		name: 'Bench',
		active: false,
		isArchived: false,
		createdAt: now,
		updatedAt: now,
		nodes,
		connections,
		settings,
		staticData,
		activeVersionId: null,
	};
	const hooks = new core.ExecutionLifecycleHooks('manual', executionId, workflowData);
	const additionalData = { ...baseAdditionalData(), executionId, workflowId: 'bench-workflow', hooks };
	const started = process.hrtime.bigint();
	const run = await new core.WorkflowExecute(additionalData, 'manual').run({ workflow });
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const task = run.data.resultData.runData.BigPicture?.[0];
	return {
		items: task?.data?.main?.[0] ?? [],
		error: task?.error ?? run.data.resultData.error,
		staticData: JSON.parse(JSON.stringify(workflow.staticData)),
		ms,
	};
}

/**
 * Runs one of the node's list searches (`methods.listSearch[method]`) in n8n-core's LoadOptionsContext, as n8n does
 * when the editor opens or filters a "From List" picker: a one-node workflow, the credential, the filter and page.
 * @returns {Promise<{result: {results: object[], paginationToken?: string}, ms: number}>}
 */
async function listSearch({ method, credential, filter, paginationToken }) {
	await (initialised ??= initialise());
	credentialsHelper.data = credential;
	const node = {
		id: 'bigpicture',
		name: 'BigPicture',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { bigPictureApi: { id: '1', name: 'BigPicture (bench)' } },
	};
	const workflow = new workflowLib.Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const context = new core.LoadOptionsContext(workflow, node, baseAdditionalData(), 'parameters');
	const started = process.hrtime.bigint();
	const result = await nodeTypeList[NODE_TYPE].methods.listSearch[method].call(context, filter, paginationToken);
	return { result, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

module.exports = { runNode, listSearch, clearSessions: sessions.clearSessions };
