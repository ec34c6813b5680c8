import { describe, expect, test } from '@jest/globals';

import { boxJql, extraJqlProblem } from '../../nodes/BigPicture/actions/task/getMany';
import { byId, fromList, useSimulator } from './helpers';

const ctx = useSimulator();
const searches = () => ctx.sim.calls.filter((c) => c.path.endsWith('/rest/api/2/search'));

describe('task: get many (Jira search)', () => {
	test('Return All pages through Jira\'s search with JQL issue in box(), same login', async () => {
		const out = await ctx.output({ resource: 'task', operation: 'getMany', boxId: fromList('PRJ-1'), returnAll: true });
		expect(out).toHaveLength(120);
		expect(out[0].json).toMatchObject({ boxId: 'PRJ-1', key: 'DEMO-1', fields: expect.objectContaining({ summary: expect.any(String) }) });
		expect(Object.keys(out[0].json.fields as object).sort()).toEqual(['assignee', 'duedate', 'issuetype', 'status', 'summary']);
		expect(out.every((o) => (o.pairedItem as { item: number }).item === 0)).toBe(true);
		const calls = searches();
		expect(calls.map((c) => (c.bodyJson as { startAt: number }).startAt)).toEqual([0, 100]);
		expect(calls[0].bodyJson).toMatchObject({ jql: 'issue in box("PRJ-1")', maxResults: 100 });
		expect(calls.every((c) => c.method === 'POST' && c.cookies.includes('JSESSIONID') && c.auth === 'none')).toBe(true);
	});

	test('Limit, chosen fields, additional JQL and order', async () => {
		const out = await ctx.output({
			resource: 'task',
			operation: 'getMany',
			boxId: byId('PRJ-1'),
			limit: 30,
			taskOptions: { fields: 'summary, duedate', jql: 'status != Done', orderBy: 'ORDER BY duedate ASC' },
		});
		expect(out).toHaveLength(30);
		expect(Object.keys(out[0].json.fields as object).sort()).toEqual(['duedate', 'summary']);
		expect(searches()[0].bodyJson).toEqual({
			jql: 'issue in box("PRJ-1") AND (status != Done) ORDER BY duedate ASC',
			startAt: 0,
			maxResults: 30,
			fields: ['summary', 'duedate'],
		});
	});

	test('follows the page size Jira actually grants', async () => {
		ctx.sim.setOptions({ searchMaxResults: 50 });
		try {
			const out = await ctx.output({ resource: 'task', operation: 'getMany', boxId: byId('PRJ-1'), returnAll: true });
			expect(out.map((o) => o.json.key)).toEqual(Array.from({ length: 120 }, (_, i) => `DEMO-${i + 1}`));
			expect(searches().map((c) => (c.bodyJson as { startAt: number }).startAt)).toEqual([0, 50, 100]);
		} finally {
			ctx.sim.setOptions({ searchMaxResults: 100 });
		}
	});

	test('a box without tasks gives no items', async () => {
		const out = await ctx.output({ resource: 'task', operation: 'getMany', boxId: byId('PRJ-3'), returnAll: true });
		expect(out).toEqual([]);
	});

	test('an unknown box is named in the error; bad JQL is Jira\'s 400', async () => {
		const bad = await ctx.failure({ resource: 'task', operation: 'getMany', boxId: byId('PRJ-404') });
		expect(bad.message).toMatch(/HTTP 400.*Box with id "PRJ-404" does not exist/);
		const jql = await ctx.failure({
			resource: 'task',
			operation: 'getMany',
			boxId: byId('PRJ-1'),
			taskOptions: { orderBy: 'duedate )' },
		});
		expect(jql.message).toMatch(/HTTP 400.*Error in the JQL Query/);
	});

	test('continueOnFail gives error items paired with their input', async () => {
		const out = await ctx.output(
			{ resource: 'task', operation: 'getMany', boxId: byId('={{ $json.box }}'), limit: 2 },
			{ inputItems: [{ box: 'NOPE-1' }, { box: 'ITER-3' }], continueOnFail: true },
		);
		expect(out).toHaveLength(3);
		expect(out[0]).toEqual({ json: expect.objectContaining({ error: expect.stringMatching(/NOPE-1/) }), pairedItem: { item: 0 } });
		expect(out.slice(1).map((o) => [o.json.key, o.pairedItem])).toEqual([
			['OPS-1', { item: 1 }],
			['OPS-2', { item: 1 }],
		]);
	});
});

describe('task: get many, additional JQL cannot escape the box filter (review fixes)', () => {
	test.each([
		['status = Done) OR (project = HR', /closes a bracket it did not open/],
		[') OR project = HR OR (', /closes a bracket it did not open/],
		['status = Done) OR project = HR ORDER BY key', /closes a bracket it did not open/],
		['(status = Done', /a bracket is not closed/],
		['summary ~ "unclosed', /a quoted string is not closed \(a " is missing\)/],
		["summary ~ 'x) OR (project = HR", /a quoted string is not closed/],
		['summary ~ "a\\" ) OR ( project = HR', /a quoted string is not closed/],
		['summary = \\( ) OR ( summary = \\)', /backslash outside a quoted string/],
	])('%s is refused before anything is sent', async (extra, reason) => {
		const error = await ctx.failure({ resource: 'task', operation: 'getMany', boxId: byId('PRJ-1'), taskOptions: { jql: extra } });
		expect(error.message).toMatch(/^The additional JQL is refused: /);
		expect(error.message).toMatch(reason);
		expect(searches()).toEqual([]);
		expect(() => boxJql('ITER-1', extra)).toThrow(/additional JQL is refused/);
	});

	test('balanced JQL, with brackets and quotes inside strings, is sent in brackets (only unbalanced is refused)', async () => {
		expect(extraJqlProblem('status = Done) OR (project = HR')).toMatch(/closes a bracket it did not open/);
		const extra = 'summary ~ "a) OR (b" AND (status = Done OR summary ~ \'x (y\')';
		expect(extraJqlProblem(extra)).toBeUndefined();
		// An escaped quote stays inside its string, as Jira reads it: this is one string, not an escape.
		expect(extraJqlProblem('summary ~ "a\\" ) OR ( "')).toBeUndefined();
		await ctx.output({ resource: 'task', operation: 'getMany', boxId: byId('PRJ-1'), limit: 1, taskOptions: { jql: extra } });
		expect((searches()[0].bodyJson as { jql: string }).jql).toBe(`issue in box("PRJ-1") AND (${extra})`);
		expect(boxJql('ITER-1', 'assignee in (a, b)')).toBe('issue in box("ITER-1") AND (assignee in (a, b))');
	});
});
