'use strict';
/**
 * The single route table of the BigPicture REST API as simulated. Paths are relative to
 * `{jira}/rest/<key>/1.0/` (key: softwareplant-bigpicture or bigpicture).
 *
 * confirmed: the PATH (and method) appears in Appfire's public documentation or in public code
 *   that talks to real instances; false = chosen by the simulator as a plausible guess.
 * minVersionConfirmed: the on-premise minimum version is stated by the vendor.
 * adminOnly: the simulator answers 403 to users without `admin: true`.
 * Bodies and response shapes are only partly documented; see `notes`.
 *
 * @typedef {object} RouteDef
 * @property {string} id
 * @property {'GET'|'POST'|'PUT'|'DELETE'} method
 * @property {string} path               e.g. 'public/ppm/box/box/{boxId}'
 * @property {string|null} minVersion    on-premise BigPicture version, null = 8.3 (the JWT flow)
 * @property {boolean} confirmed
 * @property {boolean} minVersionConfirmed
 * @property {boolean} adminOnly
 * @property {boolean} auth              false only for system/auth and system/reauth (own rules)
 * @property {string} source
 * @property {string} [notes]
 */

const DEV = 'https://developer.bigpicture.one/reference';
const WIKI = 'https://appfire.atlassian.net/wiki/x/eIq9EQ';
const SEED = 'https://appfire.atlassian.net/wiki (Authentication (version 8.3 and higher)), see /work/shared/seeds/';
const SHARED = 'https://developer.bigpicture.one/llms.txt (documented by name and minimum version only, path not captured)';

