import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { searchBoxes } from './methods/listSearch';
import { getBoxTypes } from './methods/loadOptions';
import type { FlatBox } from './shared/boxes';
import {
	authenticationProperty,
	boxLocator,
	boxTypeIdsFilter,
	forWay,
	nameContainsFilter,
} from './shared/descriptions';
import {
	WATCHED_FIELDS,
	decodeState,
	diffBoxes,
	encodeState,
	previousValues,
	readState,
	snapshotOf,
	subtreeIds,
	type BoxChange,
	type BoxSnapshot,
	type WatchedField,
} from './trigger/boxState';
import { loadFlatBoxes } from './trigger/load';
import { newestState, rememberState, stateKey } from './trigger/memory';

type EventOption = 'created' | 'changed' | 'deleted';

interface Filters {
	boxTypeIds?: string[];
	nameContains?: string;
}

/** Where the trigger keeps its state in `getWorkflowStaticData('node')`; the session's tokens live under 'global'. */
const STATE_KEY = 'boxState';

/** Boxes a manual run ("Fetch Test Event") shows at most: one per chosen event. */
const SAMPLE_EVENTS: EventOption[] = ['created', 'changed', 'deleted'];

export class BigPictureTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BigPicture Trigger',
		name: 'bigPictureTrigger',
		icon: { light: 'file:bigpicture.svg', dark: 'file:bigpicture.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when BigPicture boxes are created, changed or deleted',
		defaults: { name: 'BigPicture Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'bigPictureApi', required: true, displayOptions: forWay('jiraLogin') },
			{ name: 'bigPictureTokenApi', required: true, displayOptions: forWay('apiToken') },
			{ name: 'bigPictureCloudApi', required: true, displayOptions: forWay('cloud') },
		],
		properties: [
			authenticationProperty,
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['created', 'changed', 'deleted'],
				options: [
					{
						name: 'Box Changed',
						value: 'changed',
						description: 'A watched field of a box changed',
					},
					{ name: 'Box Created', value: 'created' },
					{
						name: 'Box Deleted or Archived',
						value: 'deleted',
						description:
							'A box disappeared from the hierarchy (event "deleted") or was archived (event "archived")',
					},
				],
			},
			{
				displayName: 'Watched Fields',
				name: 'watchedFields',
				type: 'multiOptions',
				default: [...WATCHED_FIELDS],
				description:
					'A change to one of these makes a "changed" event. The output\'s "previous" holds their values before the change, except the description: the trigger keeps only a fingerprint of it, so "changedFields" says it changed but not what it was.',
				options: [
					{ name: 'Archived', value: 'boxArchived' },
					{ name: 'Description', value: 'boxDescription' },
					{ name: 'End Date', value: 'boxEndDate' },
					{ name: 'Name', value: 'boxName' },
					{ name: 'Parent (Moved)', value: 'parentBoxId' },
					{ name: 'Start Date', value: 'boxStartDate' },
					{ name: 'Status', value: 'boxStatus' },
					{ name: 'Type', value: 'boxTypeId' },
				],
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				description:
					'A box counts when it matches as it is now or as it was: a box moved out of the subtree or renamed away from the text is still reported',
				options: [
					boxTypeIdsFilter,
					nameContainsFilter,
					boxLocator({
						displayName: 'Subtree of Box',
						name: 'subtreeOf',
						required: false,
						description: 'Only this box and the boxes below it',
					}),
				],
			},
		],
	};

	methods = {
		listSearch: { searchBoxes },
		loadOptions: { getBoxTypes },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const events = this.getNodeParameter('events', []) as EventOption[];
		const watched = this.getNodeParameter('watchedFields', [...WATCHED_FIELDS]) as WatchedField[];
		const filters = this.getNodeParameter('filters', {}) as Filters;
		const subtreeOf = String(
			this.getNodeParameter('filters.subtreeOf', '', { extractValue: true }) ?? '',
		).trim();
		if (!events.length) {
			throw new NodeOperationError(this.getNode(), 'No event chosen', {
				description: 'Choose at least one event in "Events"',
			});
		}

		// A failed load throws before the state is read: nothing is emitted and the next poll diffs from the
		// last successful one.
		const boxes = await loadFlatBoxes(this);
		const matchesNow = boxMatcher(boxes, filters, subtreeOf);

		const missingSubtree = () =>
			new NodeOperationError(this.getNode(), `Box "${subtreeOf}" does not exist`, {
				description:
					'The "Subtree of Box" filter names a box that is not in the hierarchy the Jira user can see',
			});

		if (this.getMode() === 'manual') {
			if (subtreeOf && !matchesNow.hasSubtree) throw missingSubtree();
			return sampleEvents(boxes, events, watched, matchesNow);
		}

		const staticData = this.getWorkflowStaticData('node');
		const key = stateKey(this.getWorkflow().id, this.getNode().id);
		const base = newestState(key, readState(staticData[STATE_KEY]));
		let before: BoxSnapshot[] | undefined;
		try {
			before = base && decodeState(base);
		} catch {
			// A state this code cannot read (edited by hand, or damaged): start again as on a first poll.
			before = undefined;
		}
		const matchedBefore = before && boxMatcher(before, filters, subtreeOf);
		// A subtree box deleted since the last poll still has its deletions reported, once.
		if (subtreeOf && !matchesNow.hasSubtree && !matchedBefore?.hasSubtree) throw missingSubtree();

		const snapshots = boxes.map(snapshotOf);
		const state = encodeState(snapshots, (base?.seq ?? 0) + 1);
		staticData[STATE_KEY] = state;
		rememberState(key, state);
		// The first poll only records what exists.
		if (!before || !matchedBefore) return null;

		const changes = diffBoxes(before, boxes, snapshots, {
			watched,
			archivedAsEvent: events.includes('deleted'),
		}).filter(
			(change) =>
				events.includes(change.event === 'archived' ? 'deleted' : change.event) &&
				((change.box && matchesNow(change.box)) || (change.before && matchedBefore(change.before))),
		);
		if (!changes.length) return null;
		return [this.helpers.returnJsonArray(changes.map((change) => eventJson(change, watched)))];
	}
}

