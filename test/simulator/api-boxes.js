'use strict';
/** Public API handlers for boxes, box types, scopes, teams and box assignments. */
const { isDate } = require('./http-util');

const ICON_RE = /^font-awesome-[a-z0-9-]+@[A-Z_]+$/;
const SCOPE_ELEMENT_TYPES = new Set(['JIRA_FILTER', 'JIRA_PROJECT', 'JIRA_AGILE_BOARD']);

/** First defined of several aliases. */
const pick = (o, ...names) => { for (const n of names) if (o[n] !== undefined) return o[n]; return undefined; };

/**
 * Every handler: (api, ctx, params) where api = { sim, state, ok(ctx, cargo, status?), error(ctx, status, message) }.
 * They return nothing; they answer through api.ok / api.error.
 */
const handlers = {
  boxHierarchy(api, ctx) {
    api.sim.send(ctx, 200, api.state.hierarchyEnvelopeJson(), { 'content-type': 'application/json;charset=UTF-8' });
  },

  boxTypes(api, ctx) {
    api.ok(ctx, api.state.boxTypes.map((t) => ({ ...t })));
  },

  getBox(api, ctx, p) {
    const b = api.state.boxes.get(p.boxId);
    if (!b) return api.notFoundBox(ctx, p.boxId);
    const out = api.state.apiBox(b, false);
    delete out.boxChildren;
    out.parentBoxId = b.parentId;
    return api.ok(ctx, out);
  },

  createBox(api, ctx) {
    const b = ctx.bodyJson;
    if (!b || typeof b !== 'object' || Array.isArray(b)) return api.error(ctx, 400, 'Request body must be a JSON object');
    const parentId = pick(b, 'parentBoxId', 'parentId');
    const typeId = pick(b, 'boxTypeId', 'typeId');
    const name = pick(b, 'boxName', 'name');
    const start = pick(b, 'boxStartDate', 'startDate');
    const end = pick(b, 'boxEndDate', 'endDate');
    const icon = pick(b, 'boxIcon', 'icon');
    const problems = [];
    if (typeof parentId !== 'string' || !parentId) problems.push('parentBoxId is required');
    if (typeId === undefined || typeId === null || typeId === '') problems.push('boxTypeId is required');
    if (typeof name !== 'string' || !name.trim()) problems.push('boxName is required');
    if (!isDate(start)) problems.push('boxStartDate must be a date (YYYY-MM-DD)');
    if (!isDate(end)) problems.push('boxEndDate must be a date (YYYY-MM-DD)');
    if (isDate(start) && isDate(end) && end < start) problems.push('boxEndDate must not be before boxStartDate');
    if (typeof icon !== 'string' || !ICON_RE.test(icon)) problems.push("boxIcon must match 'font-awesome-<icon>@<COLOR>'");
    if (problems.length) return api.error(ctx, 400, problems.join('; '));
    if (!api.state.boxes.has(parentId)) return api.notFoundBox(ctx, parentId);
    const type = api.state.boxType(String(typeId));
    if (!type || type.boxTypeId === '1') return api.error(ctx, 400, `Unknown box type: ${typeId}`);
    const box = api.state.addBox({ boxTypeId: type.boxTypeId, boxName: name.trim(), boxStartDate: start, boxEndDate: end, boxIcon: icon, boxDescription: typeof b.boxDescription === 'string' ? b.boxDescription : '' }, parentId);
    return api.ok(ctx, { createdBoxId: box.boxId });
  },

  deleteBox(api, ctx, p) {
    if (p.boxId === 'ROOT') return api.error(ctx, 400, 'The root box cannot be deleted');
    if (!api.state.boxes.has(p.boxId)) return api.notFoundBox(ctx, p.boxId);
    const removed = api.state.removeBox(p.boxId);
    return api.okDelete(ctx, { deletedBoxIds: removed });
  },

  duplicateBox(api, ctx, p) {
    const src = api.state.boxes.get(p.boxId);
    if (!src) return api.notFoundBox(ctx, p.boxId);
    if (p.boxId === 'ROOT') return api.error(ctx, 400, 'The root box cannot be duplicated');
    const b = ctx.bodyJson === undefined || ctx.bodyJson === null ? {} : ctx.bodyJson;
    if (typeof b !== 'object' || Array.isArray(b)) return api.error(ctx, 400, 'Request body must be a JSON object');
    const parentId = b.parentBoxId !== undefined ? b.parentBoxId : src.parentId;
    if (typeof parentId !== 'string') return api.error(ctx, 400, 'parentBoxId must be a string');
    if (!api.state.boxes.has(parentId)) return api.notFoundBox(ctx, parentId);
    if (b.boxName !== undefined && (typeof b.boxName !== 'string' || !b.boxName.trim())) return api.error(ctx, 400, 'boxName must be a non-empty string');
    const copy = api.state.addBox({
      boxTypeId: src.boxTypeId, boxName: b.boxName ? b.boxName.trim() : `${src.boxName} (copy)`, boxStatus: 'NOT_STARTED',
      boxStartDate: src.boxStartDate, boxEndDate: src.boxEndDate, boxIcon: src.boxIcon, boxDescription: src.boxDescription,
    }, parentId);
    return api.ok(ctx, { createdBoxId: copy.boxId });
  },

  getOwnScope(api, ctx, p) {
    if (!api.state.boxes.has(p.boxId)) return api.notFoundBox(ctx, p.boxId);
    const def = api.state.ownScopes.get(p.boxId);
    if (!def) return api.error(ctx, 400, `Box ${p.boxId} does not have its own scope`);
    return api.ok(ctx, JSON.parse(JSON.stringify(def)));
  },

  updateOwnScope(api, ctx, p) {
    if (!api.state.boxes.has(p.boxId)) return api.notFoundBox(ctx, p.boxId);
    if (!api.state.ownScopes.has(p.boxId)) return api.error(ctx, 400, `Box ${p.boxId} does not have its own scope`);
    const b = ctx.bodyJson;
    if (!b || typeof b !== 'object' || !Array.isArray(b.extPlatformScopeDefinitions)) return api.error(ctx, 400, 'extPlatformScopeDefinitions (array) is required');
    const defs = [];
    for (const d of b.extPlatformScopeDefinitions) {
      if (!d || typeof d !== 'object') return api.error(ctx, 400, 'each scope definition must be an object');
      const els = d.scopeDefinitionElements === undefined ? [] : d.scopeDefinitionElements;
      const manual = d.manuallyAddedTasks === undefined ? [] : d.manuallyAddedTasks;
      if (!Array.isArray(els) || !Array.isArray(manual)) return api.error(ctx, 400, 'scopeDefinitionElements and manuallyAddedTasks must be arrays');
      for (const e of els) {
        if (!e || !SCOPE_ELEMENT_TYPES.has(e.type) || typeof e.value !== 'string' || !e.value) return api.error(ctx, 400, `invalid scope definition element: ${JSON.stringify(e)}`);
      }
      const tasks = [];
      for (const t of manual) {
        const key = t && typeof t.key === 'string' ? t.key : null;
        const issue = key ? api.state.issues.get(key) : null;
        if (!issue) return api.error(ctx, 400, `unknown task in manuallyAddedTasks: ${JSON.stringify(t)}`);
        tasks.push({ key, externalId: issue.id });
      }
      if (d.narrowingQuery !== undefined && typeof d.narrowingQuery !== 'string') return api.error(ctx, 400, 'narrowingQuery must be a string');
      defs.push({ extPlatformId: String(d.extPlatformId || '2'), narrowingQuery: d.narrowingQuery || '', scopeDefinitionElements: els.map((e) => ({ type: e.type, value: e.value })), manuallyAddedTasks: tasks });
    }
    const def = { extPlatformScopeDefinitions: defs };
    api.state.ownScopes.set(p.boxId, def);
    api.state.touch();
    return api.ok(ctx, JSON.parse(JSON.stringify(def)));
  },

  getSubScope(api, ctx, p) {
    if (!api.state.boxes.has(p.boxId)) return api.notFoundBox(ctx, p.boxId);
    const def = api.state.subScopes.get(p.boxId);
    if (!def) return api.error(ctx, 400, `Box ${p.boxId} is not a sub-scope box`);
    return api.ok(ctx, { boxId: p.boxId, ...def });
  },

  updateSubScope(api, ctx, p) {
    if (!api.state.boxes.has(p.boxId)) return api.notFoundBox(ctx, p.boxId);
    const def = api.state.subScopes.get(p.boxId);
    if (!def) return api.error(ctx, 400, `Box ${p.boxId} is not a sub-scope box`);
    const b = ctx.bodyJson;
    if (!b || typeof b !== 'object' || Array.isArray(b)) return api.error(ctx, 400, 'Request body must be a JSON object');
    const next = { ...def };
    for (const k of ['synchronizationField', 'synchronizationValue', 'narrowingQuery']) {
      if (b[k] === undefined) continue;
      if (b[k] !== null && typeof b[k] !== 'string') return api.error(ctx, 400, `${k} must be a string or null`);
      next[k] = k === 'narrowingQuery' ? (b[k] || '') : b[k];
    }
    api.state.subScopes.set(p.boxId, next);
    return api.ok(ctx, { boxId: p.boxId, ...next });
  },

  getTeams(api, ctx) {
    const boxId = ctx.query.boxId;
    if (boxId !== undefined && !api.state.boxes.has(boxId)) return api.notFoundBox(ctx, boxId);
    const teams = api.state.teams.filter((t) => boxId === undefined || t.boxIds.includes(boxId));
    return api.ok(ctx, teams.map((t) => JSON.parse(JSON.stringify(t))));
  },

  boxAssignments(api, ctx, p) {
    const box = api.state.boxes.get(p.boxId);
    if (!box) return api.notFoundBox(ctx, p.boxId);
    const keys = api.state.boxIssues.get(p.boxId) || [];
    const users = api.sim.opts.users;
    // teams allocated to the box or inherited from an upper-level box
    const lineage = new Set();
    for (let cur = box; cur; cur = cur.parentId ? api.state.boxes.get(cur.parentId) : null) lineage.add(cur.boxId);
    const boxTeams = api.state.teams.filter((x) => x.boxIds.some((b) => lineage.has(b)));
    const teamOf = (individualId) => {
      const t = boxTeams.find((x) => x.members.some((m) => m.individualId === individualId));
      return t ? t.teamId : null;
    };
    const out = [];
    for (const k of keys) {
      const i = api.state.issues.get(k);
      const a = i.fields.assignee;
      const individualId = a && users[a.name] ? `EXT_USER@2@${users[a.name].key}` : null;
      out.push({ taskKey: k, taskId: i.id, individualId, teamId: individualId ? teamOf(individualId) : null, startDate: box.boxStartDate, endDate: i.fields.duedate || box.boxEndDate });
    }
    return api.ok(ctx, out);
  },
};

module.exports = { handlers };