/** @type {ReadonlyArray<RouteDef>} */
const routes = Object.freeze([
  { id: 'auth', method: 'GET', path: 'system/auth', minVersion: '8.3.0', confirmed: true, minVersionConfirmed: true, adminOnly: false, auth: false, source: SEED,
    notes: 'JSESSIONID cookie, else Basic; answers {authentication, refresh}' },
  { id: 'reauth', method: 'GET', path: 'system/reauth', minVersion: '8.3.0', confirmed: true, minVersionConfirmed: true, adminOnly: false, auth: false, source: SEED,
    notes: 'Authorization: <refresh jwt>; answers {authentication}' },
  { id: 'boxHierarchy', method: 'GET', path: 'public/ppm/box/box-hierarchy', minVersion: '8.21.0', confirmed: true, minVersionConfirmed: true, adminOnly: false, auth: true,
    source: `${DEV}/apiresponsestructure`, notes: 'whole tree, root boxId ROOT, no paging' },
  { id: 'boxTypes', method: 'GET', path: 'public/ppm/box/box-types', minVersion: '8.21.0', confirmed: true, minVersionConfirmed: true, adminOnly: false, auth: true,
    source: `${DEV}/addbox-1 (cited as "Box types -> Get box types")`, notes: 'item fields beyond boxTypeId/boxTypeName are the simulator\'s guess' },
  { id: 'getBox', method: 'GET', path: 'public/ppm/box/box/{boxId}', minVersion: '8.21.0', confirmed: false, minVersionConfirmed: false, adminOnly: false, auth: true,
    source: 'simulator guess', notes: 'one box without children' },
  { id: 'createBox', method: 'POST', path: 'public/ppm/box/box', minVersion: '8.21.0', confirmed: true, minVersionConfirmed: true, adminOnly: false, auth: true,
    source: `${DEV}/addbox-1`, notes: 'body field names not captured; simulator accepts parentBoxId|parentId, boxTypeId|typeId, boxName|name, boxStartDate|startDate, boxEndDate|endDate, boxIcon|icon (all required); answers cargo {createdBoxId}' },
  { id: 'deleteBox', method: 'DELETE', path: 'public/ppm/box/box/{boxId}', minVersion: '8.24.0', confirmed: false, minVersionConfirmed: true, adminOnly: false, auth: true,
    source: SHARED, notes: 'deletes the box and all its children; answers cargo {deletedBoxIds}' },
  { id: 'duplicateBox', method: 'POST', path: 'public/ppm/box/box/{boxId}/duplicate', minVersion: '8.21.0', confirmed: false, minVersionConfirmed: true, adminOnly: false, auth: true,
    source: SHARED, notes: 'optional body {parentBoxId?, boxName?}; copies the box only (no children, no scope); answers cargo {createdBoxId}' },
  { id: 'getOwnScope', method: 'GET', path: 'public/ppm/box/area/task/scope/def/own/{boxId}', minVersion: '8.31.0', confirmed: true, minVersionConfirmed: true, adminOnly: false, auth: true,
    source: '/work/shared/docs/bigpicture-api.md + public integration code calling real instances (path seen in code, not in vendor docs)', notes: 'cargo.extPlatformScopeDefinitions[]; 400 for boxes whose type has no own scope' },
  { id: 'updateOwnScope', method: 'PUT', path: 'public/ppm/box/area/task/scope/def/own/{boxId}', minVersion: '8.31.0', confirmed: false, minVersionConfirmed: true, adminOnly: false, auth: true,
    source: SHARED, notes: 'body = the GET cargo shape; answers the stored definition' },
  { id: 'getSubScope', method: 'GET', path: 'public/ppm/box/area/task/scope/def/sub/{boxId}', minVersion: '8.31.0', confirmed: false, minVersionConfirmed: true, adminOnly: false, auth: true,
    source: SHARED, notes: 'cargo {parentScopeBoxId, synchronizationField, synchronizationValue, narrowingQuery} (shape invented)' },
  { id: 'updateSubScope', method: 'PUT', path: 'public/ppm/box/area/task/scope/def/sub/{boxId}', minVersion: '8.31.0', confirmed: false, minVersionConfirmed: true, adminOnly: false, auth: true,
    source: SHARED, notes: 'body: any of synchronizationField, synchronizationValue, narrowingQuery' },
  { id: 'getTeams', method: 'GET', path: 'public/ppm/teams', minVersion: '8.8.0', confirmed: true, minVersionConfirmed: true, adminOnly: false, auth: true,
    source: `${DEV}/addresourceabsence_1-1 (cited as "Teams -> Get teams allocated to boxes")`, notes: 'optional ?boxId= filter is the simulator\'s; item shape invented' },
  { id: 'boxAssignments', method: 'GET', path: 'public/ppm/box/{boxId}/assignments', minVersion: '8.8.0', confirmed: false, minVersionConfirmed: true, adminOnly: false, auth: true,
    source: SHARED, notes: 'resource/task assignment of a box; cargo [{taskKey, taskId, individualId, teamId, startDate, endDate}]' },
  { id: 'getAbsences', method: 'GET', path: 'public/ppm/resources/{individualId}/absences', minVersion: '8.8.0', confirmed: true, minVersionConfirmed: true, adminOnly: true, auth: true,
    source: WIKI, notes: 'individualId EXT_USER@2@<userKey> or EXT_USER@@2@@<email>' },
  { id: 'addAbsence', method: 'POST', path: 'public/ppm/resources/{individualId}/absences', minVersion: '8.8.0', confirmed: true, minVersionConfirmed: true, adminOnly: true, auth: true,
    source: `${DEV}/addresourceabsence_1-1`, notes: 'body {startDate, endDate, absenceType, comment (≤449), percentageUnavailability (50|100)}; absences may not overlap' },
  { id: 'updateAbsence', method: 'PUT', path: 'public/ppm/resources/{individualId}/absences/{startDate}', minVersion: '8.8.0', confirmed: false, minVersionConfirmed: true, adminOnly: true, auth: true,
    source: SHARED, notes: 'absence keyed by its start date; body: fields to change' },
  { id: 'deleteAbsence', method: 'DELETE', path: 'public/ppm/resources/{individualId}/absences/{startDate}', minVersion: '8.8.0', confirmed: false, minVersionConfirmed: true, adminOnly: true, auth: true,
    source: SHARED, notes: 'keyed by start date (vendor text); the simulator also accepts .../absences?startDate=YYYY-MM-DD' },
  { id: 'getSkills', method: 'GET', path: 'public/ppm/resources/{individualId}/skills', minVersion: '8.57.0', confirmed: false, minVersionConfirmed: true, adminOnly: true, auth: true,
    source: SHARED, notes: 'cargo [{skillId, skillName, skillCode, startDate, endDate, allocation}]' },
  { id: 'addSkill', method: 'POST', path: 'public/ppm/resources/{individualId}/skills', minVersion: '8.57.0', confirmed: false, minVersionConfirmed: true, adminOnly: true, auth: true,
    source: SHARED, notes: 'body {skillId, startDate?, endDate?, allocation? (1..100)}; 409 if already assigned' },
  { id: 'updateSkill', method: 'PUT', path: 'public/ppm/resources/{individualId}/skills/{skillId}', minVersion: '8.57.0', confirmed: false, minVersionConfirmed: true, adminOnly: true, auth: true,
    source: SHARED, notes: 'body: any of startDate, endDate, allocation' },
  { id: 'deleteSkill', method: 'DELETE', path: 'public/ppm/resources/{individualId}/skills/{skillId}', minVersion: '8.57.0', confirmed: false, minVersionConfirmed: true, adminOnly: true, auth: true,
    source: SHARED },
]);

/** Compiled matchers (same order as `routes`). */
const compiled = routes.map((r) => {
  const names = [];
  const re = new RegExp(`^${r.path.split('/').map((seg) => {
    const m = /^\{(\w+)\}$/.exec(seg);
    if (m) { names.push(m[1]); return '([^/]+)'; }
    return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }).join('/')}$`);
  return { route: r, re, names };
});

/**
 * @param {string} method
 * @param {string} rest path after /rest/<key>/1.0/ (no leading slash)
 * @returns {{route: RouteDef, params: Record<string,string>} | {methodNotAllowed: true} | null}
 */
function matchRoute(method, rest) {
  let pathMatched = false;
  for (const c of compiled) {
    const m = c.re.exec(rest);
    if (!m) continue;
    pathMatched = true;
    if (c.route.method !== method) continue;
    const params = {};
    c.names.forEach((n, i) => {
      try { params[n] = decodeURIComponent(m[i + 1]); } catch { params[n] = m[i + 1]; }
    });
    return { route: c.route, params };
  }
  return pathMatched ? { methodNotAllowed: true } : null;
}

module.exports = { routes, matchRoute };
