'use strict';
/** Public API handlers for resources: absences and individual skills. */
const { isDate } = require('./http-util');

const ABSENCE_TYPES = new Set(['HOLIDAY', 'LEAVE_AT_REQUEST', 'MATERNITY_LEAVE', 'SICK_LEAVE', 'OTHER']);

/** Resolves the individual or answers 400/404. @returns {string|null} canonical id */
function individual(api, ctx, raw) {
  const r = api.state.resolveIndividual(raw);
  if (r.ok) return r.id;
  if (r.malformed) api.error(ctx, 400, `Malformed individualId "${raw}": expected EXT_USER@<platformId>@<userId> or EXT_USER@@<platformId>@@<email>`);
  else api.error(ctx, 404, `Individual with id "${raw}" not found`);
  return null;
}

/** Validates a complete absence. @returns {string|null} problem */
function absenceProblem(a) {
  if (!isDate(a.startDate)) return 'startDate must be a date (YYYY-MM-DD)';
  if (!isDate(a.endDate)) return 'endDate must be a date (YYYY-MM-DD)';
  if (a.endDate < a.startDate) return 'endDate must not be before startDate';
  if (!ABSENCE_TYPES.has(a.absenceType)) return `absenceType must be one of ${[...ABSENCE_TYPES].join(', ')}`;
  if (a.comment !== undefined && a.comment !== null && (typeof a.comment !== 'string' || a.comment.length > 449)) return 'comment must be a string of at most 449 characters';
  if (a.percentageUnavailability !== 50 && a.percentageUnavailability !== 100) return 'percentageUnavailability must be 50 or 100';
  return null;
}

const overlaps = (list, a, exceptStart) => list.find((x) => x.startDate !== exceptStart && x.startDate <= a.endDate && a.startDate <= x.endDate);

