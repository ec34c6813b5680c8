/** The trigger's compact state: what goes in comes out, whatever the values look like. */
import { describe, expect, it } from '@jest/globals';

import type { FlatBox } from '../../nodes/BigPicture/shared/boxes';
import { decodeState, encodeState, readState, snapshotOf } from '../../nodes/BigPicture/trigger/boxState';

const boxes: FlatBox[] = [
	{ boxId: 'ROOT', parentBoxId: null, depth: 0, childCount: 0, boxTypeId: '1', boxName: 'Home', boxStatus: 'IN_PROGRESS', boxStartDate: '2010-01-01', boxEndDate: '2069-12-31' },
	{ boxId: 'PROG-651', parentBoxId: 'ROOT', depth: 1, childCount: 0, boxTypeId: '3', boxName: 'A | B % C ✓', boxStatus: 'DONE', boxStartDate: '2025-03-01', boxEndDate: '2025-02-27', boxArchived: true, boxDescription: 'x' },
	{ boxId: 'odd|id%7C', parentBoxId: 'PROG-651', depth: 2, childCount: 0, boxTypeId: undefined, boxName: '', boxStartDate: 'next week', boxEndDate: '2025-13-01' },
	{ boxId: 'PRJ-007', parentBoxId: 'odd|id%7C', depth: 3, childCount: 0, boxTypeId: 4 as unknown as string, boxName: 'Leading zero id', boxStartDate: null as unknown as string, boxEndDate: '2025-02-28' },
	{ boxId: 'ITER-1', parentBoxId: 'PROG-651', depth: 2, childCount: 0, boxTypeId: '5', boxName: '|', boxStatus: 'NOT_STARTED', boxStartDate: '2025-02-29', boxEndDate: '' },
	{ boxId: 'ITER-2', parentBoxId: 'ROOT', depth: 1, childCount: 0, boxTypeId: '5', boxName: 'Sprint', boxDescription: '' },
];

describe('box state encoding', () => {
	it('decodes exactly what it encoded: ids, parents, names, odd dates, archived, type, description fingerprint', () => {
		const state = encodeState(boxes.map(snapshotOf), 7);
		expect(state.seq).toBe(7);
		expect(decodeState(JSON.parse(JSON.stringify(state)))).toEqual(boxes.map(snapshotOf));
		expect(readState(JSON.parse(JSON.stringify(state)))).toEqual(state);
	});

	it('tells description changes apart by fingerprint and ignores an unreadable or foreign state', () => {
		const a = snapshotOf({ ...boxes[1], boxDescription: 'one' });
		const b = snapshotOf({ ...boxes[1], boxDescription: 'two' });
		expect(a.descriptionDigest).not.toBe(b.descriptionDigest);
		expect(a.descriptionDigest).toHaveLength(6);
		expect(readState({ version: 2, seq: 1, combos: [], boxes: [] })).toBeUndefined();
		expect(readState('text')).toBeUndefined();
		expect(() => decodeState({ version: 1, seq: 1, combos: [], boxes: ['1|0|0'] })).toThrow();
	});
});
