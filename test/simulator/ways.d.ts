// Type declarations for ways.js: every way in besides the Data Center JWT flow (issue 11).

/** A token's owner, or its owner and state. */
export type TokenSpec = string | { user: string; expired?: boolean; revoked?: boolean };

export type SimApp = 'bigPicture' | 'bigGantt' | 'bigTemplate';

export interface CloudOptions {
  /** BigPicture Cloud API tokens. */
  tokens?: Record<string, TokenSpec>;
  /** Default '/cloudmanager/bigpicture/where-am-i'. */
  discoveryPath?: string;
  /** Default '/cloud/eu-1/tenant-a'; the location is `http://127.0.0.1:<port><tenantPath>`. */
  tenantPath?: string;
  /** Answer this location instead (e.g. a non-https or foreign origin). */
  location?: string | null;
  /** Discovery answers 302 to this URL. */
  redirectDiscoveryTo?: string | null;
}

export interface WaysOptions {
  /** Default ['bearer', 'apitoken']. */
  apiTokenSchemes?: Array<'bearer' | 'apitoken'>;
  /** REST keys that take API tokens (null = every installed key); a key only here answers token calls only. */
  apiTokenKeys?: Array<'softwareplant-bigpicture' | 'bigpicture'> | null;
  /** Jira personal access tokens (`Authorization: Bearer <pat>`). */
  jiraPats?: Record<string, TokenSpec>;
  /** system/auth answers 500 to a PAT. */
  patSystemAuth500?: boolean;
  /** Jira Cloud Basic `<email>:<Atlassian API token>`. */
  atlassianApiTokens?: Record<string, TokenSpec>;
  apps?: Array<'bigGantt' | 'bigTemplate'>;
  bigGanttKey?: 'softwareplant-biggantt' | 'biggantt';
  cloud?: CloudOptions | null;
}

export interface WaysApi {
  revokeApiToken(token: string): void;
  expireApiToken(token: string): void;
  revokeJiraPat(token: string): void;
  revokeCloudToken(token: string): void;
  /** `${baseUrl}/rest/<app key>/1.0` */
  appBase(app: SimApp): string;
  expireAppTokens(app: SimApp, typ?: 'auth' | 'refresh'): void;
  /** logins = system/auth answered 200 under the app's key. */
  appStats(): Record<SimApp, { logins: number; authIssued: number; refreshIssued: number }>;
  cloudDiscoveryUrl(): string;
  cloudLocation(): string;
  /** `${cloudLocation()}/rest` */
  cloudApiBase(): string;
  /** Moves the tenant (old base answers 401); returns the new location. */
  moveTenant(tenantPath?: string): string;
  cloudStats(): { discoveryCalls: number; discoveryOk: number };
}
