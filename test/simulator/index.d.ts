// Type declarations for the CommonJS simulator in index.js (see the JSDoc block there).
import type { TokenSpec, WaysApi, WaysOptions } from './ways';

export type { TokenSpec, WaysApi, WaysOptions, SimApp, CloudOptions } from './ways';

export interface SimUser {
  password: string;
  displayName?: string;
  email?: string;
  key?: string;
  admin?: boolean;
}

export interface FaultOptions {
  seed?: number;
  rate503?: number;
  every429?: number;
  retryAfterSeconds?: number;
  rateReset?: number;
  rateResetAfter?: number;
  faultsOnAuth?: boolean;
}

export interface ApiBox {
  boxId: string;
  boxTypeId: string;
  boxName: string;
  boxStatus?: string;
  boxStartDate?: string;
  boxEndDate?: string;
  boxArchived?: boolean;
  boxDescription?: string;
  boxIcon?: string;
  boxChildren?: ApiBox[];
}

export type PortfolioSpec =
  | 'small'
  | 'demo'
  | { boxCount: number; issuesPerBox?: number }
  | ApiBox
  | { tree: ApiBox; issues?: Record<string, Array<{ key: string; summary?: string; status?: number; type?: string; assignee?: string | null; duedate?: string | null }>>; boxTypes?: Array<Record<string, unknown>> };

export interface SimulatorOptions extends WaysOptions {
  host?: string;
  port?: number;
  contextPath?: string;
  apiKeys?: Array<'softwareplant-bigpicture' | 'bigpicture'>;
  users?: Record<string, SimUser>;
  basicAuthAllowed?: boolean;
  captchaAfter?: number;
  /** Status of a Basic login refused by the CAPTCHA lock (default 401; Jira Data Center answers 403). */
  captchaStatus?: 401 | 403;
  authTtlSeconds?: number;
  refreshTtlSeconds?: number;
  authMaxUses?: number;
  acceptBearer?: boolean;
  reauthNeedsSession?: boolean;
  bindTokenToSession?: boolean;
  affinityCookie?: boolean;
  affinityCookieName?: string;
  sessionIdPrefix?: string;
  sessionTtlSeconds?: number;
  latencyMs?: number;
  portfolio?: PortfolioSpec;
  simulatedVersion?: string | null;
  jiraVersion?: string;
  faults?: FaultOptions;
  faultsOnAuth?: boolean;
  loginPageFor?: RegExp | null;
  malformedJsonFor?: RegExp | null;
  emptyBodyFor?: RegExp | null;
  hugeBodyFor?: RegExp | null;
  hugeBodyBytes?: number;
  searchMaxResults?: number;
  deleteNoContent?: boolean;
  apiTokens?: Record<string, TokenSpec>;
  maxBodyBytes?: number;
  /** Route `/rest/…/x.json` (.xml .txt .html .htm .atom) as `/rest/…/x`, as Jira's REST layer does. */
  restSuffixes?: boolean;
  /** >0: every Nth answer to a request with a valid JSESSIONID rotates it (the old one ends at once). */
  rotateSessionEvery?: number;
  /** Serve HTTPS with a self-signed certificate for 127.0.0.1 made at start (needs the openssl CLI). */
  tls?: boolean;
}

export type CallAuth = 'jwt' | 'bearer-jwt' | 'refresh' | 'basic' | 'apitoken' | 'pat' | 'cloudtoken' | 'none' | 'invalid';

export interface SimCall {
  seq: number;
  method: string;
  /** path without the context path, e.g. '/rest/softwareplant-bigpicture/1.0/system/auth' */
  path: string;
  query: Record<string, string>;
  status: number | 'reset' | null;
  auth: CallAuth;
  /** which app (or 'cloud') the path belongs to; null for Jira */
  app: 'bigPicture' | 'bigGantt' | 'bigTemplate' | 'cloud' | null;
  user: string | null;
  cookies: string[];
  sessionValid: boolean;
  affinity: boolean;
  /** undefined = no body; null = body was not valid JSON */
  bodyJson: unknown;
  at: number;
}

export interface ProcessedRequest {
  id: number;
  seq: number;
  method: string;
  path: string;
  routeId: string;
  bodyJson: unknown;
  user: string | null;
  at: number;
}

export interface RouteDef {
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  minVersion: string | null;
  confirmed: boolean;
  minVersionConfirmed: boolean;
  adminOnly: boolean;
  auth: boolean;
  source: string;
  notes?: string;
}

export interface SimBox {
  boxId: string;
  boxTypeId: string;
  boxName: string;
  boxStatus: string;
  boxStartDate: string;
  boxEndDate: string;
  boxArchived: boolean;
  boxDescription: string;
  boxIcon: string;
  parentId: string | null;
  children: string[];
}

export interface SimState {
  version: number;
  boxTypes: Array<Record<string, any>>;
  boxes: Map<string, SimBox>;
  issues: Map<string, any>;
  boxIssues: Map<string, string[]>;
  ownScopes: Map<string, any>;
  subScopes: Map<string, any>;
  teams: any[];
  skills: any[];
  individualSkills: Map<string, any[]>;
  absences: Map<string, any[]>;
  /** call after mutating boxes directly */
  touch(): void;
  [k: string]: any;
}

export interface Simulator extends WaysApi {
  readonly baseUrl: string;
  readonly port: number;
  readonly opts: Required<Omit<SimulatorOptions, 'faults'>> & { faults: Required<FaultOptions> };
  apiBase(key?: string): string;
  readonly calls: SimCall[];
  readonly processedPosts: ProcessedRequest[];
  readonly errors: unknown[];
  /** TCP connections the server accepted so far (with tls: completed handshakes). */
  readonly connections: number;
  readonly state: SimState;
  readonly sessions: Map<string, { user: string; createdAt: number }>;
  readonly secrets: string[];
  count(filter?: string | RegExp | ((c: SimCall) => boolean)): number;
  resetCalls(): void;
  /** Requests being answered now, and the most answered at once since the last resetInFlight(). */
  inFlight(): { current: number; max: number };
  resetInFlight(): void;
  createSession(user: string): string;
  killSessions(): void;
  rotateSession(opts?: { keepOld?: boolean }): void;
  expireAuthTokens(): void;
  expireRefreshTokens(): void;
  unlockCaptcha(user: string): void;
  lockCaptcha(user: string): void;
  failedLogins(user: string): number;
  advanceTime(ms: number): void;
  now(): number;
  setOptions(partial: Partial<SimulatorOptions>): void;
  stats(): { sessionsCreated: number; authIssued: number; refreshIssued: number; calls: number };
  individualId(user: string, form?: 'key' | 'email'): string;
  close(): Promise<void>;
}

export function startSimulator(options?: SimulatorOptions): Promise<Simulator>;
export const routes: ReadonlyArray<RouteDef>;
export const DEFAULT_USERS: Readonly<Record<string, Readonly<Required<SimUser>>>>;
