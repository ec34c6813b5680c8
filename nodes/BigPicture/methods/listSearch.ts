import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { loadHierarchy } from '../actions/box/hierarchy';
import { walkBoxes } from '../shared/boxes';
import { BigPictureClient, toNodeError } from '../shared/client';
import { ENDPOINTS } from '../shared/endpoints';
import { individualIdForUserKey } from '../shared/individuals';

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
		root = await loadHierarchy(this.getNode(), client, 0);
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

interface JiraUser {
	key?: string;
	name?: string;
	displayName?: string;
	emailAddress?: string;
	active?: boolean;
}

/**
 * Jira users for the individual picker (Jira Data Center's user search), as "Display Name (username)" with
 * BigPicture's individual ID as the value: EXT_USER@2@<user key>. Jira gives the key, so it is never read as an email
 * (a key such as `ops@localhost` must not break the list for everyone else).
 */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await BigPictureClient.open(this);
	const startAt = paginationToken ? Number(paginationToken) : 0;
	let users: unknown;
	try {
		users = await client.send({
			api: 'jira',
			method: ENDPOINTS.jiraUserSearch.method,
			path: ENDPOINTS.jiraUserSearch.path,
			// Jira DC refuses an empty username query; "." is the usual way to list users.
			query: { username: filter?.trim() || '.', startAt, maxResults: PAGE_SIZE },
		});
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
	const list = Array.isArray(users) ? (users as JiraUser[]) : [];
	const results = list
		.filter((user) => user.key || user.name)
		.map((user) => {
			const label = user.displayName ?? user.name ?? user.key!;
			return {
				name: `${label} (${user.name ?? user.key})`,
				value: individualIdForUserKey((user.key ?? user.name)!),
			};
		});
	return {
		results,
		paginationToken: list.length === PAGE_SIZE ? String(startAt + PAGE_SIZE) : undefined,
	};
}
