'use strict';
/**
 * The common start of the e2e suite and the demo: n8n (cached install), the package built if needed and
 * installed into `userFolder` the way n8n installs community packages, and an N8n instance on free ports.
 */
const fs = require('node:fs');
const { createRequire } = require('node:module');
const { ensureN8n, N8n } = require('./n8n');
const { buildIfMissing, installPackage } = require('./package');

/**
 * @param {{userFolder: string, encryptionKey: string, preferredPort?: number, env?: Record<string, string>,
 *   log?: (msg: string) => void, version?: string}} options `version`: an n8n other than the pinned one
 * @returns {Promise<N8n>}
 */
async function prepareN8n({
	userFolder,
	encryptionKey,
	preferredPort,
	env,
	log = () => {},
	version,
}) {
	const install = await ensureN8n({ log, version });
	await buildIfMissing(log);
	fs.mkdirSync(userFolder, { recursive: true });
	await installPackage(userFolder, { log });
	return N8n.create({ install, userFolder, encryptionKey, preferredPort, env });
}

/**
 * Environment that makes n8n (2.40.7: OwnerInstanceSettingsLoader at start-up) set up its owner user, so the
 * editor opens on a login page instead of the owner sign-up form. The password is hashed with n8n's own bcryptjs.
 */
function ownerEnv(n8n, { email, password, firstName = 'Demo', lastName = 'Owner' }) {
	const bcrypt = createRequire(n8n.install.bin)('bcryptjs');
	return {
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: email,
		N8N_INSTANCE_OWNER_FIRST_NAME: firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: lastName,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(password, 10),
	};
}

module.exports = { prepareN8n, ownerEnv };
