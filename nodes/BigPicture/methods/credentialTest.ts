import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { toConnectionConfig } from '../transport/config';
import { BigPictureError } from '../transport/errors';
import { RunScope } from '../transport/run';
import { BigPictureSession } from '../transport/session';
import { legacyRequestWire } from '../shared/wire';

/**
 * Runs the real flow with a fresh session (never the cached one: the user wants to know whether this login works
 * now): system/auth, then one cheap authenticated call. Reports which step failed and what to do.
 */
export async function bigPictureApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		const session = new BigPictureSession(
			toConnectionConfig(credential.data as ICredentialDataDecryptedObject),
		);
		// The credential test's context has only n8n's legacy request helper.
		const run = new RunScope(legacyRequestWire(async (options) => await this.helpers.request(options)));
		await session.request({ method: 'GET', path: 'public/ppm/box/box-types' }, run);
		return { status: 'OK', message: `Connected: BigPicture answers at ${session.apiPath}` };
	} catch (error) {
		if (error instanceof BigPictureError) {
			return { status: 'Error', message: [error.message, error.hint].filter(Boolean).join('. ') };
		}
		return { status: 'Error', message: (error as Error).message };
	}
}
