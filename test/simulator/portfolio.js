'use strict';
/**
 * Builds the in-memory BigPicture/Jira state: box types, the box tree, Jira issues per box,
 * scope definitions, teams, the skills catalogue, individual skills and absences.
 *
 * Everything is deterministic (fixed dates, no randomness), so tests can rely on ids and counts.
 *
 * portfolio option:
 *  - 'small'  : 12 boxes: ROOT → PORT-1 → PROG-1, PROG-2 → PRJ-1, PRJ-2, PRJ-3 → ITER-1..ITER-5.
 *               Issues: PRJ-1 has 120 (DEMO-1..DEMO-120, enough for paging past the cap of 100),
 *               ITER-1 has DEMO-1..10, ITER-2 has DEMO-11..20, PRJ-2 has 8 (OPS-1..8), ITER-3 has OPS-1..4.
 *  - 'demo'   : realistic names, 3 portfolios × 4 programs × 5 projects × 4 iterations (316 boxes),
 *               a few thousand issues.
 *  - { boxCount: N, issuesPerBox?: 0 } : N boxes (ROOT included) generated fast, for benchmarks.
 *  - explicit : a root box object in API shape ({ boxId: 'ROOT', boxChildren: [...] }) or
 *               { tree, issues?: { [boxId]: IssueLike[] }, boxTypes?: BoxType[] }.
 */
const { addDays } = require('./http-util');

const BASE_DATE = '2025-01-06';

/** Box types. Shape partly unconfirmed: boxTypeId/boxTypeName are the documented ids, the rest is plausible. */
function defaultBoxTypes() {
  return [
    { boxTypeId: '1', boxTypeName: 'Home', boxTypePrefix: 'ROOT', boxTypeIcon: 'font-awesome-home@MEDIUM_GRAY', scopeType: 'NONE', archived: false },
    { boxTypeId: '2', boxTypeName: 'Portfolio', boxTypePrefix: 'PORT', boxTypeIcon: 'font-awesome-briefcase@NAVY', scopeType: 'NONE', archived: false },
    { boxTypeId: '3', boxTypeName: 'Program', boxTypePrefix: 'PROG', boxTypeIcon: 'font-awesome-box-open@VIOLET', scopeType: 'OWN', archived: false },
    { boxTypeId: '4', boxTypeName: 'Project', boxTypePrefix: 'PRJ', boxTypeIcon: 'font-awesome-project-diagram@BLUE', scopeType: 'OWN', archived: false },
    { boxTypeId: '5', boxTypeName: 'Iteration', boxTypePrefix: 'ITER', boxTypeIcon: 'font-awesome-sync@GREEN', scopeType: 'SUB', archived: false },
    { boxTypeId: '6', boxTypeName: 'Hybrid project', boxTypePrefix: 'HYBR', boxTypeIcon: 'font-awesome-random@CHEETO_ORANGE', scopeType: 'OWN', archived: false },
  ];
}

const STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'DONE'];
const ISSUE_STATUSES = [
  { name: 'To Do', statusCategory: { key: 'new', name: 'To Do' } },
  { name: 'In Progress', statusCategory: { key: 'indeterminate', name: 'In Progress' } },
  { name: 'Done', statusCategory: { key: 'done', name: 'Done' } },
];
const ISSUE_TYPES = ['Story', 'Task', 'Bug', 'Epic', 'Sub-task'];

/**
 * @typedef {object} Box
 * @property {string} boxId
 * @property {string} boxTypeId
 * @property {string} boxName
 * @property {string} boxStatus
 * @property {string} boxStartDate
 * @property {string} boxEndDate
 * @property {boolean} boxArchived
 * @property {string} boxDescription
 * @property {string} boxIcon
 * @property {string|null} parentId
 * @property {string[]} children
 */

