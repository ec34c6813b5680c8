import { describe, expect, test } from '@jest/globals';

import { byId, fromList, useSimulator } from './helpers';

const ctx = useSimulator();

describe('team: get many', () => {
	test('teams allocated to one box, with members', async () => {
		const out = await ctx.output({ resource: 'team', operation: 'getMany', boxId: fromList('PROG-2'), returnAll: true });
		expect(out).toEqual([
			{ json: expect.objectContaining({ teamId: '2', teamName: 'Team Beta', members: expect.any(Array) }), pairedItem: { item: 0 } },
		]);
		const call = ctx.apiCalls().find((c) => c.path.endsWith('/public/ppm/teams'))!;
		expect(call.query).toEqual({ boxId: 'PROG-2' });
	});

	test('every team, with a limit', async () => {
		const all = await ctx.output({ resource: 'team', operation: 'getMany', filterByBox: false, returnAll: true });
		expect(all.map((o) => o.json.teamId)).toEqual(['1', '2']);
		const one = await ctx.output({ resource: 'team', operation: 'getMany', filterByBox: false, limit: 1 });
		expect(one).toHaveLength(1);
		expect(ctx.apiCalls().every((c) => !c.path.endsWith('/public/ppm/teams') || Object.keys(c.query).length === 0)).toBe(true);
	});

	test('bad id, empty id, old version, continueOnFail', async () => {
		const bad = await ctx.failure({ resource: 'team', operation: 'getMany', boxId: byId('PROG-404') });
		expect(bad.message).toBe('Box "PROG-404" does not exist');
		const empty = await ctx.failure({ resource: 'team', operation: 'getMany', boxId: byId('={{ "" }}') });
		expect(empty.message).toBe('No box given');
		const old = await ctx.withVersion('8.7.0', () =>
			ctx.failure({ resource: 'team', operation: 'getMany', boxId: byId('PROG-1') }),
		);
		expect(old.message).toBe('Get teams allocated to boxes needs BigPicture 8.8+ (or the endpoint is not available)');
		const out = await ctx.output(
			{ resource: 'team', operation: 'getMany', boxId: byId('={{ $json.box }}'), returnAll: true },
			{ inputItems: [{ box: 'PROG-404' }, { box: 'PROG-1' }], continueOnFail: true },
		);
		expect(out[0]).toEqual({ json: expect.objectContaining({ error: 'Box "PROG-404" does not exist' }), pairedItem: { item: 0 } });
		expect(out[1]).toEqual({ json: expect.objectContaining({ teamId: '1' }), pairedItem: { item: 1 } });
	});
});

/** Stands in for the simulator's team list: every list method chains to itself and `map` gives `cargo`. */
const answering = (cargo: unknown): unknown =>
	new Proxy({}, { get: (_target, prop) => (prop === 'map' ? () => cargo : () => answering(cargo)) });

describe('team: get many (review fixes)', () => {
	test.each([
		['null', null],
		['an object', { teamId: '1' }],
		['a number', 0],
	])('a cargo that is %s is an error, never {value: …}', async (_shape, cargo) => {
		const saved = ctx.sim.state.teams;
		ctx.sim.state.teams = answering(cargo) as never;
		try {
			for (const filterByBox of [true, false]) {
				const error = await ctx.failure({ resource: 'team', operation: 'getMany', filterByBox, boxId: byId('PROG-1'), returnAll: true });
				expect(error.message).toMatch(/^BigPicture answered in an unexpected shape \(get teams: .* instead of a list\)$/);
			}
		} finally {
			ctx.sim.state.teams = saved;
		}
	});
});
