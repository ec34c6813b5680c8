import { createHash } from 'crypto';

import type { FlatBox } from '../shared/boxes';

/** The box fields a change can be watched on, in the order `changedFields` lists them. */
export const WATCHED_FIELDS = [
	'boxName',
	'boxStatus',
	'boxStartDate',
	'boxEndDate',
	'boxArchived',
	'parentBoxId',
	'boxTypeId',
	'boxDescription',
] as const;

export type WatchedField = (typeof WATCHED_FIELDS)[number];

/** What the trigger remembers of one box: its watched values, the description only as a fingerprint. */
export interface BoxSnapshot {
	boxId: string;
	depth: number;
	parentBoxId: string | null;
	boxName: string | null;
	boxStatus: string | null;
	boxStartDate: string | null;
	boxEndDate: string | null;
	boxArchived: boolean;
	boxTypeId: string | null;
	/** 36 bits of the description's SHA-256, '' for none: descriptions can be long, names and dates are not. */
	descriptionDigest: string;
}

/**
 * The state kept in the trigger's static data. One string per box, in the hierarchy's depth-first order, so that the
 * parent need not be stored (it is the nearest earlier box one level up). Type, status, archived flag and id prefix
 * come from a small table of combinations; ids `<PREFIX>-<n>` keep only n in base 36; dates are base-36 day
 * numbers, the end date as days after the start. Names are the bulk: see the measurements in test/trigger/scale.test.ts.
 *
 * A box: `<id>|<depth>|<combination>|<start>|<end>|<description digest>|<shared>|<name>`: the name last, so it may
 * hold `|` (the other fields escape `%` and `|`), without the first <shared> characters it has in common with the
 * previous box's name (siblings are often "Sprint 1", "Sprint 2"…).
 */
export interface StoredState {
	version: 1;
	/** Raised by every poll that stored a state: tells an older copy (rolled back by a queue worker) from a newer. */
	seq: number;
	/** [boxTypeId, boxStatus, boxArchived, id prefix] */
	combos: Array<[string | null, string | null, boolean, string]>;
	boxes: string[];
}

const SEP = '|';
const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMBERED_ID = /^(.+)-([1-9]\d{0,14})$/;

function escape(value: string): string {
	return value.replace(/%/g, '%25').replace(/\|/g, '%7C');
}

function unescape(value: string): string {
	return value.replace(/%7C/g, '|').replace(/%25/g, '%');
}

function text(value: unknown): string | null {
	if (value === undefined || value === null || value === '') return null;
	return typeof value === 'string' ? value : String(value);
}

/** How many leading characters two names share (never half of a surrogate pair). */
function sharedPrefix(a: string, b: string): number {
	const max = Math.min(a.length, b.length);
	let n = 0;
	while (n < max && a.charCodeAt(n) === b.charCodeAt(n)) n++;
	const code = n > 0 ? a.charCodeAt(n - 1) : 0;
	return code >= 0xd800 && code <= 0xdbff ? n - 1 : n;
}

/** `YYYY-MM-DD` as a day number, or undefined for anything else (kept verbatim then). */
function dayNumber(value: string, memo: Map<string, number | undefined>): number | undefined {
	if (memo.has(value)) return memo.get(value);
	const day = parseDay(value);
	memo.set(value, day);
	return day;
}

function parseDay(value: string): number | undefined {
	const match = DATE.exec(value);
	if (!match) return undefined;
	const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
	const day = ms / DAY_MS;
	return new Date(ms).toISOString().slice(0, 10) === value ? day : undefined;
}

