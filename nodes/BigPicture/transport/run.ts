import type { BigPictureError } from './errors';
import type { SendOne } from './wire';

/**
 * One execution of the node (BigPictureClient.open … close). A session is shared by every execution of a process,
 * so what belongs to one execution travels here: the wire its requests go over (n8n's helper of that execution)
 * and the execution's cancel signal, which ends its requests in flight when the user presses Stop.
 *
 * It also holds what the run's items have learnt about the login, so that a failure that is not final (a 503 after
 * its retries, an SSO page, a 401 that a fresh login did not cure) costs one attempt per run, and every later item
 * gets the same error instead of trying again. The next run tries again.
 */
export class RunScope {
	/** The failed login of this run, rethrown to every later item that needs one. */
	loginError?: BigPictureError;

	/** A reauth of this run that failed without an answer (timeout, unreachable): rethrown likewise. */
	reauthError?: BigPictureError;

	constructor(
		readonly send: SendOne,
		readonly signal?: AbortSignal,
	) {}
}
