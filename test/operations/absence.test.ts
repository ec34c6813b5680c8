import { describe, expect, test } from '@jest/globals';

import { byId, fromList, useSimulator } from './helpers';

const ctx = useSimulator();
const ALICE = 'EXT_USER@2@JIRAUSER10000';
const BOB = 'EXT_USER@2@JIRAUSER10001';
const absencesOf = (id: string) => (ctx.sim.state.absences.get(id) ?? []) as Array<Record<string, unknown>>;

describe('absence: pickers', () => {
	test('the individual list searches Jira users and yields individual ids', async () => {
		const all = await ctx.harness.listSearch({ nodeType: 'bigPicture', method: 'searchUsers' });
		expect(all.results).toEqual([
			{ name: 'Alice Admin (alice)', value: ALICE },
			{ name: 'Bob Builder (bob)', value: BOB },
		]);
		const bob = await ctx.harness.listSearch({ nodeType: 'bigPicture', method: 'searchUsers', filter: 'build' });
		expect(bob.results.map((r) => r.value)).toEqual([BOB]);
		expect(ctx.sim.calls.some((c) => c.path.endsWith('/rest/api/2/user/search') && c.query.username === 'build')).toBe(true);
	});

	test('absence types come from a load-options list', async () => {
		const types = await ctx.harness.loadOptions({ nodeType: 'bigPicture', method: 'getAbsenceTypes' });
		expect(types.map((t) => t.value)).toEqual(expect.arrayContaining(['HOLIDAY', 'SICK_LEAVE']));
	});
});

describe('absence: get many', () => {
	test('lists the absences of an individual picked from the list, with filters and limit', async () => {
		const out = await ctx.output({
			resource: 'absence',
			operation: 'getMany',
			individualId: fromList(ALICE),
			returnAll: true,
		});
		expect(out.map((o) => o.json.startDate)).toEqual(['2025-02-03', '2025-03-14']);
		expect(out[0].json).toMatchObject({ individualId: ALICE, absenceType: 'HOLIDAY' });
		expect(out.every((o) => (o.pairedItem as { item: number }).item === 0)).toBe(true);
		const filtered = await ctx.output({
			resource: 'absence',
			operation: 'getMany',
			individualId: byId('alice@example.com'),
			returnAll: false,
			limit: 5,
			filters: { from: '2025-03-01' },
		});
		expect(filtered.map((o) => o.json.startDate)).toEqual(['2025-03-14']);
		const paths = ctx.apiCalls().map((c) => decodeURIComponent(c.path));
		expect(paths).toContainEqual(expect.stringMatching(/\/public\/ppm\/resources\/EXT_USER@@2@@alice@example\.com\/absences$/));
		const limited = await ctx.output({ resource: 'absence', operation: 'getMany', individualId: byId('JIRAUSER10000'), limit: 1 });
		expect(limited).toHaveLength(1);
	});

	test('unknown individual, malformed id, old version, continueOnFail', async () => {
		const bad = await ctx.failure({ resource: 'absence', operation: 'getMany', individualId: byId('JIRAUSER99999') });
		expect(bad.message).toBe('Individual "EXT_USER@2@JIRAUSER99999" does not exist');
		const malformed = await ctx.failure({ resource: 'absence', operation: 'getMany', individualId: byId('a@b') });
		expect(malformed.message).toMatch(/"a@b" is neither an individual id/);
		const old = await ctx.withVersion('8.7.0', () =>
			ctx.failure({ resource: 'absence', operation: 'getMany', individualId: byId(ALICE) }),
		);
		expect(old.message).toBe('Get absences needs BigPicture 8.8+ (or the endpoint is not available)');
		const out = await ctx.output(
			{ resource: 'absence', operation: 'getMany', individualId: byId('={{ $json.who }}'), returnAll: true },
			{ inputItems: [{ who: 'nobody@example.com' }, { who: BOB }], continueOnFail: true },
		);
		expect(out).toEqual([
			{ json: expect.objectContaining({ error: 'Individual "EXT_USER@@2@@nobody@example.com" does not exist' }), pairedItem: { item: 0 } },
		]);
	});
});

