import { describe, expect, test } from '@jest/globals';

import { byId, fromList, useSimulator } from './helpers';

const ctx = useSimulator();

describe('scope: get own', () => {
	test('returns the definition with the box id', async () => {
		const out = await ctx.output({ resource: 'scope', operation: 'getOwn', boxId: fromList('PRJ-1') });
		expect(out).toEqual([
			{
				json: {
					boxId: 'PRJ-1',
					extPlatformScopeDefinitions: [
						expect.objectContaining({ scopeDefinitionElements: [{ type: 'JIRA_PROJECT', value: 'DEMO' }] }),
					],
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(ctx.apiCalls()[0].path).toMatch(/\/public\/ppm\/box\/area\/task\/scope\/def\/own\/PRJ-1$/);
	});

	test('bad id; a box without own scope (400); old version; continueOnFail', async () => {
		const bad = await ctx.failure({ resource: 'scope', operation: 'getOwn', boxId: byId('PRJ-77') });
		expect(bad.message).toBe('Box "PRJ-77" does not exist');
		const noScope = await ctx.failure({ resource: 'scope', operation: 'getOwn', boxId: byId('PORT-1') });
		expect(noScope.message).toMatch(/HTTP 400.*PORT-1 does not have its own scope/);
		const old = await ctx.withVersion('8.30.0', () =>
			ctx.failure({ resource: 'scope', operation: 'getOwn', boxId: byId('PRJ-1') }),
		);
		expect(old.message).toBe('Get own scope definition needs BigPicture 8.31+ (or the endpoint is not available)');
		const out = await ctx.output(
			{ resource: 'scope', operation: 'getOwn', boxId: byId('={{ $json.box }}') },
			{ inputItems: [{ box: 'PRJ-77' }, { box: 'PRJ-1' }], continueOnFail: true },
		);
		expect(out[0]).toEqual({ json: expect.objectContaining({ error: 'Box "PRJ-77" does not exist' }), pairedItem: { item: 0 } });
		expect(out[1]).toEqual({ json: expect.objectContaining({ boxId: 'PRJ-1' }), pairedItem: { item: 1 } });
	});
});

describe('scope: update own', () => {
	const definition = JSON.stringify({
		extPlatformScopeDefinitions: [
			{
				narrowingQuery: 'statusCategory != Done',
				scopeDefinitionElements: [{ type: 'JIRA_PROJECT', value: 'OPS' }],
				manuallyAddedTasks: [{ key: 'DEMO-3' }],
			},
		],
	});

	test('sends the JSON definition as given and returns the stored one', async () => {
		const out = await ctx.output({ resource: 'scope', operation: 'updateOwn', boxId: fromList('PROG-1'), definition });
		expect(out[0].json).toMatchObject({
			boxId: 'PROG-1',
			extPlatformScopeDefinitions: [
				{ narrowingQuery: 'statusCategory != Done', manuallyAddedTasks: [{ key: 'DEMO-3', externalId: expect.any(String) }] },
			],
		});
		const put = ctx.sim.processedPosts.find((p) => p.routeId === 'updateOwnScope')!;
		expect(put.method).toBe('PUT');
		expect(put.bodyJson).toEqual(JSON.parse(definition));
		expect(ctx.sim.state.ownScopes.get('PROG-1').extPlatformScopeDefinitions[0].scopeDefinitionElements).toEqual([
			{ type: 'JIRA_PROJECT', value: 'OPS' },
		]);
	});

	test('bad id, bad body, invalid JSON, old version, continueOnFail', async () => {
		const bad = await ctx.failure({ resource: 'scope', operation: 'updateOwn', boxId: byId('PROG-9'), definition });
		expect(bad.message).toBe('Box "PROG-9" does not exist');
		const body = await ctx.failure({
			resource: 'scope',
			operation: 'updateOwn',
			boxId: byId('PROG-1'),
			definition: '{"extPlatformScopeDefinitions": [{"scopeDefinitionElements": [{"type": "JIRA_SPACE", "value": "X"}]}]}',
		});
		expect(body.message).toMatch(/HTTP 400.*invalid scope definition element/);
		const json = await ctx.failure({ resource: 'scope', operation: 'updateOwn', boxId: byId('PROG-1'), definition: '[1,2' });
		expect(json.message).toBe('Scope Definition (JSON) is not valid JSON');
		ctx.sim.resetCalls();
		const empty = await ctx.failure({ resource: 'scope', operation: 'updateOwn', boxId: byId('PROG-1'), definition: '{}' });
		expect(empty.message).toBe('Scope Definition (JSON) is empty');
		expect(ctx.sim.count((c) => c.method === 'PUT')).toBe(0);
		const old = await ctx.withVersion('8.30.0', () =>
			ctx.failure({ resource: 'scope', operation: 'updateOwn', boxId: byId('PROG-1'), definition }),
		);
		expect(old.message).toBe('Update own scope definition needs BigPicture 8.31+ (or the endpoint is not available)');
		const out = await ctx.output(
			{ resource: 'scope', operation: 'updateOwn', boxId: byId('PROG-9'), definition },
			{ continueOnFail: true },
		);
		expect(out).toEqual([{ json: expect.objectContaining({ error: 'Box "PROG-9" does not exist' }), pairedItem: { item: 0 } }]);
	});
});

describe('scope: sub-scope', () => {
	test('get returns the synchronisation rule', async () => {
		const out = await ctx.output({ resource: 'scope', operation: 'getSub', boxId: fromList('ITER-2') });
		expect(out[0].json).toMatchObject({ boxId: 'ITER-2', parentScopeBoxId: 'PRJ-1', synchronizationValue: 'Sprint 2' });
		expect(out[0].pairedItem).toEqual({ item: 0 });
	});

	test('update sends the JSON and stores it', async () => {
		const out = await ctx.output({
			resource: 'scope',
			operation: 'updateSub',
			boxId: fromList('ITER-1'),
			definition: '{"narrowingQuery": "type = Bug"}',
		});
		expect(out[0].json).toMatchObject({ boxId: 'ITER-1', narrowingQuery: 'type = Bug' });
		expect(ctx.sim.processedPosts[0].bodyJson).toEqual({ narrowingQuery: 'type = Bug' });
		expect(ctx.sim.state.subScopes.get('ITER-1').narrowingQuery).toBe('type = Bug');
	});

	test('bad id, bad body, old version, continueOnFail', async () => {
		const bad = await ctx.failure({ resource: 'scope', operation: 'getSub', boxId: byId('ITER-404') });
		expect(bad.message).toBe('Box "ITER-404" does not exist');
		const badUpdate = await ctx.failure({
			resource: 'scope',
			operation: 'updateSub',
			boxId: byId('ITER-404'),
			definition: '{"narrowingQuery": "type = Bug"}',
		});
		expect(badUpdate.message).toBe('Box "ITER-404" does not exist');
		const body = await ctx.failure({
			resource: 'scope',
			operation: 'updateSub',
			boxId: byId('ITER-1'),
			definition: '{"narrowingQuery": 42}',
		});
		expect(body.message).toMatch(/HTTP 400.*narrowingQuery must be a string/);
		const empty = await ctx.failure({ resource: 'scope', operation: 'updateSub', boxId: byId('ITER-1'), definition: '{}' });
		expect(empty.message).toBe('Sub-Scope Definition (JSON) is empty');
		const notArray = await ctx.failure({ resource: 'scope', operation: 'updateSub', boxId: byId('ITER-1'), definition: '[]' });
		expect(notArray.message).toBe('Sub-Scope Definition (JSON) must be a JSON object');
		for (const operation of ['getSub', 'updateSub']) {
			const old = await ctx.withVersion('8.30.0', () =>
				ctx.failure({ resource: 'scope', operation, boxId: byId('ITER-1'), definition: '{"narrowingQuery": "x"}' }),
			);
			expect(old.message).toMatch(/sub-scope definition needs BigPicture 8\.31\+/);
		}
		const out = await ctx.output(
			{ resource: 'scope', operation: 'getSub', boxId: byId('={{ $json.box }}') },
			{ inputItems: [{ box: 'ITER-1' }, { box: 'NOPE' }], continueOnFail: true },
		);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[1].json.error).toBe('Box "NOPE" does not exist');
	});
});
