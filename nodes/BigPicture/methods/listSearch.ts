import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { loadHierarchy } from '../shared/hierarchy';
import { boxName, pathOf, visitBoxes, type BoxVisit } from '../shared/boxes';
import { BigPictureClient } from '../shared/client';
import { individualIdForUserKey } from '../shared/individuals';

const PAGE_SIZE = 100;

/** How many boxes above a box its label names: the nearest ones say most (the project and program of a sprint). */
const LABEL_PATH_DEPTH = 2;

/** Longer box names are cut in a label's path, so that the box's own name stays readable in the list. */
const LABEL_NAME_LENGTH = 32;

function shorten(name: string): string {
	return name.length > LABEL_NAME_LENGTH
		? `${name.slice(0, LABEL_NAME_LENGTH - 1).trimEnd()}…`
		: name;
}

/**
 * Boxes of the hierarchy as "Sprint 1 (ITER-1) — Mobile Banking › Login revamp": the name, the id and the nearest
 * boxes above it, since many boxes share a name ("Sprint 1" in every project). A box matches when the filter is
 * part of its id, or when each word of the filter is part of its name or of a name on its whole path (so
 * "login sprint" finds the sprints of "Login revamp"). One hierarchy read per call, however many boxes it holds.
 */
export async function searchBoxes(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await BigPictureClient.open(this);
	const root = await loadHierarchy(this.getNode(), client);
	const needle = (filter ?? '').trim().toLowerCase();
	const words = needle.split(/\s+/).filter(Boolean);
	const offset = paginationToken ? Number(paginationToken) : 0;
	// What a label and a search need of the path above a box, worked out once per parent, not once per box.
	const above = new Map<BoxVisit | null, { text: string; near: string }>();
	const pathAbove = (visit: BoxVisit) => {
		let known = above.get(visit.parent);
		if (!known) {
			const path = pathOf(visit);
			known = {
				text: path.join('\u0000').toLowerCase(),
				near: path.slice(-LABEL_PATH_DEPTH).map(shorten).join(' › '),
			};
			above.set(visit.parent, known);
		}
		return known;
	};
	const matching = [];
	for (const visit of visitBoxes(root)) {
		const name = boxName(visit.box);
		const { text, near } = pathAbove(visit);
		const nameAndPath = `${name.toLowerCase()}\u0000${text}`;
		if (
			visit.box.boxId.toLowerCase().includes(needle) ||
			words.every((word) => nameAndPath.includes(word))
		) {
			const label = `${name} (${visit.box.boxId})${near ? ` — ${near}` : ''}`;
			matching.push({ name: label, value: visit.box.boxId });
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
	const users = await client.apiRequest('jiraUserSearch', {
		// Jira DC refuses an empty username query; "." is the usual way to list users.
		query: { username: filter?.trim() || '.', startAt, maxResults: PAGE_SIZE },
	});
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
