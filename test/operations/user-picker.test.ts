/**
 * Issue 10, case 14: one Jira user whose key holds "@" without being an email (ops@localhost) must not break the
 * individual picker for everyone else.
 */
import { describe, expect, test } from '@jest/globals';

import { DEFAULT_USERS } from '../simulator';
import { fromList, useSimulator } from './helpers';

const ctx = useSimulator({
	users: {
		...DEFAULT_USERS,
		'carol@example.com': { password: 'not-used-2', displayName: 'Carol', email: 'carol@example.com', key: 'carol@example.com' },
		'ops@localhost': { password: 'not-used-1', displayName: 'Ops Robot', email: 'ops@localhost', key: 'ops@localhost' },
	},
});

describe('individual picker', () => {
	test('a user key with "@" that is not an email is listed by its key; the others are listed too (an email-shaped key in the email form)', async () => {
		const found = await ctx.harness.listSearch({ nodeType: 'bigPicture', method: 'searchUsers' });
		expect(found.results).toEqual([
			{ name: 'Alice Admin (alice)', value: 'EXT_USER@2@JIRAUSER10000' },
			{ name: 'Bob Builder (bob)', value: 'EXT_USER@2@JIRAUSER10001' },
			{ name: 'Carol (carol@example.com)', value: 'EXT_USER@@2@@carol@example.com' },
			{ name: 'Ops Robot (ops@localhost)', value: 'EXT_USER@2@ops@localhost' },
		]);
	});

	test('the individual picked for that user reaches BigPicture as that user', async () => {
		const out = await ctx.output({
			resource: 'absence',
			operation: 'getMany',
			individualId: fromList('EXT_USER@2@ops@localhost'),
			returnAll: true,
		});
		expect(out).toEqual([]);
		expect(ctx.apiCalls().map((c) => [c.status, decodeURIComponent(c.path)])).toEqual([
			[200, expect.stringMatching(/\/public\/ppm\/resources\/EXT_USER@2@ops@localhost\/absences$/)],
		]);
	});
});