function dateOf(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function descriptionDigest(value: unknown): string {
	const description = text(value);
	if (description === null) return '';
	return createHash('sha256').update(description).digest('base64url').slice(0, 6);
}

/** A box of the loaded hierarchy as the state sees it. */
export function snapshotOf(box: FlatBox): BoxSnapshot {
	return {
		boxId: box.boxId,
		depth: box.depth,
		parentBoxId: box.parentBoxId,
		boxName: text(box.boxName),
		boxStatus: text(box.boxStatus),
		boxStartDate: text(box.boxStartDate),
		boxEndDate: text(box.boxEndDate),
		boxArchived: box.boxArchived === true,
		boxTypeId: text(box.boxTypeId),
		descriptionDigest: descriptionDigest(box.boxDescription),
	};
}

/** Encodes snapshots (depth-first order, as `walkBoxes` yields boxes) into a state with this sequence number. */
export function encodeState(snapshots: Iterable<BoxSnapshot>, seq: number): StoredState {
	const combos: StoredState['combos'] = [];
	const comboIndex = new Map<string, number>();
	const days = new Map<string, number | undefined>();
	const encoded: string[] = [];
	let previousName = '';
	for (const snap of snapshots) {
		const numbered = NUMBERED_ID.exec(snap.boxId);
		const prefix = numbered ? numbered[1] : '';
		const combo: StoredState['combos'][number] = [
			snap.boxTypeId,
			snap.boxStatus,
			snap.boxArchived,
			prefix,
		];
		const comboKey = combo.join('\u0000');
		let index = comboIndex.get(comboKey);
		if (index === undefined) {
			index = combos.push(combo) - 1;
			comboIndex.set(comboKey, index);
		}
		const id = numbered ? Number(numbered[2]).toString(36) : `~${escape(snap.boxId)}`;
		const start = snap.boxStartDate === null ? undefined : dayNumber(snap.boxStartDate, days);
		const end = snap.boxEndDate === null ? undefined : dayNumber(snap.boxEndDate, days);
		let startField = '';
		if (snap.boxStartDate !== null)
			startField = start === undefined ? `~${escape(snap.boxStartDate)}` : start.toString(36);
		let endField = '';
		if (snap.boxEndDate !== null) {
			if (end === undefined) endField = `~${escape(snap.boxEndDate)}`;
			else endField = start === undefined ? `!${end.toString(36)}` : (end - start).toString(36);
		}
		const name = snap.boxName ?? '';
		const shared = sharedPrefix(previousName, name);
		previousName = name;
		encoded.push(
			[
				id,
				snap.depth.toString(36),
				index.toString(36),
				startField,
				endField,
				snap.descriptionDigest,
				shared.toString(36),
				name.slice(shared),
			].join(SEP),
		);
	}
	return { version: 1, seq, combos, boxes: encoded };
}

/** The state's boxes, in their stored order, with parents restored from the depths. */
export function decodeState(state: StoredState): BoxSnapshot[] {
	const result: BoxSnapshot[] = [];
	const ancestors: string[] = [];
	let previousName = '';
	for (const line of state.boxes) {
		const fields: string[] = [];
		let from = 0;
		for (let n = 0; n < 7; n++) {
			const at = line.indexOf(SEP, from);
			if (at < 0) throw new Error('A stored box has too few fields');
			fields.push(line.slice(from, at));
			from = at + 1;
		}
		const [idField, depthField, comboField, startField, endField, digest, sharedField] = fields;
		const name = previousName.slice(0, parseInt(sharedField, 36)) + line.slice(from);
		previousName = name;
		const combo = state.combos[parseInt(comboField, 36)];
		const depth = parseInt(depthField, 36);
		if (!combo || !Number.isInteger(depth) || depth < 0 || depth > ancestors.length)
			throw new Error('A stored box is malformed');
		const [boxTypeId, boxStatus, boxArchived, prefix] = combo;
		const boxId = idField.startsWith('~')
			? unescape(idField.slice(1))
			: `${prefix}-${parseInt(idField, 36)}`;
		let start: number | undefined;
		let boxStartDate: string | null = null;
		if (startField.startsWith('~')) boxStartDate = unescape(startField.slice(1));
		else if (startField) {
			start = parseInt(startField, 36);
			boxStartDate = dateOf(start);
		}
		let boxEndDate: string | null = null;
		if (endField.startsWith('~')) boxEndDate = unescape(endField.slice(1));
		else if (endField.startsWith('!')) boxEndDate = dateOf(parseInt(endField.slice(1), 36));
		else if (endField && start !== undefined) boxEndDate = dateOf(start + parseInt(endField, 36));
		ancestors.length = depth;
		result.push({
			boxId,
			depth,
			parentBoxId: depth > 0 ? ancestors[depth - 1] : null,
			boxName: name === '' ? null : name,
			boxStatus,
			boxStartDate,
			boxEndDate,
			boxArchived,
			boxTypeId,
			descriptionDigest: digest,
		});
		ancestors.push(boxId);
	}
	return result;
}

/** A stored state from static data, or undefined when there is none (or it is not one this version wrote). */
export function readState(value: unknown): StoredState | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const state = value as StoredState;
	if (
		state.version !== 1 ||
		typeof state.seq !== 'number' ||
		!Array.isArray(state.combos) ||
		!Array.isArray(state.boxes)
	)
		return undefined;
	return state;
}

