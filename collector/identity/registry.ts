import type { DeviceRole } from './enrol-secrets.js';
import type { ReportWriter } from '../ingest/report-writer.js';
import type { Store } from '../store/store.js';
import { toClickHouseTime } from '../store/time.js';
import { TtlCache } from '../store/ttl-cache.js';

export interface SiteRecord {
  site_id: string;
  trust_id: string;
  name: string;
}

export interface TrustRecord {
  trust_id: string;
  name: string;
}

export interface DeviceRecord {
  device_id: string;
  kind: string;
  trust_id: string;
  site_id: string;
  fingerprint: string;
  hostname: string;
  platform: string;
  agent_version: string;
  node_key_hash: string;
  enrolled_at: string;
  revoked: number;
  /** What the device's node key may report: 'poller' alone may send network gear. */
  role: DeviceRole;
}

const now = () => toClickHouseTime(Date.now());

/**
 * Trusts, sites and devices: the small latest-state tables behind identity (enrol secrets are in
 * enrol-secrets.ts). Sites are read on every enrolment, so they are cached briefly; this process's
 * own writes drop the cache at once, another collector's within `cacheMs`.
 */
export class Registry {
  private readonly sites = new TtlCache<string, SiteRecord | undefined>();

  constructor(
    private readonly store: Store,
    private readonly writer?: ReportWriter,
    private readonly cacheMs = 30_000,
  ) {}

  async upsertTrust(trust: TrustRecord): Promise<void> {
    await this.store.insert('trusts', [{ ...trust, updated_at: now() }]);
  }

  /** Creates or updates a site; adding a retired site again brings it back. */
  async upsertSite(site: SiteRecord): Promise<void> {
    await this.store.insert('sites', [{ ...site, retired: 0, updated_at: now() }]);
    this.sites.delete(site.site_id);
  }

  /** Retires a site: no longer listed, enrols no agent; its history keeps its id. */
  async retireSite(site: SiteRecord): Promise<void> {
    await this.store.insert('sites', [{ ...site, retired: 1, updated_at: now() }]);
    this.sites.delete(site.site_id);
  }

  async listTrusts(): Promise<TrustRecord[]> {
    return this.store.query(`SELECT trust_id, name FROM {db}.trusts FINAL ORDER BY trust_id`);
  }

  /** Devices of a site that still hold a valid key (network gear holds none; a reinstated device none until it enrols). */
  async activeDevices(siteId: string): Promise<number> {
    const [row] = await this.store.query<{ n: number }>(
      `SELECT count() AS n FROM {db}.devices FINAL WHERE site_id = {id:String} AND revoked = 0 AND node_key_hash != ''`,
      { id: siteId },
    );
    return Number(row?.n ?? 0);
  }

  async getSite(siteId: string): Promise<SiteRecord | undefined> {
    return this.sites.getOrLoad(siteId, this.cacheMs, () => this.loadSite(siteId));
  }

  private async loadSite(siteId: string): Promise<SiteRecord | undefined> {
    const rows = await this.store.query<SiteRecord>(
      `SELECT site_id, trust_id, name FROM {db}.sites FINAL WHERE site_id = {id:String} AND retired = 0`,
      { id: siteId },
    );
    return rows[0];
  }

  async listSites(): Promise<Array<SiteRecord & { trust_name: string }>> {
    return this.store.query(
      `SELECT s.site_id, s.trust_id, s.name, t.name AS trust_name
       FROM {db}.sites AS s FINAL LEFT JOIN {db}.trusts AS t FINAL ON t.trust_id = s.trust_id
       WHERE s.retired = 0
       ORDER BY s.trust_id, s.site_id`,
    );
  }

  /** Device rows ride the report writer's group commit when one is given (enrolment storms). */
  async upsertDevice(device: DeviceRecord): Promise<void> {
    const row = { ...device, updated_at: now() };
    if (this.writer) await this.writer.write(undefined, { devices: [row] });
    else await this.store.insert('devices', [row]);
  }

  /** Enrolled devices (not network gear) for an admin's review, without key hashes. */
  async listDevices(filter: { role?: DeviceRole; siteId?: string }): Promise<Array<Omit<DeviceRecord, 'node_key_hash' | 'kind'> & { holds_key: number }>> {
    return this.store.query(
      `SELECT device_id, trust_id, site_id, fingerprint, hostname, platform, agent_version,
              toString(enrolled_at) AS enrolled_at, revoked, role, node_key_hash != '' AS holds_key
       FROM {db}.devices FINAL
       WHERE kind = 'endpoint' AND ({role:String} = '' OR role = {role:String}) AND ({site:String} = '' OR site_id = {site:String})
       ORDER BY site_id, device_id`,
      { role: filter.role ?? '', site: filter.siteId ?? '' },
    );
  }

  async getDevice(deviceId: string): Promise<DeviceRecord | undefined> {
    const rows = await this.store.query<DeviceRecord>(
      `SELECT device_id, kind, trust_id, site_id, fingerprint, hostname, platform, agent_version,
              node_key_hash, toString(enrolled_at) AS enrolled_at, revoked, role
       FROM {db}.devices FINAL WHERE device_id = {id:String}`,
      { id: deviceId },
    );
    return rows[0];
  }
}
