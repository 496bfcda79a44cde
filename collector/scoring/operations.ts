import type { Store } from '../store/store.js';
import type { ScoreRun } from './evaluate.js';
import type { ScoreFilter } from './service.js';

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
}

const SAMPLE_WINDOW_DAYS = 7;

/** The IT-ops view's numbers; every count comes from the same score run as the CIO view's. */
export async function operations(store: Store, run: ScoreRun, filter: ScoreFilter): Promise<Operations> {
  const params = { as_of: run.as_of, run: run.run_id, trust: filter.trust ?? '', site: filter.site ?? '', window: SAMPLE_WINDOW_DAYS };
  const scope = `({trust:String} = '' OR trust_id = {trust:String}) AND ({site:String} = '' OR site_id = {site:String})`;
  const end = `toDateTime64(addDays({as_of:Date}, 1), 3, 'UTC')`;
  const window = `ts < ${end} AND ts >= ${end} - INTERVAL {window:UInt8} DAY AND ${scope}`;
  const [sites, versions, gear] = await Promise.all([
    store.query<SiteOperations>(
      `SELECT r.trust_id AS trust_id, r.site_id AS site_id, r.known AS known, r.reporting AS reporting, r.stale AS stale,
              r.never_reported AS never_reported, r.wifi_judged AS wifi_judged, r.wifi_failing AS wifi_failing,
              w.p10 AS wifi_p10_dbm, w.share_2_4 AS wifi_share_2_4ghz, r.latency_judged AS latency_judged,
              r.latency_failing AS latency_failing, l.p95 AS latency_p95_ms, l.loss AS latency_loss_pct,
              r.network_devices AS network_devices, r.network_failing AS network_failing
       FROM (
         SELECT trust_id, site_id,
           countIf(control_id = 'CYB-REPORTING') AS known,
           countIf(control_id = 'CYB-REPORTING' AND status = 'pass') AS reporting,
           countIf(control_id = 'CYB-REPORTING' AND status = 'fail' AND NOT startsWith(device_id, 'asset:')) AS stale,
           countIf(control_id = 'CYB-REPORTING' AND status = 'fail' AND startsWith(device_id, 'asset:')) AS never_reported,
           countIf(control_id = 'INF-WIFI' AND status != 'unknown') AS wifi_judged,
           countIf(control_id = 'INF-WIFI' AND status = 'fail') AS wifi_failing,
           countIf(control_id = 'INF-LAT' AND status != 'unknown') AS latency_judged,
           countIf(control_id = 'INF-LAT' AND status = 'fail') AS latency_failing,
           uniqExactIf(device_id, kind = 'network') AS network_devices,
           uniqExactIf(device_id, kind = 'network' AND status = 'fail') AS network_failing
         FROM {db}.control_results
         WHERE as_of = {as_of:Date} AND run_id = {run:String} AND ${scope}
         GROUP BY trust_id, site_id
       ) AS r
       LEFT JOIN (
         SELECT site_id, round(quantile(0.1)(signal_dbm), 1) AS p10, round(countIf(band_ghz < 3) / count(), 4) AS share_2_4
         FROM {db}.wifi_samples FINAL WHERE ${window} AND signal_dbm IS NOT NULL GROUP BY site_id
       ) AS w ON w.site_id = r.site_id
       LEFT JOIN (
         SELECT site_id, round(quantile(0.95)(rtt_avg_ms), 1) AS p95, round(100 * sum(sent - received) / sum(sent), 2) AS loss
         FROM {db}.latency_samples FINAL WHERE ${window} AND sent > 0 GROUP BY site_id
       ) AS l ON l.site_id = r.site_id
       ORDER BY trust_id, site_id
       SETTINGS join_use_nulls = 1`,
      params,
    ),
    // The version each endpoint ran at its last report up to the date, among those still reporting.
    store.query<{ version: string; devices: number }>(
      `SELECT version, count() AS devices FROM (
         SELECT device_id, argMax(agent_version, collected_at) AS version FROM {db}.reports
         WHERE collected_at < ${end} AND ${scope}
           AND device_id IN (SELECT device_id FROM {db}.control_results
                             WHERE as_of = {as_of:Date} AND run_id = {run:String} AND control_id = 'CYB-REPORTING' AND status = 'pass')
         GROUP BY device_id
       ) GROUP BY version ORDER BY devices DESC, version DESC`,
      params,
    ),
    store.query<Omit<NetworkGearHealth, 'controls'> & { results: Array<[string, string]> }>(
      `SELECT r.device_id AS device_id, r.trust_id AS trust_id, r.site_id AS site_id, r.results AS results,
              trim(concat(g.vendor, ' ', g.model, ' ', g.firmware)) AS label, g.address AS address,
              toString(g.polled_at) AS last_polled, g.error AS poll_error
       FROM (
         SELECT device_id, trust_id, site_id, groupArray((control_id, status)) AS results FROM {db}.control_results
         WHERE as_of = {as_of:Date} AND run_id = {run:String} AND kind = 'network' AND ${scope}
         GROUP BY device_id, trust_id, site_id
       ) AS r
       LEFT JOIN (
         SELECT device_id, vendor, model, firmware, address, polled_at, error FROM {db}.network_device_history
         WHERE polled_at < ${end} ORDER BY polled_at DESC LIMIT 1 BY device_id
       ) AS g
         ON g.device_id = r.device_id
       ORDER BY arrayCount(x -> x.2 = 'fail', r.results) DESC, r.site_id, label, r.device_id`,
      params,
    ),
  ]);
  return {
    as_of: run.as_of,
    run_id: run.run_id,
    sites: sites.map(numeric),
    agent_versions: versions.map((v) => ({ version: v.version, devices: Number(v.devices) })),
    network_gear: gear.map(({ results, ...g }) => ({ ...g, controls: Object.fromEntries(results) })),
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