describe('absence: create, update, delete', () => {
	test('create sends the documented body with ISO dates', async () => {
		const out = await ctx.output({
			resource: 'absence',
			operation: 'create',
			individualId: fromList(BOB),
			startDate: '2025-07-01T08:00:00',
			endDate: "={{ DateTime.fromISO('2025-07-04') }}",
			absenceType: 'SICK_LEAVE',
			additionalFields: { comment: 'flu', percentageUnavailability: 50 },
		});
		expect(out[0].json).toMatchObject({ individualId: BOB, startDate: '2025-07-01', endDate: '2025-07-04' });
		expect(ctx.sim.processedPosts[0].bodyJson).toEqual({
			startDate: '2025-07-01',
			endDate: '2025-07-04',
			absenceType: 'SICK_LEAVE',
			comment: 'flu',
			percentageUnavailability: 50,
		});
		expect(absencesOf(BOB)).toHaveLength(1);
	});

	test('create: overlapping absence (400), unknown individual, old version, continueOnFail', async () => {
		const base = { resource: 'absence', operation: 'create', absenceType: 'HOLIDAY', startDate: '2025-07-03', endDate: '2025-07-05' };
		const clash = await ctx.failure({ ...base, individualId: byId(BOB) });
		expect(clash.message).toMatch(/HTTP 400.*overlaps an existing absence starting 2025-07-01/);
		const bad = await ctx.failure({ ...base, individualId: byId('JIRAUSER4242') });
		expect(bad.message).toBe('Individual "EXT_USER@2@JIRAUSER4242" does not exist');
		const old = await ctx.withVersion('8.7.0', () => ctx.failure({ ...base, individualId: byId(BOB) }));
		expect(old.message).toBe('Add absence needs BigPicture 8.8+ (or the endpoint is not available)');
		const out = await ctx.output(
			{ ...base, individualId: byId(BOB), startDate: '={{ $json.start }}', endDate: '={{ $json.start }}' },
			{ inputItems: [{ start: '2025-08-01' }, { start: '2025-07-02' }], continueOnFail: true },
		);
		expect(out[0]).toEqual({ json: expect.objectContaining({ startDate: '2025-08-01' }), pairedItem: { item: 0 } });
		expect(out[1].json.error).toMatch(/overlaps/);
		expect(out[1].pairedItem).toEqual({ item: 1 });
	});

	test('update changes the absence keyed by its start date', async () => {
		const out = await ctx.output({
			resource: 'absence',
			operation: 'update',
			individualId: byId(BOB),
			absenceStartDate: '2025-07-01',
			updateFields: { endDate: '2025-07-10T00:00:00.000Z', comment: 'longer' },
		});
		expect(out[0].json).toMatchObject({ individualId: BOB, startDate: '2025-07-01', endDate: '2025-07-10', comment: 'longer' });
		const put = ctx.sim.processedPosts[0];
		expect(put.path).toMatch(/\/absences\/2025-07-01$/);
		expect(put.bodyJson).toEqual({ endDate: '2025-07-10', comment: 'longer' });
	});

	test('update: unknown absence, bad body, nothing to update, old version, continueOnFail', async () => {
		const base = { resource: 'absence', operation: 'update', individualId: byId(BOB) };
		const missing = await ctx.failure({ ...base, absenceStartDate: '2025-01-01', updateFields: { comment: 'x' } });
		expect(missing.message).toBe(
			'No absence starting 2025-01-01 for individual "EXT_USER@2@JIRAUSER10001" (or the individual does not exist)',
		);
		const body = await ctx.failure({ ...base, absenceStartDate: '2025-07-01', updateFields: { endDate: '2025-06-01' } });
		expect(body.message).toMatch(/HTTP 400.*endDate must not be before startDate/);
		const nothing = await ctx.failure({ ...base, absenceStartDate: '2025-07-01', updateFields: {} });
		expect(nothing.message).toBe('Nothing to update');
		const old = await ctx.withVersion('8.7.0', () =>
			ctx.failure({ ...base, absenceStartDate: '2025-07-01', updateFields: { comment: 'x' } }),
		);
		expect(old.message).toBe('Update absence needs BigPicture 8.8+ (or the endpoint is not available)');
		const out = await ctx.output(
			{ ...base, absenceStartDate: '2025-01-01', updateFields: { comment: 'x' } },
			{ continueOnFail: true },
		);
		expect(out).toEqual([{ json: expect.objectContaining({ error: expect.stringMatching(/^No absence starting 2025-01-01/) }), pairedItem: { item: 0 } }]);
	});

	test('delete removes the absence keyed by its start date; errors', async () => {
		const base = { resource: 'absence', operation: 'delete', individualId: byId(BOB) };
		const old = await ctx.withVersion('8.7.0', () => ctx.failure({ ...base, absenceStartDate: '2025-07-01' }));
		expect(old.message).toBe('Delete absence needs BigPicture 8.8+ (or the endpoint is not available)');
		const out = await ctx.output({ ...base, absenceStartDate: '2025-07-01T12:00:00' });
		expect(out[0].json).toMatchObject({ deleted: true, individualId: BOB, startDate: '2025-07-01' });
		expect(ctx.sim.processedPosts.find((p) => p.method === 'DELETE')!.path).toMatch(/\/absences\/2025-07-01$/);
		expect(absencesOf(BOB).map((a) => a.startDate)).toEqual(['2025-08-01']);
		const again = await ctx.failure({ ...base, absenceStartDate: '2025-07-01' });
		expect(again.message).toMatch(/^No absence starting 2025-07-01/);
		const badDate = await ctx.failure({ ...base, absenceStartDate: '31/07/2025' });
		expect(badDate.message).toMatch(/Absence Start Date is not a valid date/);
		const cof = await ctx.output({ ...base, absenceStartDate: '2025-07-01' }, { continueOnFail: true });
		expect(cof[0].json.error).toMatch(/^No absence starting 2025-07-01/);
	});
});

/** Stands in for a simulator list: every list method chains to itself and `map` gives `cargo` as the answer. */
const answering = (cargo: unknown): unknown =>
	new Proxy({}, { get: (_target, prop) => (prop === 'map' ? () => cargo : () => answering(cargo)) });

describe('absence: get many (review fixes)', () => {
	test.each([
		['null', null],
		['an object', { absences: [] }],
		['a string', 'none'],
	])('a cargo that is %s is an error, never a silent empty result', async (_shape, cargo) => {
		const saved = ctx.sim.state.absences.get(ALICE)!;
		ctx.sim.state.absences.set(ALICE, answering(cargo) as never);
		try {
			const error = await ctx.failure({ resource: 'absence', operation: 'getMany', individualId: byId(ALICE), returnAll: true });
			expect(error.message).toMatch(/^BigPicture answered in an unexpected shape \(get absences: .* instead of a list\)$/);
		} finally {
			ctx.sim.state.absences.set(ALICE, saved);
		}
	});
});
