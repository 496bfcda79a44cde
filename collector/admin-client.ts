import type { AssetImportMode, AssetImportResult } from './assets/import.js';
import type { IngestStats } from './store/stats.js';
import type { ApiKeyRecord } from './identity/api-keys.js';
import type { Role, TrustScope } from './identity/principal.js';
import type { IssuedSecret, ListedSecret } from './identity/enrollment.js';
import type { DeviceRole, ReenrolmentRecord } from './identity/enrol-secrets.js';
import type { ScoreRun } from './scoring/evaluate.js';
import type { EolCatalogueLoaded } from './lifecycle/catalogue-store.js';
import type { FirmwareCatalogueLoaded } from './lifecycle/firmware-catalogue.js';

export interface ListedDevice {
  device_id: string;
  trust_id: string;
  site_id: string;
  hostname: string;
  platform: string;
  agent_version: string;
  enrolled_at: string;
  revoked: number;
  role: DeviceRole;
  holds_key: number;
}

export interface EnrolSecretOptions {
  role?: DeviceRole;
  /** ISO 8601 */
  expiresAt?: string;
  expiresInSeconds?: number;
  allowReenrol?: boolean;
}

/** Talks to a running collector's admin API; used by the CLI, the demo and tests. */
export class AdminClient {
  constructor(
    private readonly baseUrl: string,
    readonly token: string,
  ) {}

  async addSite(site: { site_id: string; trust_id: string; name: string; trust_name?: string }): Promise<void> {
    await this.call('POST', '/v1/admin/sites', site);
  }

  async createEnrollSecret(siteId: string, options: EnrolSecretOptions = {}): Promise<string> {
    return (await this.issueEnrollSecret(siteId, options)).enroll_secret;
  }

  /** A new enrol secret and how it is listed (its id, role, expiry); the secret itself is shown only here. */
  async issueEnrollSecret(siteId: string, options: EnrolSecretOptions = {}): Promise<IssuedSecret> {
    const body = {
      ...(options.role ? { role: options.role } : {}),
      ...(options.expiresAt ? { expires_at: options.expiresAt } : {}),
      ...(options.expiresInSeconds ? { expires_in_seconds: options.expiresInSeconds } : {}),
      ...(options.allowReenrol ? { allow_reenrol: true } : {}),
    };
    return (await this.call('POST', `/v1/admin/sites/${encodeURIComponent(siteId)}/enroll-secrets`, body)) as IssuedSecret;
  }

  async listEnrollSecrets(siteId?: string): Promise<ListedSecret[]> {
    return ((await this.call('GET', `/v1/admin/enroll-secrets${siteId ? `?site=${encodeURIComponent(siteId)}` : ''}`)) as { enroll_secrets: ListedSecret[] }).enroll_secrets;
  }

  async revokeEnrollSecret(secretId: string): Promise<void> {
    await this.call('POST', `/v1/admin/enroll-secrets/${encodeURIComponent(secretId)}/revoke`);
  }

  /** Enrolled devices (not network gear), e.g. the site pollers: `{ role: 'poller' }`. */
  async listDevices(filter: { role?: DeviceRole; site?: string } = {}): Promise<ListedDevice[]> {
    const query = new URLSearchParams({ ...(filter.role ? { role: filter.role } : {}), ...(filter.site ? { site: filter.site } : {}) }).toString();
    return ((await this.call('GET', `/v1/admin/devices${query ? `?${query}` : ''}`)) as { devices: ListedDevice[] }).devices;
  }

  /** Clears a device's revocation: it may enrol again, for a new key. */
  async reinstateDevice(deviceId: string): Promise<void> {
    await this.call('POST', `/v1/admin/devices/${encodeURIComponent(deviceId)}/reinstate`);
  }

  /** Re-enrolments of devices that hold an active key, waiting for an admin (or approved, not yet used). */
  async pendingReenrolments(): Promise<ReenrolmentRecord[]> {
    return ((await this.call('GET', '/v1/admin/reenrolments')) as { reenrolments: ReenrolmentRecord[] }).reenrolments;
  }

  async approveReenrolment(deviceId: string): Promise<void> {
    await this.call('POST', `/v1/admin/reenrolments/${encodeURIComponent(deviceId)}/approve`);
  }

  async rejectReenrolment(deviceId: string): Promise<void> {
    await this.call('POST', `/v1/admin/reenrolments/${encodeURIComponent(deviceId)}/reject`);
  }

  async listSites(): Promise<Array<{ site_id: string; trust_id: string; name: string; trust_name: string }>> {
    return ((await this.call('GET', '/v1/admin/sites')) as { sites: never[] }).sites;
  }

