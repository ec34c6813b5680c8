/**
 * The box picker and the box shape as a person meets them in the editor: the list says where each box sits and
 * finds it by that path, and Get / Get Many give one shape, so a workflow can switch operation without rewiring.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';

import { clearSessions } from '../../nodes/BigPicture/transport/sessions';
import type { Harness } from '../harness';
import { isApiCall } from '../helpers/connection';
import { NODE, bigPictureHarness, runNode } from '../helpers/node';
import { startSimulator, type Simulator } from '../simulator';

let sim: Simulator;
let harness: Harness;

beforeAll(async () => {
	sim = await startSimulator({ portfolio: 'demo' });
	harness = bigPictureHarness();
});
afterAll(async () => {
	await sim.close();
});
beforeEach(() => {
	clearSessions();
	sim.resetCalls();
});

const credentials = () => ({
	bigPictureApi: {
		id: '1',
		name: 'BigPicture',
		data: { baseUrl: sim.baseUrl, authentication: 'basic', username: 'alice', password: 's3cret', apiPath: 'auto' },
	},
});
const search = (filter?: string, paginationToken?: string) =>
	harness.listSearch({ nodeType: 'bigPicture', method: 'searchBoxes', filter, paginationToken, credentials: credentials() });
const hierarchyReads = () => sim.count((c) => isApiCall(c.path) && /box-hierarchy$/.test(c.path));
const nameOf = (boxId: string) => sim.state.boxes.get(boxId)!.boxName;
const parentOf = (boxId: string) => sim.state.boxes.get(boxId)!.parentId as string;

/** A sprint of the demo portfolio: ROOT › portfolio › program › project › sprint. */
function aSprint(): string {
	return [...sim.state.boxes.values()].find((b) => b.boxName === 'Sprint 1' && b.boxId !== 'ITER-1')!.boxId;
}

describe('box picker', () => {
	test('a label names the box, its id and the two boxes above it', async () => {
		const sprint = aSprint();
		const project = parentOf(sprint);
		const program = parentOf(project);
		const { results } = await search('Sprint 1');
		expect(results).toContainEqual({
			name: `Sprint 1 (${sprint}) — ${nameOf(program)} › ${nameOf(project)}`,
			value: sprint,
		});
		// Every "Sprint 1" says where it sits: no two labels alike.
		const sprintOnes = results.filter((r) => r.name.startsWith('Sprint 1 ('));
		expect(sprintOnes).toHaveLength(60);
		expect(sprintOnes.every((r) => / — .+ › .+/.test(r.name))).toBe(true);
		expect(hierarchyReads()).toBe(1);
	});

	test('the root and the portfolios have no path above them; a program names its portfolio', async () => {
		const { results } = await search('', undefined);
		expect(results[0]).toEqual({ name: 'Home (ROOT)', value: 'ROOT' });
		const portfolio = results[1];
		expect(portfolio.name).toBe(`${nameOf(String(portfolio.value))} (${portfolio.value})`);
		const program = results[2];
		expect(program.name).toBe(`${nameOf(String(program.value))} (${program.value}) — ${portfolio.name.split(' (')[0]}`);
	});

	test('the path is searchable: words may come from the box and from any box above it', async () => {
		const sprint = aSprint();
		const project = parentOf(sprint);
		const portfolio = parentOf(parentOf(project));
		const { results } = await search(`${nameOf(portfolio)} ${nameOf(project)} sprint`.toUpperCase());
		expect(results.map((r) => r.value)).toContain(sprint);
		expect(results.every((r) => r.name.includes(nameOf(project)) || r.name.startsWith(nameOf(project)))).toBe(true);
		// and the id, as before
		const byId = await search(sprint.toLowerCase());
		expect(byId.results.map((r) => r.value)).toContain(sprint);
	});

	test('one hierarchy read per list request, pages included', async () => {
		const first = await search('');
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('100');
		const second = await search('', first.paginationToken);
		expect(second.results[0].value).not.toBe(first.results[0].value);
		expect(hierarchyReads()).toBe(2);
	});

	test('a long name above the box is shortened in the label, not in the search', async () => {
		const sprint = aSprint();
		const project = sim.state.boxes.get(parentOf(sprint))!;
		const long = 'A project name that goes on and on well past any sensible width';
		const before = project.boxName;
		project.boxName = long;
		sim.state.touch();
		try {
			const { results } = await search('well past any sensible');
			const label = results.find((r) => r.value === sprint)!.name;
			expect(label).toBe(`Sprint 1 (${sprint}) — ${nameOf(parentOf(project.boxId))} › A project name that goes on and…`);
		} finally {
			project.boxName = before;
			sim.state.touch();
		}
	});
});

describe('one box shape', () => {
	test('Get and Get Many give the same keys and values for the same box', async () => {
		const sprint = aSprint();
		const got = await runNode(harness, sim, {
			resource: 'box',
			operation: 'get',
			boxId: { __rl: true, mode: 'list', value: sprint },
		});
		const many = await runNode(harness, sim, { resource: 'box', operation: 'getMany', returnAll: true });
		const one = got.outputOf(NODE)[0].json;
		const same = many.outputOf(NODE).find((i) => i.json.boxId === sprint)!.json;
		expect(Object.keys(one).sort()).toEqual(Object.keys(same).sort());
		expect(one).toEqual(same);
		expect(one).toMatchObject({ parentBoxId: parentOf(sprint), depth: 4, childCount: 0 });
		const project = many.outputOf(NODE).find((i) => i.json.boxId === parentOf(sprint))!.json;
		expect(project.childCount).toBe(4);
	});

	test('Include Children adds the subtree to the same fields', async () => {
		const project = parentOf(aSprint());
		const got = await runNode(harness, sim, {
			resource: 'box',
			operation: 'get',
			boxId: { __rl: true, mode: 'id', value: project },
			includeChildren: true,
		});
		const box = got.outputOf(NODE)[0].json;
		expect(box).toMatchObject({ boxId: project, parentBoxId: parentOf(project), depth: 3, childCount: 4 });
		expect((box.boxChildren as unknown[]).length).toBe(4);
	});
});

describe('Get Many: Subtree of Box is a box picker', () => {
	const subtree = async (subtreeOf: string | { __rl: true; mode: string; value: string }) => {
		const result = await runNode(harness, sim, {
			resource: 'box',
			operation: 'getMany',
			returnAll: true,
			filters: { subtreeOf },
		});
		return result;
	};

	test('picked from the list, typed as an id, or a plain string from a workflow saved before: the same boxes', async () => {
		const project = parentOf(aSprint());
		const picked = await subtree({ __rl: true, mode: 'list', value: project });
		const typed = await subtree({ __rl: true, mode: 'id', value: ` ${project} ` });
		const legacy = await subtree(project);
		const ids = picked.outputOf(NODE).map((i) => i.json.boxId);
		expect(ids).toHaveLength(5);
		expect(ids[0]).toBe(project);
		expect(typed.outputOf(NODE).map((i) => i.json.boxId)).toEqual(ids);
		expect(legacy.outputOf(NODE).map((i) => i.json.boxId)).toEqual(ids);
	});

	test('an empty picker means no subtree filter; an unknown box is an error naming it', async () => {
		const all = await subtree({ __rl: true, mode: 'list', value: '' });
		expect(all.outputOf(NODE).length).toBe(sim.state.boxes.size);
		const unknown = await subtree({ __rl: true, mode: 'id', value: 'PROG-404' });
		expect(unknown.errorOf(NODE)?.message).toBe('Box "PROG-404" does not exist');
	});
});