class State {
  /** @param {Record<string, any>} users */
  constructor(users) {
    this.version = 0;
    /** @type {any[]} */
    this.boxTypes = defaultBoxTypes();
    /** @type {Map<string, Box>} */
    this.boxes = new Map();
    /** @type {Map<string, number>} next number per prefix */
    this.counters = new Map();
    /** @type {Map<string, any>} Jira issues by key */
    this.issues = new Map();
    /** @type {Map<string, string[]>} issue keys per box */
    this.boxIssues = new Map();
    /** @type {Map<string, any>} own-scope definitions (cargo shape) per box */
    this.ownScopes = new Map();
    /** @type {Map<string, any>} sub-scope definitions per box */
    this.subScopes = new Map();
    /** @type {any[]} */
    this.teams = [];
    /** Skills catalogue: BigPicture installs Developer, Project Manager, Tester by default. */
    this.skills = [
      { skillId: '1', skillName: 'Developer', skillCode: 'DEV', skillColor: 'BLUE' },
      { skillId: '2', skillName: 'Project Manager', skillCode: 'PM', skillColor: 'VIOLET' },
      { skillId: '3', skillName: 'Tester', skillCode: 'QA', skillColor: 'GREEN' },
    ];
    /** @type {Map<string, any[]>} skills per canonical individual id */
    this.individualSkills = new Map();
    /** @type {Map<string, any[]>} absences per canonical individual id */
    this.absences = new Map();
    /** @type {Map<string, {individualId:string, user:string}>} canonical id → individual */
    this.individuals = new Map();
    this._issueId = 10000;
    this._hierarchyCache = { version: -1, json: '' };
    this.users = users;
    for (const [name, u] of Object.entries(users)) {
      const id = `EXT_USER@2@${u.key}`;
      this.individuals.set(id, { individualId: id, user: name });
    }
  }

  /** Call after mutating boxes directly (invalidates the cached hierarchy JSON). */
  touch() { this.version += 1; }

  /** @param {string} typeId */
  boxType(typeId) { return this.boxTypes.find((t) => t.boxTypeId === typeId) || null; }

