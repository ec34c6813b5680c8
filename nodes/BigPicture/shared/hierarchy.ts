import type { INode } from 'n8n-workflow';

import { isBox, type Box } from './boxes';
import { unexpectedShape, type BigPictureClient } from './client';

/** The whole box tree, read once per node run however many items ask for it. */
export function loadHierarchy(
	node: INode,
	client: BigPictureClient,
	itemIndex?: number,
): Promise<Box> {
	return client.once('box-hierarchy', async () => {
		const root = await client.apiRequest('boxHierarchy', {}, itemIndex);
		if (!isBox(root)) {
			throw unexpectedShape(node, {
				what: 'Get box hierarchy',
				value: root,
				itemIndex,
				expected: 'a root box',
				hint: 'Check the BigPicture API path setting of the credential',
			});
		}
		return root;
	});
}
