/**
 * The Jira Login credential's experimental `pat` method (issue 11): system/auth with `Bearer <PAT>`, then the JWT
 * flow as with a password; Jira REST calls carry the PAT; a BigPicture that answers 500 to PATs says what to use.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { BigPictureApi } from '../../credentials/BigPictureApi.credentials';
import { BigPicture } from '../../nodes/BigPicture/BigPicture.node';
import { clearSessions } from '../../nodes/BigPicture/transport/sessions';
import { createHarness, type Harness } from '../harness';
import { startSimulator, type Simulator } from '../simulator';

const PAT = 'pat-alice-0123456789';
/** Another PAT of the same user: the same identity (URL, method, no username) with another secret. */
const OTHER_PAT = 'pat-alice-9876543210';
/** Another user's PAT, in a credential of its own. */
const BOB_PAT = 'pat-bob-0123456789';
let sim: Simulator;
let harness: Harness;

beforeAll(async () => {
	sim = await startSimulator({
		jiraPats: {
			[PAT]: 'alice',
			[OTHER_PAT]: 'alice',
			[BOB_PAT]: 'bob',
			'pat-revoked': { user: 'alice', revoked: true },
		},
	});
});
afterEach(() => {
	clearSessions();
	sim.setOptions({ patSystemAuth500: false });
	sim.resetCalls();
});
afterAll(async () => {
	await sim.close();
});

function run(
	personalAccessToken: string,
	parameters: INodeParameters,
	options: { mode?: 'trigger'; staticData?: IDataObject; credentialId?: string } = {},
) {
	const { credentialId = '1', ...runOptions } = options;
	harness = createHarness({
		nodeTypes: [new BigPicture()],
		credentialTypes: [new BigPictureApi()],
		credentials: {
			bigPictureApi: {
				id: credentialId,
				name: 'BigPicture (PAT)',
				data: { baseUrl: sim.baseUrl, authentication: 'pat', personalAccessToken },
			},
		},
	});
	return harness.run({ node: { type: 'bigPicture', name: 'BigPicture', parameters }, ...runOptions });
}

const getBox: INodeParameters = { resource: 'box', operation: 'get', boxId: { __rl: true, mode: 'id', value: 'PRJ-1' } };

describe('Jira personal access token (pat)', () => {
	test('system/auth is sent with Bearer <PAT>, then BigPicture calls carry the JWT', async () => {
		const result = await run(PAT, getBox);
		expect(result.errorOf('BigPicture')).toBeUndefined();
		expect(result.outputOf('BigPicture')[0].json).toMatchObject({ boxId: 'PRJ-1' });
		const auth = sim.calls.filter((c) => c.path.endsWith('/system/auth'));
		expect(auth).toHaveLength(1);
		expect(auth[0].auth).toBe('pat');
		const api = sim.calls.filter((c) => /\/public\/ppm\//.test(c.path));
		expect(api.length).toBeGreaterThan(0);
		expect(api.every((c) => c.auth === 'jwt')).toBe(true);
	});

	test('Jira REST calls (Task › Get Many) carry the PAT', async () => {
		const result = await run(PAT, { resource: 'task', operation: 'getMany', boxId: { __rl: true, mode: 'id', value: 'PRJ-1' }, limit: 5 });
		expect(result.errorOf('BigPicture')).toBeUndefined();
		expect(result.outputOf('BigPicture')).toHaveLength(5);
		const searches = sim.calls.filter((c) => c.path.endsWith('/rest/api/2/search'));
		expect(searches.length).toBeGreaterThan(0);
		expect(searches.every((c) => c.auth === 'pat')).toBe(true);
	});

	test('a refused PAT is a clear login error, never retried', async () => {
		const result = await run('pat-revoked', getBox);
		const error = result.errorOf('BigPicture');
		expect(error?.message).toBe('Jira refused the personal access token');
		expect(String(error?.description)).toMatch(/expired or been revoked/);
		expect(sim.calls.filter((c) => c.path.endsWith('/system/auth'))).toHaveLength(1);
		expect(JSON.stringify(error)).not.toContain('pat-revoked');
	});

	test('a BigPicture that answers 500 to PATs: the error says so and suggests an API token credential', async () => {
		sim.setOptions({ patSystemAuth500: true });
		const result = await run(PAT, getBox);
		const error = result.errorOf('BigPicture');
		expect(error?.message).toMatch(/personal access token \(HTTP 500\)/);
		expect(String(error?.description)).toMatch(/BigPicture API token credential/);
		expect(JSON.stringify(error)).not.toContain(PAT);
	});

	test('the sealed tokens in static data open only with the PAT that sealed them', async () => {
		const first = await run(PAT, getBox, { mode: 'trigger' });
		expect(first.staticDataPersisted).toBe(true);
		// a new process: the same PAT resumes without a login…
		clearSessions();
		sim.resetCalls();
		await run(PAT, getBox, { mode: 'trigger', staticData: first.staticData });
		expect(sim.calls.filter((c) => c.path.endsWith('/system/auth'))).toHaveLength(0);
		// …another PAT (whoever holds the workflow but not the PAT) cannot open them and logs in by itself
		clearSessions();
		sim.resetCalls();
		const other = await run(OTHER_PAT, getBox, { mode: 'trigger', staticData: first.staticData });
		expect(other.errorOf('BigPicture')).toBeUndefined();
		expect(sim.calls.filter((c) => c.path.endsWith('/system/auth'))).toHaveLength(1);
	});

	test('two PAT credentials in one workflow keep their own sealed tokens: neither logs the other out', async () => {
		const logins = () => sim.calls.filter((c) => c.path.endsWith('/system/auth')).length;
		const alice = await run(PAT, getBox, { mode: 'trigger', credentialId: 'alice-pat' });
		clearSessions();
		const bob = await run(BOB_PAT, getBox, {
			mode: 'trigger',
			credentialId: 'bob-pat',
			staticData: alice.staticData,
		});
		expect(bob.errorOf('BigPicture')).toBeUndefined();
		expect(logins()).toBe(2);
		// a new process: each credential resumes from its own entry
		for (const [pat, credentialId] of [
			[PAT, 'alice-pat'],
			[BOB_PAT, 'bob-pat'],
		]) {
			clearSessions();
			sim.resetCalls();
			const again = await run(pat, getBox, { mode: 'trigger', credentialId, staticData: bob.staticData });
			expect(again.errorOf('BigPicture')).toBeUndefined();
			expect(logins()).toBe(0);
		}
	});
});