  /** @param {string} prefix */
  nextBoxId(prefix) {
    const n = (this.counters.get(prefix) || 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}-${n}`;
  }

  /**
   * Adds a box (no validation: handlers validate before).
   * @param {Partial<Box> & {boxTypeId: string, boxName: string}} b
   * @param {string|null} parentId
   * @returns {Box}
   */
  addBox(b, parentId) {
    const type = this.boxType(b.boxTypeId);
    const boxId = b.boxId || this.nextBoxId(type ? type.boxTypePrefix : 'BOX');
    const m = /^([A-Z]+)-(\d+)$/.exec(boxId);
    if (m && (this.counters.get(m[1]) || 0) < Number(m[2])) this.counters.set(m[1], Number(m[2]));
    /** @type {Box} */
    const box = {
      boxId,
      boxTypeId: String(b.boxTypeId),
      boxName: b.boxName,
      boxStatus: b.boxStatus || 'NOT_STARTED',
      boxStartDate: b.boxStartDate || BASE_DATE,
      boxEndDate: b.boxEndDate || addDays(b.boxStartDate || BASE_DATE, 90),
      boxArchived: Boolean(b.boxArchived),
      boxDescription: b.boxDescription || '',
      boxIcon: b.boxIcon || (type ? type.boxTypeIcon : 'font-awesome-box@GRAY'),
      parentId,
      children: [],
    };
    this.boxes.set(boxId, box);
    if (parentId) this.boxes.get(parentId).children.push(boxId);
    if (type && type.scopeType === 'OWN' && !this.ownScopes.has(boxId)) {
      this.ownScopes.set(boxId, { extPlatformScopeDefinitions: [] });
    }
    if (type && type.scopeType === 'SUB' && !this.subScopes.has(boxId)) {
      this.subScopes.set(boxId, { parentScopeBoxId: this.ownScopeAncestor(parentId), synchronizationField: null, synchronizationValue: null, narrowingQuery: '' });
    }
    this.version += 1;
    return box;
  }

  /** Nearest ancestor (or self) with an own scope. @param {string|null} boxId */
  ownScopeAncestor(boxId) {
    let cur = boxId ? this.boxes.get(boxId) : null;
    while (cur) {
      if (this.ownScopes.has(cur.boxId)) return cur.boxId;
      cur = cur.parentId ? this.boxes.get(cur.parentId) : null;
    }
    return null;
  }

  /** Removes a box and its whole subtree. @returns {string[]} removed ids (parent first) */
  removeBox(boxId) {
    const box = this.boxes.get(boxId);
    if (!box) return [];
    const removed = [];
    const stack = [boxId];
    while (stack.length) {
      const id = stack.pop();
      const b = this.boxes.get(id);
      if (!b) continue;
      removed.push(id);
      for (const c of b.children) stack.push(c);
      this.boxes.delete(id);
      this.boxIssues.delete(id);
      this.ownScopes.delete(id);
      this.subScopes.delete(id);
    }
    if (box.parentId && this.boxes.has(box.parentId)) {
      const p = this.boxes.get(box.parentId);
      p.children = p.children.filter((c) => c !== boxId);
    }
    for (const t of this.teams) t.boxIds = t.boxIds.filter((b) => !removed.includes(b));
    this.version += 1;
    return removed;
  }

  /** API shape of one box (with children when `deep`). @param {Box} b */
  apiBox(b, deep) {
    const out = {
      boxId: b.boxId, boxStatus: b.boxStatus, boxTypeId: b.boxTypeId, boxName: b.boxName,
      boxStartDate: b.boxStartDate, boxEndDate: b.boxEndDate, boxArchived: b.boxArchived,
      boxDescription: b.boxDescription, boxIcon: b.boxIcon, boxChildren: [],
    };
    if (deep) {
      for (const c of b.children) {
        const cb = this.boxes.get(c);
        if (cb) out.boxChildren.push(this.apiBox(cb, true));
      }
    }
    return out;
  }

  /** JSON text of the full envelope for box-hierarchy, cached until the state version changes. */
  hierarchyEnvelopeJson() {
    if (this._hierarchyCache.version !== this.version) {
      const root = this.boxes.get('ROOT');
      const cargo = root ? this.apiBox(root, true) : null;
      this._hierarchyCache = { version: this.version, json: JSON.stringify({ currentVersion: 1, latestVersion: 1, cargo }) };
    }
    return this._hierarchyCache.json;
  }

  /**
   * Adds a Jira issue and puts it in the given boxes.
   * @param {{key: string, summary: string, status?: number, type?: string, assignee?: string|null, duedate?: string|null, project?: string}} i
   * @param {string[]} boxIds
   */
  addIssue(i, boxIds) {
    let issue = this.issues.get(i.key);
    if (!issue) {
      this._issueId += 1;
      const projectKey = i.project || i.key.split('-')[0];
      const u = i.assignee ? this.users[i.assignee] : null;
      issue = {
        id: String(this._issueId),
        key: i.key,
        fields: {
          summary: i.summary,
          status: ISSUE_STATUSES[(i.status || 0) % ISSUE_STATUSES.length],
          issuetype: { name: i.type || 'Story', subtask: i.type === 'Sub-task' },
          priority: { name: 'Medium' },
          assignee: u ? { name: i.assignee, key: u.key, displayName: u.displayName, emailAddress: u.email, active: true } : null,
          duedate: i.duedate === undefined ? null : i.duedate,
          project: { key: projectKey, name: `${projectKey} project` },
          labels: [],
          created: `${BASE_DATE}T09:00:00.000+0000`,
          updated: `${BASE_DATE}T09:00:00.000+0000`,
        },
      };
      this.issues.set(i.key, issue);
    }
    for (const b of boxIds) {
      let list = this.boxIssues.get(b);
      if (!list) { list = []; this.boxIssues.set(b, list); }
      list.push(i.key);
    }
    return issue;
  }

  /**
   * Canonical individual id for `EXT_USER@2@<key>` or `EXT_USER@@2@@<email>`.
   * @param {string} raw
   * @returns {{ok: true, id: string} | {ok: false, malformed: boolean}}
   */
  resolveIndividual(raw) {
    let m = /^EXT_USER@@(\d+)@@(.+)$/.exec(raw);
    if (m) {
      if (m[1] !== '2') return { ok: false, malformed: false };
      for (const u of Object.values(this.users)) {
        if (u.email && u.email.toLowerCase() === m[2].toLowerCase()) return { ok: true, id: `EXT_USER@2@${u.key}` };
      }
      return { ok: false, malformed: false };
    }
    m = /^EXT_USER@(\d+)@([^@].*)$/.exec(raw);
    if (m) {
      const id = `EXT_USER@${m[1]}@${m[2]}`;
      return this.individuals.has(id) ? { ok: true, id } : { ok: false, malformed: false };
    }
    return { ok: false, malformed: true };
  }
}

const PORTFOLIO_NAMES = ['Digital Transformation', 'Customer Experience', 'Operational Excellence'];
const PROGRAM_NAMES = ['Mobile Banking', 'Payments Platform', 'Data & Analytics', 'Cloud Migration', 'Self-service Portal',
  'CRM Renewal', 'Supply Chain Visibility', 'Security Hardening', 'Onboarding Journey', 'Billing Modernisation',
  'Partner API', 'Field Service'];
const PROJECT_WORDS = ['Login revamp', 'Card controls', 'Instant transfers', 'Fraud scoring', 'Reporting hub',
  'Kubernetes landing zone', 'Chatbot', 'Invoice OCR', 'Loyalty points', 'Push notifications', 'Data lake ingestion',
  'SSO rollout', 'Pricing engine', 'Warehouse telemetry', 'Accessibility audit'];
const SUMMARIES = ['Design the API contract', 'Implement validation rules', 'Write integration tests', 'Fix date rounding bug',
  'Update user documentation', 'Review security findings', 'Migrate legacy records', 'Improve error messages',
  'Add audit logging', 'Tune database indexes', 'Prepare release notes', 'Refine acceptance criteria'];

/** @param {State} st */
function userNames(st) { return Object.keys(st.users); }

/** @param {State} st */
function addDefaultResources(st) {
  const names = userNames(st);
  const ids = names.map((n) => `EXT_USER@2@${st.users[n].key}`);
  if (ids[0]) {
    st.absences.set(ids[0], [
      { startDate: '2025-02-03', endDate: '2025-02-07', absenceType: 'HOLIDAY', comment: 'Winter holiday', percentageUnavailability: 100 },
      { startDate: '2025-03-14', endDate: '2025-03-14', absenceType: 'LEAVE_AT_REQUEST', comment: '', percentageUnavailability: 50 },
    ]);
    st.individualSkills.set(ids[0], [{ skillId: '1', skillName: 'Developer', skillCode: 'DEV', startDate: '2024-01-01', endDate: null, allocation: 100 }]);
  }
  if (ids[1]) {
    st.individualSkills.set(ids[1], [{ skillId: '3', skillName: 'Tester', skillCode: 'QA', startDate: '2024-01-01', endDate: null, allocation: 100 }]);
  }
}

/** @param {State} st */
function buildSmall(st) {
  const names = userNames(st);
  const who = (i) => (names.length ? names[i % names.length] : null);
  st.addBox({ boxId: 'ROOT', boxTypeId: '1', boxName: 'Home', boxStatus: 'IN_PROGRESS', boxStartDate: '2010-01-01', boxEndDate: '2069-12-31', boxIcon: 'font-awesome-home@MEDIUM_GRAY' }, null);
  st.addBox({ boxId: 'PORT-1', boxTypeId: '2', boxName: 'Company portfolio', boxStatus: 'IN_PROGRESS', boxStartDate: '2025-01-01', boxEndDate: '2025-12-31' }, 'ROOT');
  st.addBox({ boxId: 'PROG-1', boxTypeId: '3', boxName: 'Mobile Banking', boxStatus: 'IN_PROGRESS', boxStartDate: '2025-01-06', boxEndDate: '2025-06-30' }, 'PORT-1');
  st.addBox({ boxId: 'PROG-2', boxTypeId: '3', boxName: 'Back Office', boxStatus: 'NOT_STARTED', boxStartDate: '2025-04-01', boxEndDate: '2025-09-30' }, 'PORT-1');
  st.addBox({ boxId: 'PRJ-1', boxTypeId: '4', boxName: 'Demo app', boxStatus: 'IN_PROGRESS', boxStartDate: '2025-01-06', boxEndDate: '2025-03-28' }, 'PROG-1');
  st.addBox({ boxId: 'PRJ-2', boxTypeId: '4', boxName: 'Operations console', boxStatus: 'NOT_STARTED', boxStartDate: '2025-04-01', boxEndDate: '2025-06-30' }, 'PROG-1');
  st.addBox({ boxId: 'PRJ-3', boxTypeId: '4', boxName: 'Ledger clean-up', boxStatus: 'NOT_STARTED', boxStartDate: '2025-04-01', boxEndDate: '2025-09-30', boxDescription: 'No tasks yet' }, 'PROG-2');
  st.addBox({ boxId: 'ITER-1', boxTypeId: '5', boxName: 'Sprint 1', boxStatus: 'DONE', boxStartDate: '2025-01-06', boxEndDate: '2025-01-17' }, 'PRJ-1');
  st.addBox({ boxId: 'ITER-2', boxTypeId: '5', boxName: 'Sprint 2', boxStatus: 'IN_PROGRESS', boxStartDate: '2025-01-20', boxEndDate: '2025-01-31' }, 'PRJ-1');
  st.addBox({ boxId: 'ITER-3', boxTypeId: '5', boxName: 'Sprint 1', boxStatus: 'NOT_STARTED', boxStartDate: '2025-04-01', boxEndDate: '2025-04-14' }, 'PRJ-2');
  st.addBox({ boxId: 'ITER-4', boxTypeId: '5', boxName: 'Sprint 1', boxStatus: 'NOT_STARTED', boxStartDate: '2025-04-01', boxEndDate: '2025-04-14' }, 'PRJ-3');
  st.addBox({ boxId: 'ITER-5', boxTypeId: '5', boxName: 'Sprint 2', boxStatus: 'NOT_STARTED', boxStartDate: '2025-04-15', boxEndDate: '2025-04-28', boxArchived: true }, 'PRJ-3');
  for (let n = 1; n <= 120; n++) {
    const boxes = ['PRJ-1'];
    if (n <= 10) boxes.push('ITER-1'); else if (n <= 20) boxes.push('ITER-2');
    st.addIssue({ key: `DEMO-${n}`, summary: `${SUMMARIES[n % SUMMARIES.length]} #${n}`, status: n <= 10 ? 2 : n % 3, type: ISSUE_TYPES[n % 3], assignee: n % 5 === 0 ? null : who(n), duedate: n % 4 === 0 ? null : addDays('2025-01-10', n % 60) }, boxes);
  }
  for (let n = 1; n <= 8; n++) {
    st.addIssue({ key: `OPS-${n}`, summary: `${SUMMARIES[(n + 3) % SUMMARIES.length]}`, status: 0, type: 'Task', assignee: who(n + 1), duedate: addDays('2025-04-10', n) }, n <= 4 ? ['PRJ-2', 'ITER-3'] : ['PRJ-2']);
  }
  st.ownScopes.set('PROG-1', { extPlatformScopeDefinitions: [] });
  st.ownScopes.set('PRJ-1', { extPlatformScopeDefinitions: [{ extPlatformId: '2', narrowingQuery: '', scopeDefinitionElements: [{ type: 'JIRA_PROJECT', value: 'DEMO' }], manuallyAddedTasks: [] }] });
  st.ownScopes.set('PRJ-2', { extPlatformScopeDefinitions: [{ extPlatformId: '2', narrowingQuery: 'statusCategory != Done', scopeDefinitionElements: [{ type: 'JIRA_FILTER', value: '10100' }], manuallyAddedTasks: [{ key: 'DEMO-7', externalId: st.issues.get('DEMO-7').id }] }] });
  st.subScopes.set('ITER-1', { parentScopeBoxId: 'PRJ-1', synchronizationField: 'sprint', synchronizationValue: 'Sprint 1', narrowingQuery: '' });
  st.subScopes.set('ITER-2', { parentScopeBoxId: 'PRJ-1', synchronizationField: 'sprint', synchronizationValue: 'Sprint 2', narrowingQuery: '' });
  const members = names.map((n) => ({ individualId: `EXT_USER@2@${st.users[n].key}`, startDate: '2025-01-01', endDate: null, availability: 100 }));
  st.teams.push({ teamId: '1', teamName: 'Team Alpha', teamCode: 'ALP', boxIds: ['PROG-1', 'PRJ-1', 'PRJ-2'], members });
  st.teams.push({ teamId: '2', teamName: 'Team Beta', teamCode: 'BET', boxIds: ['PROG-2'], members: members.slice(0, 1) });
  addDefaultResources(st);
}

