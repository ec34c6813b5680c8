import type { HttpMethod } from '../transport/http';

/**
 * The one table of every endpoint the node's operations call: method, path (relative to the BigPicture API base,
 * or to Jira's base for `api: 'jira'`), the on-premise minimum BigPicture version, and whether the path is
 * confirmed by Appfire's public documentation (or public code talking to real instances) or is a guess.
 *
 * Every BigPicture endpoint here, and its on-premise minimum version, is named by the vendor's developer portal
 * index (https://developer.bigpicture.one/llms.txt). Paths and bodies are public only for box hierarchy, box
 * types, create box, teams and absences get/add; the own-scope GET path comes from public code run against a real
 * Data Center. The rest are plausible guesses: the node's UI says so for each operation (see
 * `operationSelector`), and when a real instance answers 404 without JSON the error names the minimum version
 * "or the endpoint is not available", with Custom API Call as the way out.
 */
export interface Endpoint {
	method: HttpMethod;
	/** `{name}` placeholders are filled (URL-encoded) by `endpointPath`. */
	path: string;
	/** On-premise BigPicture version that introduced the endpoint (`null` for Jira's own API). */
	minVersion: string | null;
	/** The path is documented (true) or chosen as a plausible guess (false). */
	confirmed: boolean;
	/** What the endpoint does, for error messages. */
	label: string;
	api?: 'bigpicture' | 'jira';
}

export const ENDPOINTS = {
	boxHierarchy: {
		method: 'GET',
		path: 'public/ppm/box/box-hierarchy',
		minVersion: '8.21',
		confirmed: true,
		label: 'Get box hierarchy',
	},
	boxTypes: {
		method: 'GET',
		path: 'public/ppm/box/box-types',
		minVersion: '8.21',
		confirmed: true,
		label: 'Get box types',
	},
	createBox: {
		method: 'POST',
		path: 'public/ppm/box/box',
		minVersion: '8.21',
		confirmed: true,
		label: 'Create box',
	},
	// The portal calls it "Delete boxes" ("boxes and their children"): the real call may take several ids.
	deleteBox: {
		method: 'DELETE',
		path: 'public/ppm/box/box/{boxId}',
		minVersion: '8.24',
		confirmed: false,
		label: 'Delete box with children',
	},
	duplicateBox: {
		method: 'POST',
		path: 'public/ppm/box/box/{boxId}/duplicate',
		minVersion: '8.21',
		confirmed: false,
		label: 'Duplicate box',
	},
	boxAssignments: {
		method: 'GET',
		path: 'public/ppm/box/{boxId}/assignments',
		minVersion: '8.8',
		confirmed: false,
		label: 'Get resource and task assignment of a box',
	},
	getOwnScope: {
		method: 'GET',
		path: 'public/ppm/box/area/task/scope/def/own/{boxId}',
		minVersion: '8.31',
		confirmed: true,
		label: 'Get own scope definition',
	},
	updateOwnScope: {
		method: 'PUT',
		path: 'public/ppm/box/area/task/scope/def/own/{boxId}',
		minVersion: '8.31',
		confirmed: false,
		label: 'Update own scope definition',
	},
	// The portal: "Get/Update sub scope definitions for boxes", for several sub-scope box ids at once.
	getSubScope: {
		method: 'GET',
		path: 'public/ppm/box/area/task/scope/def/sub/{boxId}',
		minVersion: '8.31',
		confirmed: false,
		label: 'Get sub-scope definition',
	},
	updateSubScope: {
		method: 'PUT',
		path: 'public/ppm/box/area/task/scope/def/sub/{boxId}',
		minVersion: '8.31',
		confirmed: false,
		label: 'Update sub-scope definition',
	},
	getTeams: {
		method: 'GET',
		path: 'public/ppm/teams',
		minVersion: '8.8',
		confirmed: true,
		label: 'Get teams allocated to boxes',
	},
	getAbsences: {
		method: 'GET',
		path: 'public/ppm/resources/{individualId}/absences',
		minVersion: '8.8',
		confirmed: true,
		label: 'Get absences',
	},
	addAbsence: {
		method: 'POST',
		path: 'public/ppm/resources/{individualId}/absences',
		minVersion: '8.8',
		confirmed: true,
		label: 'Add absence',
	},
	updateAbsence: {
		method: 'PUT',
		path: 'public/ppm/resources/{individualId}/absences/{startDate}',
		minVersion: '8.8',
		confirmed: false,
		label: 'Update absence',
	},
	deleteAbsence: {
		method: 'DELETE',
		path: 'public/ppm/resources/{individualId}/absences/{startDate}',
		minVersion: '8.8',
		confirmed: false,
		label: 'Delete absence',
	},
	getSkills: {
		method: 'GET',
		path: 'public/ppm/resources/{individualId}/skills',
		minVersion: '8.57',
		confirmed: false,
		label: 'Get skills of an individual',
	},
	addSkill: {
		method: 'POST',
		path: 'public/ppm/resources/{individualId}/skills',
		minVersion: '8.57',
		confirmed: false,
		label: 'Add skill to an individual',
	},
	updateSkill: {
		method: 'PUT',
		path: 'public/ppm/resources/{individualId}/skills/{skillId}',
		minVersion: '8.57',
		confirmed: false,
		label: 'Update skill of an individual',
	},
	// The portal: "Deletes an individual skill that starts from the given date": perhaps keyed by date, not id.
	deleteSkill: {
		method: 'DELETE',
		path: 'public/ppm/resources/{individualId}/skills/{skillId}',
		minVersion: '8.57',
		confirmed: false,
		label: 'Delete skill of an individual',
	},
	jiraSearch: {
		method: 'POST',
		path: 'rest/api/2/search',
		minVersion: null,
		confirmed: true,
		label: 'Jira issue search',
		api: 'jira',
	},
	jiraUserSearch: {
		method: 'GET',
		path: 'rest/api/2/user/search',
		minVersion: null,
		confirmed: true,
		label: 'Jira user search',
		api: 'jira',
	},
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof ENDPOINTS;

/** The node field each path placeholder is filled from, so an error names what the user typed. */
const PATH_FIELDS: Record<string, string> = {
	boxId: 'Box',
	individualId: 'Individual',
	skillId: 'Skill ID',
	startDate: 'Absence Start Date',
};

/**
 * Why a value cannot be sent as one opaque path segment, or undefined. URL parsers resolve "." and ".." (so a box
 * id ".." would delete on `public/ppm/box/`), and a "/" or "\" that Jira's front end or a proxy decodes would split
 * the segment, however it is escaped.
 */
function pathSegmentProblem(value: string): string | undefined {
	if (value === '') return 'it is empty';
	if (value === '.' || value === '..') {
		return '"." and ".." would change the endpoint the request goes to';
	}
	if (/[/\\]/.test(value)) return 'an ID cannot contain "/" or "\\"';
	return undefined;
}

/**
 * The endpoint's path with its `{placeholders}` filled, each value URL-encoded (ids may hold `@`…). Every value
 * must stay one segment: anything else is refused here, before a request can go to another path.
 */
export function endpointPath(name: EndpointName, params: Record<string, string> = {}): string {
	return ENDPOINTS[name].path.replace(/\{(\w+)\}/g, (_, key: string) => {
		const value = params[key];
		if (value === undefined) throw new Error(`Missing path parameter "${key}" for ${name}`);
		const problem = pathSegmentProblem(value);
		if (problem)
			throw new Error(`${PATH_FIELDS[key] ?? key} "${value}" is not a valid ID: ${problem}`);
		return encodeURIComponent(value);
	});
}
