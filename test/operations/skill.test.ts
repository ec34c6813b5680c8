import { describe, expect, test } from '@jest/globals';

import { byId, fromList, useSimulator } from './helpers';

const ctx = useSimulator();
const ALICE = 'EXT_USER@2@JIRAUSER10000';
const skillsOf = (id: string) => (ctx.sim.state.individualSkills.get(id) ?? []) as Array<Record<string, unknown>>;

describe('skill', () => {
	test('get many: one item per skill of the individual', async () => {
		const out = await ctx.output({ resource: 'skill', operation: 'getMany', individualId: fromList(ALICE) });
		expect(out).toEqual([
			{ json: expect.objectContaining({ individualId: ALICE, skillId: '1', skillName: 'Developer' }), pairedItem: { item: 0 } },
		]);
		expect(decodeURIComponent(ctx.apiCalls()[0].path)).toMatch(/\/public\/ppm\/resources\/EXT_USER@2@JIRAUSER10000\/skills$/);
	});

	test('add sends skillId with the JSON body (dates normalised)', async () => {
		const out = await ctx.output({
			resource: 'skill',
			operation: 'add',
			individualId: byId('alice@example.com'),
			skillId: '2',
			body: '{"startDate": "2025-02-01T00:00:00", "allocation": 50}',
		});
		expect(out[0].json).toMatchObject({ skillId: '2', skillName: 'Project Manager', allocation: 50, startDate: '2025-02-01' });
		expect(ctx.sim.processedPosts[0].bodyJson).toEqual({ skillId: '2', startDate: '2025-02-01', allocation: 50 });
		expect(skillsOf(ALICE).map((s) => s.skillId)).toEqual(['1', '2']);
	});

	test('update and delete address the skill by id', async () => {
		const updated = await ctx.output({
			resource: 'skill',
			operation: 'update',
			individualId: byId(ALICE),
			skillId: '2',
			body: '{"allocation": 75}',
		});
		expect(updated[0].json).toMatchObject({ skillId: '2', allocation: 75 });
		expect(ctx.sim.processedPosts[0]).toMatchObject({ method: 'PUT', bodyJson: { allocation: 75 } });
		expect(decodeURIComponent(ctx.sim.processedPosts[0].path)).toMatch(/\/skills\/2$/);
		const deleted = await ctx.output({ resource: 'skill', operation: 'delete', individualId: byId(ALICE), skillId: '2' });
		expect(deleted[0].json).toMatchObject({ deleted: true, individualId: ALICE, skillId: '2' });
		expect(skillsOf(ALICE).map((s) => s.skillId)).toEqual(['1']);
	});

	test('bad ids: unknown individual, unknown skill, skill not assigned', async () => {
		const who = await ctx.failure({ resource: 'skill', operation: 'getMany', individualId: byId('JIRAUSER31337') });
		expect(who.message).toBe('Individual "EXT_USER@2@JIRAUSER31337" does not exist');
		const skill = await ctx.failure({ resource: 'skill', operation: 'add', individualId: byId(ALICE), skillId: '99', body: '{}' });
		expect(skill.message).toBe(`Individual "${ALICE}" or skill "99" does not exist`);
		expect(skill.description).toMatch(/Skill with id "99" not found/);
		const notAssigned = await ctx.failure({ resource: 'skill', operation: 'delete', individualId: byId(ALICE), skillId: '3' });
		expect(notAssigned.message).toBe(`Individual "${ALICE}" does not exist or does not have skill "3"`);
		expect(notAssigned.description).toMatch(`Skill 3 is not assigned to ${ALICE}`);
		const update = await ctx.failure({ resource: 'skill', operation: 'update', individualId: byId(ALICE), skillId: '3', body: '{"allocation": 5}' });
		expect(update.message).toBe(`Individual "${ALICE}" does not exist or does not have skill "3"`);
		expect(update.description).toMatch(/Skill 3 is not assigned/);
	});

	test('bad bodies: invalid allocation (400), already assigned (409), invalid JSON', async () => {
		const allocation = await ctx.failure({ resource: 'skill', operation: 'update', individualId: byId(ALICE), skillId: '1', body: '{"allocation": 500}' });
		expect(allocation.message).toMatch(/HTTP 400.*allocation must be an integer between 1 and 100/);
		const twice = await ctx.failure({ resource: 'skill', operation: 'add', individualId: byId(ALICE), skillId: '1', body: '{}' });
		expect(twice.message).toMatch(/HTTP 409.*already assigned/);
		const json = await ctx.failure({ resource: 'skill', operation: 'add', individualId: byId(ALICE), skillId: '1', body: 'allocation=5' });
		expect(json.message).toBe('Body (JSON) is not valid JSON');
	});

	test('BigPicture before 8.57 names the minimum version for every skill operation', async () => {
		await ctx.withVersion('8.56.0', async () => {
			for (const operation of ['getMany', 'add', 'update', 'delete']) {
				const error = await ctx.failure({ resource: 'skill', operation, individualId: byId(ALICE), skillId: '1', body: '{}' });
				expect(error.message).toMatch(/needs BigPicture 8\.57\+ \(or the endpoint is not available\)$/);
			}
		});
	});

	test('continueOnFail gives error items paired with their input', async () => {
		const out = await ctx.output(
			{ resource: 'skill', operation: 'getMany', individualId: byId('={{ $json.who }}') },
			{ inputItems: [{ who: 'JIRAUSER10001' }, { who: 'ghost@example.com' }], continueOnFail: true },
		);
		expect(out).toEqual([
			{ json: expect.objectContaining({ skillId: '3' }), pairedItem: { item: 0 } },
			{ json: expect.objectContaining({ error: 'Individual "EXT_USER@@2@@ghost@example.com" does not exist' }), pairedItem: { item: 1 } },
		]);
	});
});