/** @param {State} st */
function buildDemo(st) {
  const names = userNames(st);
  const who = (i) => (names.length ? names[i % names.length] : null);
  st.addBox({ boxId: 'ROOT', boxTypeId: '1', boxName: 'Home', boxStatus: 'IN_PROGRESS', boxStartDate: '2010-01-01', boxEndDate: '2069-12-31' }, null);
  let prog = 0, prj = 0, team = 0;
  for (let p = 0; p < 3; p++) {
    const port = st.addBox({ boxTypeId: '2', boxName: PORTFOLIO_NAMES[p], boxStatus: 'IN_PROGRESS', boxStartDate: '2025-01-01', boxEndDate: '2026-12-31' }, 'ROOT');
    for (let g = 0; g < 4; g++, prog++) {
      const start = addDays(BASE_DATE, 28 * (prog % 6));
      const pg = st.addBox({ boxTypeId: '3', boxName: PROGRAM_NAMES[prog % PROGRAM_NAMES.length], boxStatus: STATUSES[prog % 3], boxStartDate: start, boxEndDate: addDays(start, 364) }, port.boxId);
      team += 1;
      st.teams.push({ teamId: String(team), teamName: `${PROGRAM_NAMES[prog % PROGRAM_NAMES.length]} team`, teamCode: `T${team}`, boxIds: [pg.boxId],
        members: names.map((n) => ({ individualId: `EXT_USER@2@${st.users[n].key}`, startDate: '2025-01-01', endDate: null, availability: 50 })) });
      for (let j = 0; j < 5; j++, prj++) {
        const pStart = addDays(start, 14 * j);
        const projectKey = `P${prj + 1}`;
        const pb = st.addBox({ boxTypeId: '4', boxName: PROJECT_WORDS[prj % PROJECT_WORDS.length], boxStatus: STATUSES[prj % 3], boxStartDate: pStart, boxEndDate: addDays(pStart, 120) }, pg.boxId);
        st.ownScopes.set(pb.boxId, { extPlatformScopeDefinitions: [{ extPlatformId: '2', narrowingQuery: '', scopeDefinitionElements: [{ type: 'JIRA_PROJECT', value: projectKey }], manuallyAddedTasks: [] }] });
        let issueNo = 0;
        for (let k = 0; k < 4; k++) {
          const iStart = addDays(pStart, 14 * k);
          const ib = st.addBox({ boxTypeId: '5', boxName: `Sprint ${k + 1}`, boxStatus: STATUSES[(prj + k) % 3], boxStartDate: iStart, boxEndDate: addDays(iStart, 13) }, pb.boxId);
          const n = 5 + ((prj + k) % 9);
          for (let x = 0; x < n; x++) {
            issueNo += 1;
            st.addIssue({ key: `${projectKey}-${issueNo}`, summary: `${SUMMARIES[(issueNo + k) % SUMMARIES.length]}`, status: (issueNo + k) % 3, type: ISSUE_TYPES[issueNo % 4], assignee: who(issueNo + prj), duedate: addDays(iStart, x % 14) }, [pb.boxId, ib.boxId]);
          }
        }
      }
    }
  }
  addDefaultResources(st);
}

