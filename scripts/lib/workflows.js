'use strict';
/**
 * Credentials and workflows as `n8n import:*` takes them, and the examples in examples/ rewritten to a given
 * credential.
 */
const fs = require('node:fs');
const path = require('node:path');
const { REPO, PACKAGE } = require('./package');

const NODE_TYPE = `${PACKAGE.name}.bigPicture`;
const CREDENTIAL_TYPE = 'bigPictureApi';
const EXAMPLES_DIR = path.join(REPO, 'examples');

/**
 * A BigPicture API credential for import:credentials (n8n encrypts `data` on import).
 * @param {{id: string, name: string, baseUrl: string, username?: string, password?: string,
 *   authentication?: 'basic'|'cookie'|'pat', sessionCookie?: string, personalAccessToken?: string}} c
 */
function bigPictureCredential(c) {
	const data = {
		baseUrl: c.baseUrl,
		authentication: c.authentication || 'basic',
		username: c.username || '',
		password: c.password || '',
		ignoreSslIssues: false,
		apiPath: 'auto',
		authorizationFormat: 'raw',
	};
	if (data.authentication === 'cookie') data.sessionCookie = c.sessionCookie || '';
	if (data.authentication === 'pat') data.personalAccessToken = c.personalAccessToken || '';
	return { id: c.id, name: c.name, type: CREDENTIAL_TYPE, data };
}

/**
 * A BigPicture API token credential (Data Center, Connect With = BigPicture API Token).
 * @param {{id: string, name: string, baseUrl: string, apiToken: string, authorizationScheme?: 'bearer'|'apiToken',
 *   jiraToken?: string}} c
 */
function tokenCredential(c) {
	const data = {
		baseUrl: c.baseUrl,
		apiToken: c.apiToken,
		authorizationScheme: c.authorizationScheme || 'bearer',
		jiraToken: c.jiraToken || '',
		ignoreSslIssues: false,
		apiPath: 'auto',
	};
	return { id: c.id, name: c.name, type: 'bigPictureTokenApi', data };
}

/**
 * A BigPicture Cloud credential (Connect With = BigPicture Cloud).
 * @param {{id: string, name: string, apiToken: string, discoveryUrl: string,
 *   authorizationScheme?: 'bearer'|'apiToken'}} c
 */
function cloudCredential(c) {
	const data = {
		apiToken: c.apiToken,
		authorizationScheme: c.authorizationScheme || 'bearer',
		discoveryUrl: c.discoveryUrl,
		jiraSiteUrl: '',
		jiraEmail: '',
		jiraApiToken: '',
	};
	return { id: c.id, name: c.name, type: 'bigPictureCloudApi', data };
}

/** Points every BigPicture node of `workflow` at the credential {id, name} (in place; returns it). */
function useCredential(workflow, credential) {
	for (const node of workflow.nodes) {
		if (node.credentials && node.credentials[CREDENTIAL_TYPE]) {
			node.credentials[CREDENTIAL_TYPE] = { id: credential.id, name: credential.name };
		}
	}
	return workflow;
}

/**
 * examples/<name>.json with its BigPicture nodes pointed at `credential` and, when given, a fixed workflow id
 * (so that importing again updates the workflow instead of adding a copy).
 */
function loadExample(name, { credential, id, workflowName } = {}) {
	const workflow = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, `${name}.json`), 'utf8'));
	if (credential) useCredential(workflow, credential);
	if (id) workflow.id = id;
	if (workflowName) workflow.name = workflowName;
	return workflow;
}

/** The production webhook path of the first Webhook node of a workflow. */
function webhookPath(workflow) {
	const hook = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
	return hook && (hook.parameters.path || hook.webhookId);
}

/** A workflow of nodes in a line: [{name, type, typeVersion, parameters, ...}] → workflow JSON. */
function chain(id, name, nodes, extra = {}) {
	const connections = {};
	nodes.forEach((node, i) => {
		node.id = node.id || `${id}-${i}`;
		node.position = node.position || [i * 240, 0];
		node.typeVersion = node.typeVersion || 1;
		node.parameters = node.parameters || {};
		if (i > 0)
			connections[nodes[i - 1].name] = { main: [[{ node: node.name, type: 'main', index: 0 }]] };
	});
	return {
		id,
		name,
		active: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
		...extra,
	};
}

module.exports = {
	NODE_TYPE,
	CREDENTIAL_TYPE,
	EXAMPLES_DIR,
	bigPictureCredential,
	tokenCredential,
	cloudCredential,
	useCredential,
	loadExample,
	webhookPath,
	chain,
};
