'use strict';
const { WF } = require('../fixtures/accounts');
const c = require('../fixtures/checks');

module.exports = {
	title:
		'getMany of boxes with Basic login: right data, one system/auth, JWT + JSESSIONID on every call',
	core: true,
	async run({ sim, n8n }) {
		const { r, calls } = await c.executeBoxesWithOneLogin({ sim, n8n }, WF.getMany, 'basic');
		c.checkPublicCalls(calls);
		return `${calls.length} calls, ${c.secs(r.ms)}`;
	},
};