/** @param {State} st @param {{boxCount: number, issuesPerBox?: number}} cfg */
function buildCount(st, cfg) {
  const total = Math.max(1, Math.floor(cfg.boxCount));
  const perBox = Math.max(0, Math.floor(cfg.issuesPerBox || 0));
  st.addBox({ boxId: 'ROOT', boxTypeId: '1', boxName: 'Home', boxStatus: 'IN_PROGRESS', boxStartDate: '2010-01-01', boxEndDate: '2069-12-31' }, null);
  let left = total - 1;
  const take = (n) => { const k = Math.max(0, Math.min(left, n)); left -= k; return k; };
  const nPort = take(Math.max(1, Math.round(total * 0.005)));
  const nProg = take(Math.max(1, Math.round(total * 0.045)));
  const nPrj = take(Math.max(1, Math.round(total * 0.2)));
  const nIter = take(left);
  const levels = [['2', nPort, 'Portfolio'], ['3', nProg, 'Program'], ['4', nPrj, 'Project'], ['5', nIter, 'Iteration']];
  let parents = ['ROOT'];
  let issueNo = 0;
  for (const [typeId, count, label] of levels) {
    const next = [];
    for (let i = 0; i < count; i++) {
      const parent = parents[i % parents.length];
      const start = addDays(BASE_DATE, (i % 52) * 7);
      const b = st.addBox({ boxTypeId: typeId, boxName: `${label} ${i + 1}`, boxStatus: STATUSES[i % 3], boxStartDate: start, boxEndDate: addDays(start, 13 + (i % 5) * 7) }, parent);
      next.push(b.boxId);
      for (let x = 0; x < perBox; x++) {
        issueNo += 1;
        st.addIssue({ key: `BULK-${issueNo}`, summary: SUMMARIES[issueNo % SUMMARIES.length], status: issueNo % 3 }, [b.boxId]);
      }
    }
    if (next.length) parents = next;
  }
  addDefaultResources(st);
}

