import type { IPollFunctions } from 'n8n-workflow';

import { loadHierarchy } from '../shared/hierarchy';
import { walkBoxes, type FlatBox } from '../shared/boxes';
import { BigPictureClient } from '../shared/client';

/**
 * The trigger's one read: the whole hierarchy, flattened depth-first as Box › Get Many sees it. The session's
 * tokens are saved under the workflow's global static data whatever happens, as the node's runs save them.
 */
export async function loadFlatBoxes(context: IPollFunctions): Promise<FlatBox[]> {
	const client = await BigPictureClient.open(context);
	try {
		return [...walkBoxes(await loadHierarchy(context.getNode(), client))];
	} finally {
		await client.close();
	}
}
