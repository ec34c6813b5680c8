'use strict';
const assert = require('node:assert/strict');
const { tail } = require('../../lib/n8n');
const { USERS, BOB_WRONG, WF } = require('../fixtures/accounts');
const c = require('../fixtures/checks');

module.exports = {
	title: 'wrong password, then CAPTCHA: clear messages, no retry, no password in the output',
	core: true,
	async run({ sim, n8n }) {
		sim.setOptions({ captchaAfter: 1 });
		const secrets = [
			{ label: "bob's wrong password", value: BOB_WRONG },
			{ label: "bob's password", value: USERS.bob.password },
		];
		const errorText = (r) =>
			r.error ? `${r.error.message || ''} ${r.error.description || ''}` : '';

		let mark = sim.calls.length;
		const wrong = await n8n.execute(WF.wrong);
		let calls = sim.calls.slice(mark);
		assert.ok(!wrong.ok, 'the execution with a wrong password succeeded');
		assert.ok(
			!!wrong.error,
			`no error in the run data (exit ${wrong.code}):\n${tail(wrong.output, 10)}`,
		);
		assert.ok(
			/refused the username or password/i.test(errorText(wrong)),
			`wrong password: the error says "${errorText(wrong).trim()}"`,
		);
		let found = c.leaks(wrong.output, secrets);
		assert.ok(found.length === 0, `the output of the failed execution holds ${found.join(', ')}`);
		const logins = calls.filter(c.isAuth).length;
		assert.ok(
			logins === 1,
			`${logins} login attempts with the wrong password, expected 1 (no retry)`,
		);
		assert.ok(
			sim.failedLogins('bob') === 1,
			`Jira counted ${sim.failedLogins('bob')} failed logins`,
		);

		mark = sim.calls.length;
		const locked = await n8n.execute(WF.captcha);
		calls = sim.calls.slice(mark);
		assert.ok(!locked.ok, 'the execution under a CAPTCHA lock succeeded');
		assert.ok(
			!!locked.error,
			`no error in the run data (exit ${locked.code}):\n${tail(locked.output, 10)}`,
		);
		assert.ok(
			/CAPTCHA/.test(errorText(locked)),
			`CAPTCHA: the error says "${errorText(locked).trim()}"`,
		);
		found = c.leaks(locked.output, secrets);
		assert.ok(found.length === 0, `the output of the CAPTCHA execution holds ${found.join(', ')}`);
		const tries = calls.filter(c.isAuth).length;
		assert.ok(tries === 1, `${tries} login attempts under the CAPTCHA lock, expected 1`);
		return `"${wrong.error.message}" / "${locked.error.message}"`;
	},
};
