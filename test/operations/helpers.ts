/**
 * Shared set-up of the operation tests: one simulator per test file, the BigPicture node run through n8n-core's
 * WorkflowExecute by the harness, sessions cleared after every test.
 */
import { afterAll, afterEach, beforeAll } from '@jest/globals';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { BigPictureApi } from '../../credentials/BigPictureApi.credentials';
import { BigPicture } from '../../nodes/BigPicture/BigPicture.node';
import { clearSessions } from '../../nodes/BigPicture/transport/sessions';
import { createHarness, type Harness, type HarnessRunResult } from '../harness';
import { startSimulator, type SimCall, type Simulator, type SimulatorOptions } from '../simulator';

export interface RunSpec {
	inputItems?: IDataObject[];
	continueOnFail?: boolean;
}

export interface Context {
	sim: Simulator;
	harness: Harness;
	/** Runs the node with these parameters; the result of the harness. */
	run(parameters: INodeParameters, spec?: RunSpec): Promise<HarnessRunResult>;
	/** Runs and returns the node's output (fails the test with the node's error if it failed). */
	output(parameters: INodeParameters, spec?: RunSpec): Promise<INodeExecutionData[]>;
	/** Runs, expects the node to fail, and returns its error as n8n stored it. */
	failure(parameters: INodeParameters, spec?: RunSpec): Promise<{ message: string; description?: string; httpCode?: string; name?: string }>;
	/** BigPicture public API calls (and Jira REST calls other than login) since the last resetCalls. */
	apiCalls(): SimCall[];
	/** Runs `body` with the simulator pretending to be an older BigPicture. */
	withVersion<T>(version: string, body: () => Promise<T>): Promise<T>;
}

export const NODE_NAME = 'BigPicture';

const isApi = (path: string) =>
	(/\/rest\/(softwareplant-)?bigpicture\/1\.0\/public\//.test(path) || /\/rest\/api\/2\//.test(path));

export function useSimulator(options: SimulatorOptions = {}): Context {
	const ctx = {} as Context;
	beforeAll(async () => {
		ctx.sim = await startSimulator(options);
		const credentials = {
			bigPictureApi: {
				id: '1',
				name: 'BigPicture (simulator)',
				data: {
					baseUrl: ctx.sim.baseUrl,
					authentication: 'basic',
					username: 'alice',
					password: 's3cret',
				},
			},
		};
		ctx.harness = createHarness({
			nodeTypes: [new BigPicture()],
			credentialTypes: [new BigPictureApi()],
			credentials,
		});
	});
	afterEach(() => {
		clearSessions();
		ctx.sim.setOptions({ simulatedVersion: null });
		ctx.sim.resetCalls();
	});
	afterAll(async () => {
		await ctx.sim?.close();
	});

	ctx.run = async (parameters, spec = {}) =>
		await ctx.harness.run({
			node: {
				type: 'bigPicture',
				name: NODE_NAME,
				parameters,
				...(spec.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			},
			inputItems: spec.inputItems,
		});
	ctx.output = async (parameters, spec) => {
		const result = await ctx.run(parameters, spec);
		const error = result.errorOf(NODE_NAME);
		if (error) throw new Error(`The node failed: ${error.message} (${String(error.description)})`);
		return result.outputOf(NODE_NAME);
	};
	ctx.failure = async (parameters, spec) => {
		const result = await ctx.run(parameters, spec);
		const error = result.errorOf(NODE_NAME);
		if (!error) throw new Error(`The node did not fail; output: ${JSON.stringify(result.outputOf(NODE_NAME))}`);
		return error as never;
	};
	ctx.apiCalls = () => ctx.sim.calls.filter((call) => isApi(call.path));
	ctx.withVersion = async (version, body) => {
		ctx.sim.setOptions({ simulatedVersion: version });
		try {
			return await body();
		} finally {
			ctx.sim.setOptions({ simulatedVersion: null });
		}
	};
	return ctx;
}

/** A resource-locator value picked from the list. */
export const fromList = (value: string) => ({ __rl: true, mode: 'list', value });
/** A resource-locator value typed as an id. */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
