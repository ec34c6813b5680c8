import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters, WorkflowExecuteMode } from 'n8n-workflow';

import { BigPictureApi } from '../../credentials/BigPictureApi.credentials';
import { BigPictureCloudApi } from '../../credentials/BigPictureCloudApi.credentials';
import { BigPictureTokenApi } from '../../credentials/BigPictureTokenApi.credentials';
import { BigPicture } from '../../nodes/BigPicture/BigPicture.node';
import { BigPictureTrigger } from '../../nodes/BigPicture/BigPictureTrigger.node';
import { CREDENTIAL_TYPES, type WayIn } from '../../nodes/BigPicture/transport/connections';
import { createHarness, type Harness, type HarnessRunResult, type InputItem } from '../harness';

export const NODE = 'BigPicture';
export const HIERARCHY = /\/public\/ppm\/box\/box-hierarchy$/;
export const SHORT = '/rest/bigpicture/1.0/';
export const CLASSIC = '/rest/softwareplant-bigpicture/1.0/';

export function waysHarness(): Harness {
	return createHarness({
		nodeTypes: [new BigPicture(), new BigPictureTrigger()],
		credentialTypes: [new BigPictureApi(), new BigPictureTokenApi(), new BigPictureCloudApi()],
	});
}

/** The credential of one way in, as n8n stores it for the node (its id: the way's name unless given). */
export function credentialOf(way: WayIn, data: Record<string, unknown>, id: string = way) {
	return {
		[CREDENTIAL_TYPES[way]]: { id, name: `BigPicture (${way})`, data: data as ICredentialDataDecryptedObject },
	};
}

/** Runs `Start → Items → BigPicture` with "Connect With" set to `way` (omitted for jiraLogin: a saved old workflow). */
export function runWay(
	harness: Harness,
	way: WayIn,
	data: Record<string, unknown>,
	parameters: INodeParameters,
	options: {
		inputItems?: InputItem[];
		mode?: WorkflowExecuteMode;
		staticData?: IDataObject;
		credentialId?: string;
	} = {},
): Promise<HarnessRunResult> {
	const { credentialId, ...runOptions } = options;
	return harness.run({
		...runOptions,
		node: {
			type: 'bigPicture',
			name: NODE,
			parameters: way === 'jiraLogin' ? parameters : { authentication: way, ...parameters },
		},
		credentials: credentialOf(way, data, credentialId),
	});
}

export const getMany: INodeParameters = { resource: 'box', operation: 'getMany', returnAll: true };
export const getBox = (id: string): INodeParameters => ({
	resource: 'box',
	operation: 'get',
	boxId: { __rl: true, mode: 'id', value: id },
});
