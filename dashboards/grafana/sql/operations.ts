import { AS_OF_END, DB, LATEST_RESULTS, SCOPE_FILTER } from './common.js';

/**
 * The IT-ops figures with the definitions the collector's operations view uses: every count
 * from the latest snapshot's control results, so they agree with the scores.
 */

/** The control whose results are the agent coverage (as in scores.ts). */
export const COVERAGE_CONTROL = 'CYB-REPORTING';
/** Asset-register entries no agent matched are scored as `asset:<serial>` (collector/scoring/facts.ts). */
const NEVER_REPORTED = `startsWith(device_id, 'asset:')`;
/** The Wi-Fi and latency sample window the facts use (collector/scoring/facts.ts). */
const SAMPLE_WINDOW_DAYS = 7;

export const SAMPLE_WINDOW = `ts < ${AS_OF_END} AND ts >= ${AS_OF_END} - INTERVAL ${SAMPLE_WINDOW_DAYS} DAY AND ${SCOPE_FILTER}`;

/** Per site: endpoints known, reporting, stale (silent past the window), never reported (asset register only). */
export const COVERAGE_BY_SITE = `SELECT site_id AS Site,
  countIf(control_id = '${COVERAGE_CONTROL}') AS Known,
  countIf(control_id = '${COVERAGE_CONTROL}' AND status = 'pass') AS Reporting,
  countIf(control_id = '${COVERAGE_CONTROL}' AND status = 'fail' AND NOT ${NEVER_REPORTED}) AS Stale,
  countIf(control_id = '${COVERAGE_CONTROL}' AND status = 'fail' AND ${NEVER_REPORTED}) AS "Never reported",
  if(Known = 0, NULL, Reporting / Known) AS Coverage
FROM ${DB}.control_results
WHERE ${LATEST_RESULTS} AND ${SCOPE_FILTER}
GROUP BY site_id
ORDER BY Coverage, Site`;

/** The agent version each reporting endpoint ran at its last report up to the as-of date. */
export const AGENT_VERSIONS = `SELECT version AS Version, count() AS Devices FROM (
  SELECT device_id, argMax(agent_version, collected_at) AS version FROM ${DB}.reports
  WHERE collected_at < ${AS_OF_END} AND ${SCOPE_FILTER}
    AND device_id IN (SELECT device_id FROM ${DB}.control_results
                      WHERE ${LATEST_RESULTS} AND control_id = '${COVERAGE_CONTROL}' AND status = 'pass')
  GROUP BY device_id
) GROUP BY version ORDER BY Devices DESC, Version DESC`;

/** Per site: devices judged and failing on INF-WIFI and INF-LAT, and the site-wide signal and round trip. */
export const HOT_SPOTS = `SELECT r.site_id AS Site,
  r.wifi_failing AS "Wi-Fi failing", r.wifi_judged AS "Wi-Fi judged", w.p10 AS "Signal p10 (dBm)", w.share_2_4 AS "On 2.4 GHz",
  r.latency_failing AS "Latency failing", r.latency_judged AS "Latency judged", l.p95 AS "Round trip p95 (ms)", l.loss AS "Loss (%)"
FROM (
  SELECT site_id,
    countIf(control_id = 'INF-WIFI' AND status != 'unknown') AS wifi_judged,
    countIf(control_id = 'INF-WIFI' AND status = 'fail') AS wifi_failing,
    countIf(control_id = 'INF-LAT' AND status != 'unknown') AS latency_judged,
    countIf(control_id = 'INF-LAT' AND status = 'fail') AS latency_failing
  FROM ${DB}.control_results WHERE ${LATEST_RESULTS} AND ${SCOPE_FILTER}
  GROUP BY site_id
) AS r
LEFT JOIN (
  SELECT site_id, round(quantile(0.1)(signal_dbm), 1) AS p10, round(countIf(band_ghz < 3) / count(), 4) AS share_2_4
  FROM ${DB}.wifi_samples FINAL WHERE ${SAMPLE_WINDOW} AND signal_dbm IS NOT NULL GROUP BY site_id
) AS w ON w.site_id = r.site_id
LEFT JOIN (
  SELECT site_id, round(quantile(0.95)(rtt_avg_ms), 1) AS p95, round(100 * sum(sent - received) / sum(sent), 2) AS loss
  FROM ${DB}.latency_samples FINAL WHERE ${SAMPLE_WINDOW} AND sent > 0 GROUP BY site_id
) AS l ON l.site_id = r.site_id
ORDER BY r.wifi_failing + r.latency_failing DESC, Site
SETTINGS join_use_nulls = 1`;

/** Each box's network-control results in the latest snapshot, with what the last poll said. */
export function gearHealthSql(controls: string[]): string {
  const status = controls.map((id) => `anyIf(status, control_id = '${id}') AS "${id}"`).join(',\n    ');
  const ids = controls.map((id) => `'${id}'`).join(', ');
  return `SELECT r.site_id AS Site, g.sys_name AS Name, trim(concat(g.vendor, ' ', g.model)) AS Model, trim(concat(g.os, ' ', g.firmware)) AS Firmware,
  g.address AS Address, g.polled_at AS "Last polled", g.error AS "Poll error", ${controls.map((id) => `r."${id}" AS "${id}"`).join(', ')},
  round(g.uptime_seconds / 86400, 1) AS "Uptime (days)", g.cpu_load_pct AS "CPU (%)"
FROM (
  SELECT device_id, site_id, countIf(status = 'fail') AS failing,
    ${status}
  FROM ${DB}.control_results
  WHERE ${LATEST_RESULTS} AND kind = 'network' AND control_id IN (${ids}) AND ${SCOPE_FILTER}
  GROUP BY device_id, site_id
) AS r
LEFT JOIN (SELECT device_id, sys_name, vendor, model, os, firmware, address, polled_at, error, uptime_seconds, cpu_load_pct
           FROM ${DB}.network_devices FINAL) AS g ON g.device_id = r.device_id
ORDER BY r.failing DESC, Site, Name
SETTINGS join_use_nulls = 1`;
}

/** Interfaces by mean errors + discards over the time range (what INF-NET-ERR judges over 7 days). */
export const INTERFACE_ERRORS = `SELECT site_id AS Site, target AS Device, name AS Interface, any(alias) AS Alias,
  round(avg(ifNull(in_error_pct, 0) + ifNull(out_error_pct, 0) + ifNull(in_discard_pct, 0) + ifNull(out_discard_pct, 0)), 3) AS "Errors + discards (%)",
  round(avg(utilisation_pct), 1) AS "Utilisation (%)", max(speed_mbps) AS "Speed (Mb/s)"
FROM ${DB}.interface_samples FINAL
WHERE $__timeFilter(ts) AND ${SCOPE_FILTER}
  AND (in_error_pct IS NOT NULL OR out_error_pct IS NOT NULL OR in_discard_pct IS NOT NULL OR out_discard_pct IS NOT NULL)
GROUP BY site_id, target, name
ORDER BY "Errors + discards (%)" DESC, Site, Device, Interface
LIMIT 50`;
