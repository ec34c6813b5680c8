import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { BigPictureApi } from '../../credentials/BigPictureApi.credentials';
import { BigPicture } from '../../nodes/BigPicture/BigPicture.node';
import { createHarness, type Harness, type HarnessRunResult, type InputItem, type RunOptions } from '../harness';
import type { Simulator } from '../simulator';
import { credentialData } from './connection';

export const NODE = 'BigPicture';

export function bigPictureHarness(): Harness {
	return createHarness({ nodeTypes: [new BigPicture()], credentialTypes: [new BigPictureApi()] });
}

/** Runs `Start → Items → BigPicture` in n8n-core with a credential pointing at the simulator. */
export function runNode(
	harness: Harness,
	sim: Simulator,
	parameters: INodeParameters,
	options: Omit<RunOptions, 'node'> & {
		inputItems?: InputItem[];
		credential?: Record<string, unknown>;
		continueOnFail?: boolean;
	} = {},
): Promise<HarnessRunResult> {
	const { credential, continueOnFail, ...rest } = options;
	return harness.run({
		...rest,
		node: {
			type: 'bigPicture',
			name: NODE,
			parameters,
			...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		},
		credentials: { bigPictureApi: { id: '1', name: 'BigPicture', data: credentialData(sim, credential) as ICredentialDataDecryptedObject } },
	});
}

/** Everything a run exposes to the user, as one string: output, errors, static data. */
export function visibleText(result: HarnessRunResult): string {
	return JSON.stringify({
		run: result.runData,
		error: result.error && { message: result.error.message, description: result.error.description },
		staticData: result.staticDataAfterRun,
	});
}