type Matcher = ((box: FlatBox | BoxSnapshot) => boolean) & { hasSubtree: boolean };

/** The filters as a test on one version of a box (as loaded now, or as remembered from the last poll). */
function boxMatcher(
	boxes: ReadonlyArray<FlatBox | BoxSnapshot>,
	filters: Filters,
	subtreeOf: string,
): Matcher {
	const subtree = subtreeOf ? subtreeIds(boxes, subtreeOf) : undefined;
	const types = filters.boxTypeIds ?? [];
	const needle = filters.nameContains?.trim().toLowerCase() ?? '';
	const matcher = ((box: FlatBox | BoxSnapshot) => {
		if (subtreeOf && !subtree?.has(box.boxId)) return false;
		if (types.length && !types.includes(String(box.boxTypeId))) return false;
		return (
			!needle ||
			String(box.boxName ?? '')
				.toLowerCase()
				.includes(needle)
		);
	}) as Matcher;
	matcher.hasSubtree = subtree !== undefined;
	return matcher;
}

function eventJson(change: BoxChange, watched: readonly WatchedField[]): IDataObject {
	return {
		event: change.event,
		boxId: change.boxId,
		box: change.box ?? null,
		previous: change.before ? previousValues(change.before, watched) : null,
		changedFields: change.changedFields,
	};
}

/**
 * "Fetch Test Event": real boxes in the shape each chosen event has, one per event, marked `sample`. The stored
 * state is not touched, so the next real poll still reports everything since the last one.
 */
function sampleEvents(
	boxes: FlatBox[],
	events: EventOption[],
	watched: readonly WatchedField[],
	matches: Matcher,
): INodeExecutionData[][] | null {
	// The root box (Home) is not a box anyone creates or changes: show real ones below it.
	const candidates = boxes.filter((box) => box.depth > 0 && matches(box));
	const items = SAMPLE_EVENTS.filter((event) => events.includes(event))
		.slice(0, candidates.length)
		.map((event, index): INodeExecutionData => {
			const box = candidates[index];
			const before = snapshotOf(box);
			return {
				json: {
					event,
					boxId: box.boxId,
					box: event === 'deleted' ? null : box,
					previous: event === 'created' ? null : previousValues(before, watched),
					changedFields: [],
					sample: true,
				},
			};
		});
	return items.length ? [items] : null;
}
