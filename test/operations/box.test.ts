import { describe, expect, test } from '@jest/globals';

import { byId, fromList, useSimulator } from './helpers';

const ctx = useSimulator();

const createParams = (overrides: Record<string, unknown> = {}) => ({
	resource: 'box',
	operation: 'create',
	parentBoxId: fromList('PROG-1'),
	boxTypeId: '4',
	boxName: 'Launch',
	startDate: '2025-03-01T00:00:00',
	endDate: '2025-05-31',
	icon: 'rocket',
	iconColor: 'RED',
	...overrides,
});

describe('box: create', () => {
	test('sends the documented fields with dates as YYYY-MM-DD and returns the new box id', async () => {
		const out = await ctx.output(
			createParams({ startDate: "={{ DateTime.fromISO('2025-03-01T23:30:00', { zone: 'UTC' }) }}" }),
		);
		expect(out).toHaveLength(1);
		expect(out[0].json).toMatchObject({ boxId: 'PRJ-4', createdBoxId: 'PRJ-4', parentBoxId: 'PROG-1' });
		expect(out[0].pairedItem).toEqual({ item: 0 });
		const post = ctx.sim.processedPosts.find((p) => p.routeId === 'createBox')!;
		expect(post.bodyJson).toEqual({
			parentBoxId: 'PROG-1',
			boxTypeId: '4',
			boxName: 'Launch',
			boxStartDate: '2025-03-01',
			boxEndDate: '2025-05-31',
			boxIcon: 'font-awesome-rocket@RED',
		});
		const created = ctx.sim.state.boxes.get('PRJ-4')!;
		expect(created).toMatchObject({ parentId: 'PROG-1', boxName: 'Launch', boxStartDate: '2025-03-01' });
	});

	test('additional JSON fields are merged into the body', async () => {
		await ctx.output(createParams({ additionalBody: '{"boxDescription": "from n8n"}' }));
		const post = ctx.sim.processedPosts.find((p) => p.routeId === 'createBox')!;
		expect(post.bodyJson).toMatchObject({ boxDescription: 'from n8n' });
	});

	test('an unknown parent box is named in the error', async () => {
		const error = await ctx.failure(createParams({ parentBoxId: byId('PROG-404') }));
		expect(error.message).toBe('Parent box "PROG-404" does not exist');
		expect(error.httpCode).toBe('404');
	});

	test('a bad body: BigPicture\'s 400 reason is in the error; a bad date never leaves n8n', async () => {
		const error = await ctx.failure(createParams({ startDate: '2025-06-01', endDate: '2025-05-01' }));
		expect(error.message).toMatch(/HTTP 400.*boxEndDate must not be before boxStartDate/);
		ctx.sim.resetCalls();
		const dateError = await ctx.failure(createParams({ startDate: 'next tuesday' }));
		expect(dateError.message).toMatch(/Start Date is not a valid date: "next tuesday"/);
		expect(ctx.sim.processedPosts).toHaveLength(0);
	});

	test('BigPicture before 8.21 gives an error naming the minimum version', async () => {
		const error = await ctx.withVersion('8.20.0', () => ctx.failure(createParams()));
		expect(error.message).toBe('Create box needs BigPicture 8.21+ (or the endpoint is not available)');
	});

	test('continueOnFail: a failed item becomes an error item paired with its input', async () => {
		const out = await ctx.output(createParams({ parentBoxId: byId('={{ $json.parent }}') }), {
			inputItems: [{ parent: 'PROG-2' }, { parent: 'NOPE-1' }],
			continueOnFail: true,
		});
		expect(out).toHaveLength(2);
		expect(out[0].json.parentBoxId).toBe('PROG-2');
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(out[1].json.error).toBe('Parent box "NOPE-1" does not exist');
		expect(out[1].pairedItem).toEqual({ item: 1 });
	});
});

describe('box: delete', () => {
	test('deletes the box with its children', async () => {
		const out = await ctx.output({ resource: 'box', operation: 'delete', boxId: fromList('PRJ-3') });
		expect(out[0].json).toMatchObject({ deleted: true, boxId: 'PRJ-3' });
		expect(out[0].json.deletedBoxIds).toEqual(expect.arrayContaining(['PRJ-3']));
		expect(ctx.sim.state.boxes.has('PRJ-3')).toBe(false);
		const call = ctx.apiCalls().find((c) => c.method === 'DELETE')!;
		expect(call.path).toMatch(/\/public\/ppm\/box\/box\/PRJ-3$/);
	});

	test('an unknown box is named; the root box cannot be deleted (400)', async () => {
		const error = await ctx.failure({ resource: 'box', operation: 'delete', boxId: byId('PRJ-999') });
		expect(error.message).toBe('Box "PRJ-999" does not exist');
		const root = await ctx.failure({ resource: 'box', operation: 'delete', boxId: byId('ROOT') });
		expect(root.message).toMatch(/HTTP 400.*root box cannot be deleted/);
	});

	test('BigPicture before 8.24 gives an error naming the minimum version', async () => {
		const error = await ctx.withVersion('8.23.9', () =>
			ctx.failure({ resource: 'box', operation: 'delete', boxId: byId('PRJ-2') }),
		);
		expect(error.message).toBe('Delete box with children needs BigPicture 8.24+ (or the endpoint is not available)');
		expect(ctx.sim.state.boxes.has('PRJ-2')).toBe(true);
	});

	test('continueOnFail gives error items', async () => {
		const out = await ctx.output(
			{ resource: 'box', operation: 'delete', boxId: byId('={{ $json.id }}') },
			{ inputItems: [{ id: 'NOPE-2' }], continueOnFail: true },
		);
		expect(out).toEqual([
			expect.objectContaining({ json: expect.objectContaining({ error: 'Box "NOPE-2" does not exist' }), pairedItem: { item: 0 } }),
		]);
	});
});

