'use strict';
/**
 * Runs the BUILT BigPicture node (dist/) through the test suite's own harness (test/harness: n8n-core's real
 * WorkflowExecute, "Start → Items → BigPicture"), so the bench measures the node as n8n runs it (parameter
 * resolution, pairedItem, continueOnFail, static data) with the same machinery the tests trust. List searches (the
 * box picker) go through the same harness, in n8n-core's LoadOptionsContext.
 */
const path = require('node:path');

require('./ts-register');

const ROOT = path.resolve(__dirname, '..', '..');
const { createHarness } = require(path.join(ROOT, 'test/harness'));
const { BigPicture } = require(path.join(ROOT, 'dist/nodes/BigPicture/BigPicture.node.js'));
const { BigPictureTrigger } = require(path.join(ROOT, 'dist/nodes/BigPicture/BigPictureTrigger.node.js'));
const { TriggerProcess } = require(path.join(ROOT, 'test/trigger/poller'));
const { BigPictureApi } = require(path.join(ROOT, 'dist/credentials/BigPictureApi.credentials.js'));
const sessions = require(path.join(ROOT, 'dist/nodes/BigPicture/transport/sessions.js'));
const { httpRequestWire } = require(path.join(ROOT, 'dist/nodes/BigPicture/shared/wire.js'));
const { RunScope } = require(path.join(ROOT, 'dist/nodes/BigPicture/transport/run.js'));
const { n8nHttpRequest } = require(path.join(ROOT, 'test/harness/outbound'));

/** A run for the built session layer used directly, sending over n8n-core's own HTTP helper as a node run does. */
function sessionRun() {
	return new RunScope(httpRequestWire(n8nHttpRequest));
}

const harness = createHarness({ nodeTypes: [new BigPicture()], credentialTypes: [new BigPictureApi()] });

/**
 * Runs "Start → Items → BigPicture" once.
 * @param {object} spec
 * @param {Record<string, unknown>} spec.parameters  the BigPicture node's parameters
 * @param {Record<string, unknown>} spec.credential  the credential data (baseUrl, username, password...)
 * @param {object[]} spec.items                       JSON of the input items
 * @param {object} [spec.staticData]                 workflow static data going in
 * @param {boolean} [spec.continueOnFail]
 * @returns {Promise<{items: object[], error?: object, staticData: object, ms: number}>}
 */
async function runNode(spec) {
	const started = process.hrtime.bigint();
	const result = await harness.run({
		node: {
			type: 'bigPicture',
			name: 'BigPicture',
			parameters: spec.parameters,
			...(spec.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
		},
		inputItems: spec.items,
		credentials: { bigPictureApi: { id: '1', name: 'BigPicture (bench)', data: spec.credential } },
		staticData: spec.staticData,
	});
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	return {
		items: result.runData.resultData.runData.BigPicture?.[0]?.data?.main?.[0] ?? [],
		error: result.errorOf('BigPicture') ?? result.error,
		// A manual run's static data as the node left it (n8n would save it in any other mode).
		staticData: result.staticDataAfterRun,
		ms,
	};
}

/**
 * Runs one of the node's list searches (`methods.listSearch[method]`) through the harness, as n8n does when the
 * editor opens, pages or filters a "From List" picker.
 * @param {object} spec
 * @param {string} spec.method                        e.g. 'searchBoxes'
 * @param {Record<string, unknown>} spec.credential  the credential data
 * @param {string} [spec.filter]
 * @param {string} [spec.paginationToken]
 * @returns {Promise<{result: {results: object[], paginationToken?: string}, ms: number}>}
 */
async function listSearch({ method, credential, filter, paginationToken }) {
	const started = process.hrtime.bigint();
	const result = await harness.listSearch({
		nodeType: 'bigPicture',
		method,
		filter,
		paginationToken,
		credentials: { bigPictureApi: { id: '1', name: 'BigPicture (bench)', data: credential } },
	});
	return { result, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

/**
 * An n8n main process holding an active workflow with the BUILT BigPicture Trigger, polled by n8n-core's own
 * PollContext and PollTriggerExecutor (test/trigger/poller.ts): `activate()`, `poll()`, `saved` (static data).
 */
function triggerProcess({ credential, parameters = {} }) {
	const triggerHarness = createHarness({
		nodeTypes: [new BigPictureTrigger()],
		credentialTypes: [new BigPictureApi()],
		credentials: { bigPictureApi: { id: '1', name: 'BigPicture (bench)', data: credential } },
	});
	return new TriggerProcess(triggerHarness, { parameters, forget: sessions.clearSessions });
}

module.exports = { runNode, listSearch, sessionRun, triggerProcess, clearSessions: sessions.clearSessions };
