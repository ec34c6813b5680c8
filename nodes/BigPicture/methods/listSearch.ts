import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { loadHierarchy } from '../actions/box/hierarchy';
import { walkBoxes } from '../shared/boxes';
import { BigPictureClient, toNodeError } from '../shared/client';

const PAGE_SIZE = 100;

/** Boxes of the hierarchy whose name or id contains the filter, as "name (id)", indented by depth. */
export async function searchBoxes(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await BigPictureClient.open(this);
	let root;
	try {
		root = await loadHierarchy(client, 0);
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
	const needle = filter?.trim().toLowerCase() ?? '';
	const offset = paginationToken ? Number(paginationToken) : 0;
	const matching = [];
	for (const box of walkBoxes(root)) {
		const name = String(box.boxName ?? box.boxId);
		if (
			!needle ||
			name.toLowerCase().includes(needle) ||
			box.boxId.toLowerCase().includes(needle)
		) {
			matching.push({ name: `${name} (${box.boxId})`, value: box.boxId });
		}
	}
	const page = matching.slice(offset, offset + PAGE_SIZE);
	const more = offset + PAGE_SIZE < matching.length;
	return { results: page, paginationToken: more ? String(offset + PAGE_SIZE) : undefined };
}
