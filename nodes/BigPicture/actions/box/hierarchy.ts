import type { INode } from 'n8n-workflow';

import { callEndpoint } from '../../shared/api';
import { isBox, type Box } from '../../shared/boxes';
import type { BigPictureClient } from '../../shared/client';
import { ENDPOINTS } from '../../shared/endpoints';
import { BigPictureError } from '../../transport/errors';

/** The whole box tree, read once per node run however many items ask for it. */
export function loadHierarchy(
	node: INode,
	client: BigPictureClient,
	itemIndex: number,
): Promise<Box> {
	return client.once('box-hierarchy', async () => {
		const root = await callEndpoint(node, client, 'boxHierarchy', itemIndex);
		if (!isBox(root)) {
			throw new BigPictureError(
				'The box hierarchy came back in an unexpected shape (no root box)',
				{
					step: 'request',
					reason: 'bad-response',
					request: `GET ${ENDPOINTS.boxHierarchy.path}`,
					hint: 'Check the BigPicture API path setting of the credential',
				},
			);
		}
		return root;
	});
}
