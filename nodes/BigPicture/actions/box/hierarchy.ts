import type { BigPictureClient } from '../../shared/client';
import { HIERARCHY_PATH, isBox, type Box } from '../../shared/boxes';
import { BigPictureError } from '../../transport/errors';

/** The whole box tree, read once per node run however many items ask for it. */
export function loadHierarchy(client: BigPictureClient, itemIndex: number): Promise<Box> {
	return client.once('box-hierarchy', async () => {
		const root = await client.cargo({ method: 'GET', path: HIERARCHY_PATH }, itemIndex);
		if (!isBox(root)) {
			throw new BigPictureError(
				'The box hierarchy came back in an unexpected shape (no root box)',
				{
					step: 'request',
					reason: 'bad-response',
					request: `GET ${HIERARCHY_PATH}`,
					hint: 'Check the BigPicture API path setting of the credential',
				},
			);
		}
		return root;
	});
}
