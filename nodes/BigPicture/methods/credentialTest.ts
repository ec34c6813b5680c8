import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { joinSentences } from '../shared/client';
import { toConnectionConfig, type ConnectionConfig } from '../transport/config';
import { BigPictureError } from '../transport/errors';
import { RunScope } from '../transport/run';
import { BigPictureSession } from '../transport/session';
import { liveSessionUntil } from '../transport/sessions';
import { legacyRequestWire } from '../shared/wire';

/**
 * A CAPTCHA lock only stops new logins: when this n8n still holds a session for the same Jira and user, its
 * workflows keep running, and a bare "could not connect" would send the user hunting for a fault that is not there.
 */
function captchaMessage(error: BigPictureError, config: ConnectionConfig): string {
	const until = liveSessionUntil(config);
	if (until === undefined) return joinSentences([error.message, error.hint]);
	const validity =
		until === Infinity
			? ''
			: ` (its login stays valid until ${new Date(until).toISOString().slice(0, 16).replace('T', ' ')} UTC)`;
	return joinSentences([
		'Jira has locked new logins of this user behind a CAPTCHA, so this test could not log in',
		`Workflows that already run with this Jira user are not affected: n8n still holds a valid BigPicture session for it${validity}`,
		'To lift the lock, log in to Jira once in a browser (solving the CAPTCHA) with the correct password, then open this credential again. n8n tests a credential each time it is opened or saved, and each test with a wrong password counts towards the lock',
	]);
}

/**
 * Runs the real flow with a fresh session (never the cached one: the user wants to know whether this login works
 * now): system/auth, then one cheap authenticated call. Reports which step failed and what to do.
 */
export async function bigPictureApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	let config: ConnectionConfig | undefined;
	try {
		config = toConnectionConfig(credential.data as ICredentialDataDecryptedObject);
		const session = new BigPictureSession(config);
		// A credential test's context offers n8n's legacy request helper only (ICredentialTestFunctions), which n8n's
		// lint marks deprecated; there is no other way for a custom test to send a request.
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
		const run = new RunScope(legacyRequestWire(async (options) => await this.helpers.request(options)));
		await session.request({ method: 'GET', path: 'public/ppm/box/box-types' }, run);
		return { status: 'OK', message: `Connected: BigPicture answers at ${session.apiPath}` };
	} catch (error) {
		if (error instanceof BigPictureError) {
			const message =
				error.reason === 'captcha' && config
					? captchaMessage(error, config)
					: joinSentences([error.message, error.hint]);
			return { status: 'Error', message };
		}
		return { status: 'Error', message: (error as Error).message };
	}
}