export type BoxEventKind = 'created' | 'changed' | 'archived' | 'deleted';

/** A difference between two states, before the node's filters. */
export interface BoxChange {
	event: BoxEventKind;
	boxId: string;
	/** The box as it is now (undefined once deleted). */
	box?: FlatBox;
	/** How the state remembered it (undefined when created). */
	before?: BoxSnapshot;
	changedFields: WatchedField[];
}

function fieldValue(snap: BoxSnapshot, field: WatchedField): unknown {
	return field === 'boxDescription' ? snap.descriptionDigest : snap[field];
}

/**
 * What changed between the remembered boxes and the loaded ones: created and changed boxes in the hierarchy's
 * order, then deleted ones in the remembered order. A box that became archived is `archived` when the caller
 * reports archiving (with the deletions), otherwise an ordinary change.
 */
export function diffBoxes(
	before: BoxSnapshot[],
	now: FlatBox[],
	nowSnapshots: BoxSnapshot[],
	options: { watched: readonly WatchedField[]; archivedAsEvent: boolean },
): BoxChange[] {
	const previous = new Map(before.map((snap) => [snap.boxId, snap]));
	const watched = WATCHED_FIELDS.filter((field) => options.watched.includes(field));
	const changes: BoxChange[] = [];
	const seen = new Set<string>();
	for (let index = 0; index < now.length; index++) {
		const box = now[index];
		seen.add(box.boxId);
		const old = previous.get(box.boxId);
		if (!old) {
			changes.push({ event: 'created', boxId: box.boxId, box, changedFields: [] });
			continue;
		}
		const current = nowSnapshots[index];
		const changedFields = watched.filter(
			(field) => fieldValue(old, field) !== fieldValue(current, field),
		);
		const archivedNow = options.archivedAsEvent && current.boxArchived && !old.boxArchived;
		if (archivedNow)
			changes.push({ event: 'archived', boxId: box.boxId, box, before: old, changedFields });
		else if (changedFields.length)
			changes.push({ event: 'changed', boxId: box.boxId, box, before: old, changedFields });
	}
	for (const old of before) {
		if (!seen.has(old.boxId))
			changes.push({ event: 'deleted', boxId: old.boxId, before: old, changedFields: [] });
	}
	return changes;
}

/** The ids of a box and everything under it, in a depth-first list; undefined when the box is not in it. */
export function subtreeIds(
	boxes: ReadonlyArray<{ boxId: string; depth: number }>,
	rootId: string,
): Set<string> | undefined {
	const start = boxes.findIndex((box) => box.boxId === rootId);
	if (start < 0) return undefined;
	const ids = new Set<string>([rootId]);
	for (
		let index = start + 1;
		index < boxes.length && boxes[index].depth > boxes[start].depth;
		index++
	)
		ids.add(boxes[index].boxId);
	return ids;
}

/** The watched values a user sees in `previous` (the description is only a fingerprint, so it is left out). */
export function previousValues(
	snap: BoxSnapshot,
	watched: readonly WatchedField[],
): Record<string, string | boolean | null> {
	const values: Record<string, string | boolean | null> = {};
	for (const field of WATCHED_FIELDS) {
		if (field !== 'boxDescription' && watched.includes(field)) values[field] = snap[field];
	}
	return values;
}
