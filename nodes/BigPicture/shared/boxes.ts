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

/**
 * The one shape of a box in the node's output, for Get and Get Many alike (so a workflow can switch operation
 * without rewiring): BigPicture's fields without the children array, plus where the box sits.
 */
export interface FlatBox extends IDataObject {
	boxId: string;
	parentBoxId: string | null;
	depth: number;
	childCount: number;
}

/** One step of a walk: the box as BigPicture sent it, with the step of its parent. */
export interface BoxVisit {
	box: Box;
	parent: BoxVisit | null;
	depth: number;
}

export function isBox(value: unknown): value is Box {
	return !!value && typeof value === 'object' && typeof (value as Box).boxId === 'string';
}

function childrenOf(box: Box): Box[] {
	return Array.isArray(box.boxChildren) ? box.boxChildren.filter(isBox) : [];
}

/**
 * Walks the tree depth-first in BigPicture's order without recursion (hierarchies can be deep and large), visiting
 * each box once. A generator, so a caller that has found what it wants stops the walk early.
 */
export function* visitBoxes(root: Box): Generator<BoxVisit> {
	const stack: BoxVisit[] = [{ box: root, parent: null, depth: 0 }];
	while (stack.length) {
		const visit = stack.pop()!;
		yield visit;
		const children = childrenOf(visit.box);
		for (let index = children.length - 1; index >= 0; index--) {
			stack.push({ box: children[index], parent: visit, depth: visit.depth + 1 });
		}
	}
}

/** A visited box in the output shape (FlatBox). */
export function toFlatBox({ box, parent, depth }: BoxVisit): FlatBox {
	const fields: IDataObject = { ...box };
	delete fields.boxChildren;
	return {
		...fields,
		boxId: box.boxId,
		parentBoxId: parent ? parent.box.boxId : null,
		depth,
		childCount: childrenOf(box).length,
	};
}

/** Every box of the tree in the output shape, depth-first. */
export function* walkBoxes(root: Box): Generator<FlatBox> {
	for (const visit of visitBoxes(root)) yield toFlatBox(visit);
}

/** Finds one box in the tree with where it sits, or undefined. */
export function findBox(root: Box, boxId: string): BoxVisit | undefined {
	for (const visit of visitBoxes(root)) if (visit.box.boxId === boxId) return visit;
	return undefined;
}

/** A box's name for people: its name, or its id when it has none. */
export function boxName(box: Box): string {
	return String(box.boxName ?? box.boxId);
}

/**
 * The names of the boxes above a visited box, from the top down. The root (BigPicture's "Home", above every
 * portfolio) is left out: it is above everything, so it tells nothing.
 */
export function pathOf(visit: BoxVisit): string[] {
	const names: string[] = [];
	for (let step = visit.parent; step && step.parent; step = step.parent)
		names.push(boxName(step.box));
	return names.reverse();
}