describe('skill (review fixes)', () => {
	test('update and delete refuse an empty skill id before sending anything', async () => {
		for (const operation of ['update', 'delete']) {
			for (const skillId of ['={{ "" }}', '={{ "   " }}', '={{ $json.missing }}']) {
				const error = await ctx.failure({ resource: 'skill', operation, individualId: byId(ALICE), skillId, body: '{"allocation": 5}' });
				expect(error.message).toBe('No skill given');
			}
		}
		expect(ctx.apiCalls()).toEqual([]);
		expect(skillsOf(ALICE).map((s) => s.skillId)).toEqual(['1']);
	});

	test('a JSON 404 of add, update and delete names the individual and the skill', async () => {
		const ghost = 'EXT_USER@2@JIRAUSER31337';
		const add = await ctx.failure({ resource: 'skill', operation: 'add', individualId: byId(ghost), skillId: '2', body: '{}' });
		expect(add.message).toBe(`Individual "${ghost}" or skill "2" does not exist`);
		expect(add.httpCode).toBe('404');
		const update = await ctx.failure({ resource: 'skill', operation: 'update', individualId: byId(ghost), skillId: '1', body: '{}' });
		expect(update.message).toBe(`Individual "${ghost}" does not exist or does not have skill "1"`);
		const remove = await ctx.failure({ resource: 'skill', operation: 'delete', individualId: byId(ghost), skillId: '1' });
		expect(remove.message).toBe(`Individual "${ghost}" does not exist or does not have skill "1"`);
		expect(remove.description).toMatch(/Individual with id .* not found/);
	});

	test('an empty body (blank, or an expression giving null) is handled as {} by add and update', async () => {
		for (const body of ['', '={{ null }}']) {
			ctx.sim.resetCalls();
			const added = await ctx.output({ resource: 'skill', operation: 'add', individualId: byId(ALICE), skillId: '2', body });
			expect(added[0].json).toMatchObject({ skillId: '2', allocation: 100 });
			expect(ctx.sim.processedPosts[0].bodyJson).toEqual({ skillId: '2' });
			const updated = await ctx.output({ resource: 'skill', operation: 'update', individualId: byId(ALICE), skillId: '2', body });
			expect(updated[0].json).toMatchObject({ skillId: '2', allocation: 100 });
			expect(ctx.sim.processedPosts[1].bodyJson).toEqual({});
			await ctx.output({ resource: 'skill', operation: 'delete', individualId: byId(ALICE), skillId: '2' });
		}
	});
});
