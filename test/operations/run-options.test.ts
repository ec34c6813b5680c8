/**
 * Issue 10, case 7: options and JSON bodies that are not what they must be are clear errors (never a silent empty
 * run or a dropped body), and Concurrency really sends that many requests at once.
 */
import { describe, expect, test } from '@jest/globals';
import type { INodeParameters } from 'n8n-workflow';

import { byId, fromList, useSimulator } from './helpers';

const ctx = useSimulator();
const ALICE = 'EXT_USER@2@JIRAUSER10000';
const boxTypes = { resource: 'request', operation: 'call', api: 'bigpicture', method: 'GET', path: 'public/ppm/box/box-types' };

describe('Concurrency and Timeout', () => {
	test('a value that is not a number is an error naming the option, and nothing is sent', async () => {
		for (const [name, label] of [
			['concurrency', 'Concurrency'],
			['timeout', 'Timeout'],
		]) {
			for (const value of ['={{ "ten" }}', '={{ {} }}', '={{ 0 }}', '={{ -3 }}']) {
				const error = await ctx.failure({ ...boxTypes, options: { [name]: value } }, { inputItems: [{}, {}] });
				expect(error.name).toBe('NodeOperationError');
				expect(error.message).toMatch(new RegExp(`^${label} must be a number`));
			}
		}
		expect(ctx.sim.calls).toEqual([]);
	});

	test('a number given as text by an expression is used', async () => {
		const out = await ctx.output({ ...boxTypes, options: { concurrency: '={{ "2" }}', timeout: '={{ "5" }}' } }, { inputItems: [{}, {}] });
		expect(out.length).toBeGreaterThan(0);
	});

	test('N items with Concurrency N are sent N at a time (and one at a time with Concurrency 1)', async () => {
		ctx.sim.setOptions({ latencyMs: 150 });
		try {
			for (const concurrency of [1, 4]) {
				ctx.sim.resetInFlight();
				const inputItems = Array.from({ length: concurrency * 2 }, (_, n) => ({ n }));
				await ctx.output({ ...boxTypes, options: { concurrency } }, { inputItems });
				expect(ctx.sim.inFlight().max).toBe(concurrency);
			}
		} finally {
			ctx.sim.setOptions({ latencyMs: 0 });
		}
	});
});

describe('JSON bodies that are not a JSON object', () => {
	const operations: Array<[string, INodeParameters, string]> = [
		[
			'box create',
			{
				resource: 'box',
				operation: 'create',
				parentBoxId: fromList('PROG-1'),
				boxTypeId: '4',
				boxName: 'Launch',
				startDate: '2025-03-01',
				endDate: '2025-05-31',
				icon: 'rocket',
				iconColor: 'RED',
			},
			'additionalBody',
		],
		['box duplicate', { resource: 'box', operation: 'duplicate', boxId: byId('PRJ-2') }, 'body'],
		['scope update own', { resource: 'scope', operation: 'updateOwn', boxId: byId('PRJ-1') }, 'definition'],
		['scope update sub', { resource: 'scope', operation: 'updateSub', boxId: byId('ITER-1') }, 'definition'],
		['skill add', { resource: 'skill', operation: 'add', individualId: byId(ALICE), skillId: '2' }, 'body'],
		['skill update', { resource: 'skill', operation: 'update', individualId: byId(ALICE), skillId: '1' }, 'body'],
		['custom API call', { ...boxTypes, method: 'POST', path: 'public/ppm/box/box' }, 'body'],
	];

	test.each(operations)('%s: a number, a boolean or a string is an error naming the parameter; nothing is sent', async (_, parameters, field) => {
		for (const body of ['={{ 5 }}', '={{ true }}', '={{ false }}', '={{ 0 }}', '5', 'true', '"text"']) {
			const error = await ctx.failure({ ...parameters, [field]: body });
			expect(error.name).toBe('NodeOperationError');
			expect(error.message).toMatch(/(Body|JSON|Definition).* must be a JSON (object|object or array)/);
		}
		expect(ctx.sim.processedPosts).toEqual([]);
	});

	test('Custom API Call still sends an array body as given', async () => {
		await ctx.failure({ ...boxTypes, method: 'POST', path: 'public/ppm/box/box', body: '[{"a": 1}]' });
		expect(ctx.apiCalls()[0].bodyJson).toEqual([{ a: 1 }]);
	});
});
