/**
 * Ids are opaque path segments (issue 10, case 5): a box or skill id of ".", "..", empty, or one that would not stay
 * one segment is refused with an error naming the field, in every input mode, and nothing is sent.
 */
import { describe, expect, test } from '@jest/globals';

import { byId, fromList, useSimulator } from './helpers';

const ctx = useSimulator();
const ALICE = 'EXT_USER@2@JIRAUSER10000';

describe('dot-segment and multi-segment ids never change the endpoint', () => {
	// "By ID" mode's regex already stops a typed "..": the list, an expression or a plain string get past it.
	test('Box › Delete refuses "." and ".." (list, expression, plain string): nothing is sent', async () => {
		const boxIds = [
			fromList('..'),
			fromList('.'),
			byId('={{ $json.id }}'),
			'..',
			fromList('a/b'),
			byId('={{ "a\\\\b" }}'),
		];
		for (const boxId of boxIds) {
			const error = await ctx.failure(
				{ resource: 'box', operation: 'delete', boxId },
				{ inputItems: [{ id: '..' }] },
			);
			expect(error.name).toBe('NodeOperationError');
			expect(error.message).toMatch(/^Box ".*" is not a valid ID/);
		}
		expect(ctx.sim.calls).toEqual([]);
		expect(ctx.sim.state.boxes.size).toBeGreaterThan(1);
	});

	test('Box › Duplicate and Get Assignments refuse ".." the same way', async () => {
		for (const operation of ['duplicate', 'getAssignments']) {
			const error = await ctx.failure({ resource: 'box', operation, boxId: fromList('..') });
			expect(error.message).toMatch(/^Box "\.\." is not a valid ID/);
		}
		expect(ctx.sim.calls).toEqual([]);
	});

	test('Skill › Delete with skill id ".." (typed or from an expression) does not touch the individual', async () => {
		for (const skillId of ['..', '.', '={{ ".." }}', '1/2']) {
			const error = await ctx.failure({
				resource: 'skill',
				operation: 'delete',
				individualId: byId(ALICE),
				skillId,
			});
			expect(error.name).toBe('NodeOperationError');
			expect(error.message).toMatch(/^Skill ID ".*" is not a valid ID/);
		}
		expect(ctx.sim.calls).toEqual([]);
		expect(ctx.sim.state.individualSkills.get(ALICE)?.length).toBeGreaterThan(0);
	});

	test('an ordinary id still goes through (the check refuses only what would change the path)', async () => {
		const out = await ctx.output({ resource: 'box', operation: 'getAssignments', boxId: byId('ITER-1') });
		expect(out.length).toBeGreaterThan(0);
	});
});