/** @param {State} st @param {any} spec */
function buildExplicit(st, spec) {
  const tree = spec.tree || spec;
  if (Array.isArray(spec.boxTypes)) st.boxTypes = spec.boxTypes.map((t) => ({ scopeType: 'OWN', archived: false, boxTypePrefix: 'BOX', ...t, boxTypeId: String(t.boxTypeId) }));
  const walk = (node, parentId) => {
    if (!node || typeof node.boxId !== 'string') throw new TypeError('portfolio tree: every box needs a string boxId');
    st.addBox({ ...node, boxTypeId: String(node.boxTypeId || (parentId ? '4' : '1')), boxName: node.boxName || node.boxId }, parentId);
    for (const c of node.boxChildren || []) walk(c, node.boxId);
  };
  walk(tree, null);
  for (const [boxId, list] of Object.entries(spec.issues || {})) {
    for (const i of list) st.addIssue({ summary: i.key, ...i }, [boxId]);
  }
  addDefaultResources(st);
}

/**
 * @param {'small'|'demo'|{boxCount:number, issuesPerBox?:number}|object} spec
 * @param {Record<string, any>} users
 * @returns {State}
 */
function buildState(spec, users) {
  const st = new State(users);
  if (spec === undefined || spec === 'small') buildSmall(st);
  else if (spec === 'demo') buildDemo(st);
  else if (spec && typeof spec === 'object' && typeof spec.boxCount === 'number') buildCount(st, spec);
  else if (spec && typeof spec === 'object') buildExplicit(st, spec);
  else throw new TypeError(`unknown portfolio: ${String(spec)}`);
  return st;
}

module.exports = { buildState, State, defaultBoxTypes };