const handlers = {
  getAbsences(api, ctx, p) {
    const id = individual(api, ctx, p.individualId);
    if (!id) return;
    const list = (api.state.absences.get(id) || []).slice().sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
    api.ok(ctx, list.map((a) => ({ ...a })));
  },

  addAbsence(api, ctx, p) {
    const id = individual(api, ctx, p.individualId);
    if (!id) return;
    const b = ctx.bodyJson;
    if (!b || typeof b !== 'object' || Array.isArray(b)) return api.error(ctx, 400, 'Request body must be a JSON object');
    const a = { startDate: b.startDate, endDate: b.endDate, absenceType: b.absenceType, comment: b.comment === undefined ? '' : b.comment, percentageUnavailability: b.percentageUnavailability };
    const problem = absenceProblem(a);
    if (problem) return api.error(ctx, 400, problem);
    const list = api.state.absences.get(id) || [];
    const clash = overlaps(list, a, null);
    if (clash) return api.error(ctx, 400, `Absence overlaps an existing absence starting ${clash.startDate}`);
    list.push(a);
    api.state.absences.set(id, list);
    api.ok(ctx, { ...a });
  },

  updateAbsence(api, ctx, p) {
    const id = individual(api, ctx, p.individualId);
    if (!id) return;
    if (!isDate(p.startDate)) return api.error(ctx, 400, 'startDate in the path must be a date (YYYY-MM-DD)');
    const list = api.state.absences.get(id) || [];
    const cur = list.find((x) => x.startDate === p.startDate);
    if (!cur) return api.error(ctx, 404, `Absence starting ${p.startDate} not found for ${p.individualId}`);
    const b = ctx.bodyJson;
    if (!b || typeof b !== 'object' || Array.isArray(b)) return api.error(ctx, 400, 'Request body must be a JSON object');
    const next = { ...cur };
    for (const k of ['startDate', 'endDate', 'absenceType', 'comment', 'percentageUnavailability']) if (b[k] !== undefined) next[k] = b[k];
    const problem = absenceProblem(next);
    if (problem) return api.error(ctx, 400, problem);
    const clash = overlaps(list, next, cur.startDate);
    if (clash) return api.error(ctx, 400, `Absence overlaps an existing absence starting ${clash.startDate}`);
    Object.assign(cur, next);
    api.ok(ctx, { ...cur });
  },

  deleteAbsence(api, ctx, p) {
    const id = individual(api, ctx, p.individualId);
    if (!id) return;
    const start = p.startDate;
    if (!isDate(start)) return api.error(ctx, 400, 'startDate must be a date (YYYY-MM-DD)');
    const list = api.state.absences.get(id) || [];
    const i = list.findIndex((x) => x.startDate === start);
    if (i < 0) return api.error(ctx, 404, `Absence starting ${start} not found for ${p.individualId}`);
    const [removed] = list.splice(i, 1);
    api.okDelete(ctx, { ...removed });
  },

  getSkills(api, ctx, p) {
    const id = individual(api, ctx, p.individualId);
    if (!id) return;
    api.ok(ctx, (api.state.individualSkills.get(id) || []).map((s) => ({ ...s })));
  },

  addSkill(api, ctx, p) {
    const id = individual(api, ctx, p.individualId);
    if (!id) return;
    const b = ctx.bodyJson;
    if (!b || typeof b !== 'object' || Array.isArray(b)) return api.error(ctx, 400, 'Request body must be a JSON object');
    const skill = api.state.skills.find((s) => s.skillId === String(b.skillId));
    if (b.skillId === undefined || b.skillId === null) return api.error(ctx, 400, 'skillId is required');
    if (!skill) return api.error(ctx, 404, `Skill with id "${b.skillId}" not found`);
    const list = api.state.individualSkills.get(id) || [];
    if (list.some((s) => s.skillId === skill.skillId)) return api.error(ctx, 409, `Skill ${skill.skillId} is already assigned to ${p.individualId}`);
    const entry = { skillId: skill.skillId, skillName: skill.skillName, skillCode: skill.skillCode, startDate: b.startDate ?? null, endDate: b.endDate ?? null, allocation: b.allocation ?? 100 };
    const problem = skillProblem(entry);
    if (problem) return api.error(ctx, 400, problem);
    list.push(entry);
    api.state.individualSkills.set(id, list);
    api.ok(ctx, { ...entry });
  },

  updateSkill(api, ctx, p) {
    const id = individual(api, ctx, p.individualId);
    if (!id) return;
    const list = api.state.individualSkills.get(id) || [];
    const cur = list.find((s) => s.skillId === p.skillId);
    if (!cur) return api.error(ctx, 404, `Skill ${p.skillId} is not assigned to ${p.individualId}`);
    const b = ctx.bodyJson;
    if (!b || typeof b !== 'object' || Array.isArray(b)) return api.error(ctx, 400, 'Request body must be a JSON object');
    const next = { ...cur };
    for (const k of ['startDate', 'endDate', 'allocation']) if (b[k] !== undefined) next[k] = b[k];
    const problem = skillProblem(next);
    if (problem) return api.error(ctx, 400, problem);
    Object.assign(cur, next);
    api.ok(ctx, { ...cur });
  },

  deleteSkill(api, ctx, p) {
    const id = individual(api, ctx, p.individualId);
    if (!id) return;
    const list = api.state.individualSkills.get(id) || [];
    const i = list.findIndex((s) => s.skillId === p.skillId);
    if (i < 0) return api.error(ctx, 404, `Skill ${p.skillId} is not assigned to ${p.individualId}`);
    const [removed] = list.splice(i, 1);
    api.okDelete(ctx, { ...removed });
  },
};

function skillProblem(s) {
  if (s.startDate !== null && !isDate(s.startDate)) return 'startDate must be a date (YYYY-MM-DD) or null';
  if (s.endDate !== null && !isDate(s.endDate)) return 'endDate must be a date (YYYY-MM-DD) or null';
  if (s.startDate && s.endDate && s.endDate < s.startDate) return 'endDate must not be before startDate';
  if (!Number.isInteger(s.allocation) || s.allocation < 1 || s.allocation > 100) return 'allocation must be an integer between 1 and 100';
  return null;
}

module.exports = { handlers, ABSENCE_TYPES };
