import type { BigPictureError } from './errors';

/**
 * One execution of the node (BigPictureClient.open … close): what its items have learnt about the login, so that
 * a failure that is not final (a 503 after its retries, an SSO page, a 401 that a fresh login did not cure) costs
 * one attempt per run, and every later item gets the same error instead of trying again. The next run tries again.
 */
export class RunScope {
	/** The failed login of this run, rethrown to every later item that needs one. */
	loginError?: BigPictureError;

	/** A reauth of this run that failed without an answer (timeout, unreachable): rethrown likewise. */
	reauthError?: BigPictureError;
}