describe('box: duplicate', () => {
	test('copies a box, passing the JSON body through', async () => {
		const out = await ctx.output({
			resource: 'box',
			operation: 'duplicate',
			boxId: fromList('PRJ-1'),
			body: '{"boxName": "Copy of alpha", "parentBoxId": "PROG-2"}',
		});
		const newId = out[0].json.boxId as string;
		expect(out[0].json).toMatchObject({ sourceBoxId: 'PRJ-1' });
		expect(ctx.sim.state.boxes.get(newId)).toMatchObject({ boxName: 'Copy of alpha', parentId: 'PROG-2' });
		const post = ctx.sim.processedPosts.find((p) => p.routeId === 'duplicateBox')!;
		expect(post.bodyJson).toEqual({ boxName: 'Copy of alpha', parentBoxId: 'PROG-2' });
	});

	test('bad id, bad JSON, bad body field', async () => {
		const bad = await ctx.failure({ resource: 'box', operation: 'duplicate', boxId: byId('PRJ-404'), body: '{}' });
		expect(bad.message).toBe('Box "PRJ-404" does not exist');
		const json = await ctx.failure({ resource: 'box', operation: 'duplicate', boxId: byId('PRJ-1'), body: '{oops' });
		expect(json.message).toBe('Body (JSON) is not valid JSON');
		const field = await ctx.failure({ resource: 'box', operation: 'duplicate', boxId: byId('PRJ-1'), body: '{"boxName": 5}' });
		expect(field.message).toMatch(/HTTP 400.*boxName must be a non-empty string/);
	});

	test('BigPicture before 8.21 gives an error naming the minimum version', async () => {
		const error = await ctx.withVersion('8.20.0', () =>
			ctx.failure({ resource: 'box', operation: 'duplicate', boxId: byId('PRJ-1'), body: '{}' }),
		);
		expect(error.message).toBe('Duplicate box needs BigPicture 8.21+ (or the endpoint is not available)');
		expect(error.description).toMatch(/not confirmed by public documentation/);
	});

	test('continueOnFail gives error items', async () => {
		const out = await ctx.output(
			{ resource: 'box', operation: 'duplicate', boxId: byId('={{ $json.id }}'), body: '{}' },
			{ inputItems: [{ id: 'PRJ-1' }, { id: 'XX-1' }], continueOnFail: true },
		);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[0].json.boxId).toEqual(expect.any(String));
		expect(out[1].json.error).toBe('Box "XX-1" does not exist');
	});
});

describe('box: get types', () => {
	test('one item per box type', async () => {
		const out = await ctx.output({ resource: 'box', operation: 'getTypes' });
		expect(out.map((o) => o.json.boxTypeName)).toEqual(
			expect.arrayContaining(['Portfolio', 'Program', 'Project', 'Iteration']),
		);
		expect(out.every((o) => (o.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('an older BigPicture without the endpoint names the minimum version; continueOnFail', async () => {
		const error = await ctx.withVersion('8.20.0', () => ctx.failure({ resource: 'box', operation: 'getTypes' }));
		expect(error.message).toBe('Get box types needs BigPicture 8.21+ (or the endpoint is not available)');
		const out = await ctx.withVersion('8.20.0', () =>
			ctx.output({ resource: 'box', operation: 'getTypes' }, { continueOnFail: true }),
		);
		expect(out[0].json.error).toMatch(/needs BigPicture 8\.21\+/);
	});
});

describe('box: get assignments', () => {
	test('returns the assignment rows of a box', async () => {
		const out = await ctx.output({ resource: 'box', operation: 'getAssignments', boxId: fromList('ITER-1') });
		expect(out.length).toBe(10);
		expect(out[0].json).toMatchObject({ taskKey: 'DEMO-1' });
		expect(ctx.apiCalls().some((c) => /\/public\/ppm\/box\/ITER-1\/assignments$/.test(c.path))).toBe(true);
	});

	test('bad id, old version, continueOnFail', async () => {
		const bad = await ctx.failure({ resource: 'box', operation: 'getAssignments', boxId: byId('ITER-99') });
		expect(bad.message).toBe('Box "ITER-99" does not exist');
		const old = await ctx.withVersion('8.7.0', () =>
			ctx.failure({ resource: 'box', operation: 'getAssignments', boxId: byId('ITER-1') }),
		);
		expect(old.message).toMatch(/needs BigPicture 8\.8\+/);
		const out = await ctx.output(
			{ resource: 'box', operation: 'getAssignments', boxId: byId('ITER-99') },
			{ continueOnFail: true },
		);
		expect(out).toEqual([{ json: expect.objectContaining({ error: 'Box "ITER-99" does not exist' }), pairedItem: { item: 0 } }]);
	});
});

describe('box: get (review fixes)', () => {
	test('an empty box id is "No box given" and nothing is sent', async () => {
		for (const boxId of [byId('={{ "" }}'), byId('={{ "   " }}'), byId('={{ $json.missing }}')]) {
			const error = await ctx.failure({ resource: 'box', operation: 'get', boxId });
			expect(error.message).toBe('No box given');
		}
		expect(ctx.apiCalls()).toEqual([]);
	});
});

describe('box: duplicate, empty body (review fixes)', () => {
	test('an empty body (blank, or an expression giving null) is sent as {}', async () => {
		for (const body of ['', '  ', '={{ null }}']) {
			ctx.sim.resetCalls();
			await ctx.output({ resource: 'box', operation: 'duplicate', boxId: byId('PRJ-2'), body });
			const post = ctx.sim.processedPosts.find((p) => p.routeId === 'duplicateBox')!;
			expect(post.bodyJson).toEqual({});
		}
	});
});
