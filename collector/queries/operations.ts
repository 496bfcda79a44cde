import type { Store } from '../store/store.js';
import { catalogueHealth, type CatalogueHealth } from './catalogue-health.js';
import { clockSkew, type DeviceClockSkew } from './clock-skew.js';
import type { ScoreRun } from '../scoring/evaluate.js';
import type { ScoreFilter } from '../scoring/service.js';
import { TRUST_SCOPE_SQL, trustScopeParams } from '../store/trust-scope.js';

/** Agent coverage and network experience of one site, as of a score run: what IT ops act on. */
export interface SiteOperations {
  trust_id: string;
  site_id: string;
  /** Endpoints known as of the date: reporting agents plus asset-register entries no agent matched. */
  known: number;
  reporting: number;
  /** Reported once, silent for longer than the reporting window. */
  stale: number;
  /** In the asset register, never seen by an agent. */
  never_reported: number;
  /** Devices judged on INF-WIFI / INF-LAT and how many failed: the hot spots. */
  wifi_judged: number;
  wifi_failing: number;
  /** Site-wide 10th-percentile Wi-Fi signal over the sample window (every sample of the site). */
  wifi_p10_dbm: number | null;
  wifi_share_2_4ghz: number | null;
  latency_judged: number;
  latency_failing: number;
  /** Site-wide 95th-percentile round trip and mean loss over the sample window. */
  latency_p95_ms: number | null;
  latency_loss_pct: number | null;
  network_devices: number;
  network_failing: number;
}

export interface NetworkGearHealth {
  device_id: string;
  trust_id: string;
  site_id: string;
  label: string;
  address: string;
  last_polled: string;
  poll_error: string;
  /** Control id → pass | fail | unknown, for the network controls. */
  controls: Record<string, string>;
}

export interface Operations {
  as_of: string;
  run_id: string;
  sites: SiteOperations[];
  agent_versions: Array<{ version: string; devices: number }>;
  network_gear: NetworkGearHealth[];
  /** The end-of-life catalogue's review age and the releases it does not know: when to distrust CYB-OS-SUPPORTED. */
  catalogue: CatalogueHealth;
  /** Devices whose clock ran ahead of receipt beyond the tolerance in the 7 days to the date. */
  clock_skew: DeviceClockSkew[];
}

/**
 * The IT-ops view's numbers; every count comes from the same score run as the CIO view's. The
 * arithmetic is the store's views (migration 015: site_operations, agent_versions, network_gear),
 * which the Grafana dashboards read too; here only the scope is chosen.
 */
export async function operations(store: Store, run: ScoreRun, filter: ScoreFilter): Promise<Operations> {
  const params = { as_of: run.as_of, run: run.run_id, trust: filter.trust ?? '', site: filter.site ?? '', ...trustScopeParams(filter.trusts) };
  const ofRun = `(as_of = {as_of:Date}, run = {run:String})`;
  const scope = `({trust:String} = '' OR trust_id = {trust:String}) AND ({site:String} = '' OR site_id = {site:String}) AND ${TRUST_SCOPE_SQL}`;
  const [sites, versions, gear, catalogue, skew] = await Promise.all([
    store.query<SiteOperations>(`SELECT * FROM {db}.site_operations${ofRun} WHERE ${scope} ORDER BY trust_id, site_id`, params),
    store.query<{ version: string; devices: number }>(
      `SELECT version, count() AS devices FROM {db}.agent_versions${ofRun} WHERE ${scope} GROUP BY version ORDER BY devices DESC, version DESC`,
      params,
    ),
    store.query<NetworkGearHealth>(
      `SELECT device_id, trust_id, site_id, label, address, last_polled, poll_error, results AS controls
       FROM {db}.network_gear${ofRun} WHERE ${scope}
       ORDER BY failing DESC, site_id, label, device_id`,
      params,
    ),
    catalogueHealth(store, run, filter),
    clockSkew(store, run.as_of, scope, params),
  ]);
  return {
    as_of: run.as_of,
    run_id: run.run_id,
    sites: sites.map(numeric),
    agent_versions: versions.map((v) => ({ version: v.version, devices: Number(v.devices) })),
    network_gear: gear,
    catalogue,
    clock_skew: skew,
  };
}

/** ClickHouse returns 64-bit counts as strings in JSON; the API answers numbers. */
function numeric(site: SiteOperations): SiteOperations {
  const out = { ...site } as Record<string, unknown>;
  for (const [key, value] of Object.entries(out)) {
    if (key !== 'trust_id' && key !== 'site_id' && value !== null) out[key] = Number(value);
  }
  return out as unknown as SiteOperations;
}
