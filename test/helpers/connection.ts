import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { expect } from '@jest/globals';

import { toConnectionConfig, type ConnectionConfig } from '../../nodes/BigPicture/transport/config';
import { BigPictureError } from '../../nodes/BigPicture/transport/errors';
import type { Simulator } from '../simulator';

/** Credential data as a user would type it for the simulator (Basic, alice, unless overridden). */
export function credentialData(sim: Simulator, overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		baseUrl: sim.baseUrl,
		authentication: 'basic',
		username: 'alice',
		password: 's3cret',
		apiPath: 'auto',
		...overrides,
	};
}

export function configFor(sim: Simulator, overrides: Record<string, unknown> = {}): ConnectionConfig {
	return toConnectionConfig(credentialData(sim, overrides));
}

export const BP = /\/rest\/(softwareplant-)?bigpicture\/1\.0\//;
export const isAuth = (path: string) => /\/system\/auth$/.test(path);
export const isReauth = (path: string) => /\/system\/reauth$/.test(path);
/** BigPicture API calls other than the login endpoints. */
export const isApiCall = (path: string) => BP.test(path) && !/\/system\//.test(path);

/** The BigPictureError a promise rejects with (a test failure if it resolves or rejects with something else). */
export async function failure(promise: Promise<unknown>): Promise<BigPictureError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(BigPictureError);
	return error as BigPictureError;
}

/** A loopback port nothing listens on (just closed): a connection to it is refused. */
export async function closedPort(): Promise<number> {
	const server = http.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}