  async retireSite(siteId: string): Promise<{ retired: string; assets_removed: number }> {
    return (await this.call('DELETE', `/v1/admin/sites/${encodeURIComponent(siteId)}`)) as { retired: string; assets_removed: number };
  }

  async renameTrust(trustId: string, name: string): Promise<void> {
    await this.call('PUT', `/v1/admin/trusts/${encodeURIComponent(trustId)}`, { name });
  }

  async revokeDevice(deviceId: string): Promise<void> {
    await this.call('POST', `/v1/admin/devices/${encodeURIComponent(deviceId)}/revoke`);
  }

  async importAssetRegister(trustId: string, csv: string, mode: AssetImportMode = 'merge'): Promise<AssetImportResult> {
    return (await this.call('POST', `/v1/admin/trusts/${encodeURIComponent(trustId)}/asset-register?mode=${mode}`, csv, 'text/csv')) as AssetImportResult;
  }

  /** Loads an end-of-life catalogue (YAML) into the running collector; `name` is how errors refer to it. */
  async loadCatalogue(yaml: string, name: string): Promise<EolCatalogueLoaded> {
    return (await this.call('POST', `/v1/admin/eol-catalogue?name=${encodeURIComponent(name)}`, yaml, 'application/yaml')) as EolCatalogueLoaded;
  }

  /** Loads a firmware release catalogue (YAML) into the running collector; `name` is how errors refer to it. */
  async loadFirmwareCatalogue(yaml: string, name: string): Promise<FirmwareCatalogueLoaded> {
    return (await this.call('POST', `/v1/admin/firmware-catalogue?name=${encodeURIComponent(name)}`, yaml, 'application/yaml')) as FirmwareCatalogueLoaded;
  }

  async backfillScores(days: number): Promise<string[]> {
    return ((await this.call('POST', `/v1/admin/scores/backfill?days=${days}`)) as { evaluated: string[] }).evaluated;
  }

  /** Scores a date again: a new run; the earlier ones stay. */
  async reevaluateScores(asOf: string): Promise<{ run: ScoreRun; previous: ScoreRun | null }> {
    return (await this.call('POST', `/v1/admin/scores/reevaluate?as_of=${encodeURIComponent(asOf)}`)) as { run: ScoreRun; previous: ScoreRun | null };
  }

  async scoreRuns(asOf: string): Promise<Array<ScoreRun & { current: boolean }>> {
    return ((await this.call('GET', `/v1/runs?as_of=${encodeURIComponent(asOf)}`)) as { runs: Array<ScoreRun & { current: boolean }> }).runs;
  }

  /** Has the collector post a test digest to its configured webhook. */
  async notifyTest(): Promise<{ sent: boolean; as_of: string; since: string; trusts: number }> {
    return (await this.call('POST', '/v1/admin/notify/test')) as { sent: boolean; as_of: string; since: string; trusts: number };
  }

  /** A named, scoped API key; the key itself is in this answer only. */
  async createApiKey(input: { name: string; role: Role; trusts: TrustScope; expires_in_days?: number }): Promise<ApiKeyRecord & { key: string }> {
    return (await this.call('POST', '/v1/admin/api-keys', input)) as ApiKeyRecord & { key: string };
  }

  async listApiKeys(): Promise<ApiKeyRecord[]> {
    return ((await this.call('GET', '/v1/admin/api-keys')) as { keys: ApiKeyRecord[] }).keys;
  }

  /** By key id or the name of an active key; its dashboard sessions end too. */
  async revokeApiKey(idOrName: string): Promise<ApiKeyRecord> {
    return (await this.call('POST', `/v1/admin/api-keys/${encodeURIComponent(idOrName)}/revoke`)) as ApiKeyRecord;
  }

  /** A new key with the same name, role and trusts; the old one is revoked. */
  async rotateApiKey(idOrName: string): Promise<ApiKeyRecord & { key: string; revoked: string }> {
    return (await this.call('POST', `/v1/admin/api-keys/${encodeURIComponent(idOrName)}/rotate`)) as ApiKeyRecord & { key: string; revoked: string };
  }

  /** Ends every dashboard session made from a credential (`key:<id>`, `oidc:<issuer>#<sub>`). */
  async endSessions(credential: string): Promise<number> {
    return ((await this.call('POST', '/v1/admin/sessions/end', { credential })) as { ended: number }).ended;
  }

  /** The tables of the collector's database with a trust_id column: what per-trust row policies cover. */
  async trustTables(): Promise<{ database: string; tables: string[] }> {
    return (await this.call('GET', '/v1/admin/trust-tables')) as { database: string; tables: string[] };
  }

  async stats(): Promise<IngestStats> {
    return (await this.call('GET', '/v1/admin/stats')) as IngestStats;
  }

  private async call(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<unknown> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': contentType }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }
}
