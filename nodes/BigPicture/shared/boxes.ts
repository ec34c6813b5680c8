import type { IDataObject } from 'n8n-workflow';

/** A box as BigPicture's hierarchy returns it. */
export interface Box extends IDataObject {
	boxId: string;
	boxTypeId?: string;
	boxName?: string;
	boxStatus?: string;
	boxArchived?: boolean;
	boxChildren?: Box[];
}

/** A box of the flattened hierarchy: no children array, but its parent and depth. */
export interface FlatBox extends IDataObject {
	boxId: string;
	parentBoxId: string | null;
	depth: number;
}

export function isBox(value: unknown): value is Box {
	return !!value && typeof value === 'object' && typeof (value as Box).boxId === 'string';
}

/**
 * Walks the tree depth-first in BigPicture's order without recursion (hierarchies can be deep and large), yielding
 * each box once with its parent and depth. A generator, so `limit` stops the walk early.
 */
export function* walkBoxes(root: Box): Generator<FlatBox> {
	const stack: Array<{ box: Box; parentBoxId: string | null; depth: number }> = [
		{ box: root, parentBoxId: null, depth: 0 },
	];
	while (stack.length) {
		const { box, parentBoxId, depth } = stack.pop()!;
		const { boxChildren, ...fields } = box;
		yield { ...fields, boxId: box.boxId, parentBoxId, depth };
		const children = Array.isArray(boxChildren) ? boxChildren : [];
		for (let index = children.length - 1; index >= 0; index--) {
			if (isBox(children[index]))
				stack.push({ box: children[index], parentBoxId: box.boxId, depth: depth + 1 });
		}
	}
}

/** Finds one box in the tree, or undefined. */
export function findBox(root: Box, boxId: string): Box | undefined {
	const stack: Box[] = [root];
	while (stack.length) {
		const box = stack.pop()!;
		if (box.boxId === boxId) return box;
		if (Array.isArray(box.boxChildren)) stack.push(...box.boxChildren.filter(isBox));
	}
	return undefined;
}
