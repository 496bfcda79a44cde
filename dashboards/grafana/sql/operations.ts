import { AS_OF_VALUE, DB, LATEST_RESULTS, OF_LATEST_RUN, SCOPE_FILTER, SCOPE_ROWS } from './common.js';

/**
 * The IT-ops panels' SQL: rows of the store's views over the shown date's current run (migration
 * 015), the same rows GET /v1/operations reads (collector/scoring/operations.ts). Counts summed
 * over the chosen sites are the only aggregation done here.
 */

/** The control whose results are the agent coverage. */
export const COVERAGE_CONTROL = 'CYB-REPORTING';

const SITE_OPERATIONS = `${DB}.site_operations${OF_LATEST_RUN}`;
const NETWORK_GEAR = `${DB}.network_gear${OF_LATEST_RUN}`;

/** Per site: endpoints known, reporting, stale (silent past the window), never reported (asset register only). */
export const COVERAGE_BY_SITE = `SELECT o.site_id AS Site, o.known AS Known, o.reporting AS Reporting, o.stale AS Stale,
  o.never_reported AS "Never reported", s.coverage AS Coverage
FROM (SELECT * FROM ${SITE_OPERATIONS} WHERE ${SCOPE_FILTER}) AS o
LEFT JOIN (SELECT trust_id, site_id, coverage FROM ${DB}.scope_results WHERE ${LATEST_RESULTS} AND row_kind = 'scope' AND site_id != '') AS s
  ON s.trust_id = o.trust_id AND s.site_id = o.site_id
ORDER BY Coverage, Site`;

/** The coverage counts over the chosen sites. */
export const COVERAGE_TOTALS = `SELECT sum(known) AS Known, sum(reporting) AS Reporting, sum(stale) AS Stale, sum(never_reported) AS "Never reported"
FROM ${SITE_OPERATIONS} WHERE ${SCOPE_FILTER}`;

/** The stored coverage of each chosen scope: each trust when All sites are chosen, else each site. */
export const COVERAGE_OF_SCOPES = `SELECT if(site_id = '', trust_id, site_id) AS Scope, coverage AS Coverage
FROM ${DB}.scope_results WHERE ${LATEST_RESULTS} AND row_kind = 'scope' AND ${SCOPE_ROWS}
ORDER BY Scope`;

/** The agent version each reporting endpoint ran at its last report up to the as-of date. */
export const AGENT_VERSIONS = `SELECT version AS Version, count() AS Devices FROM ${DB}.agent_versions${OF_LATEST_RUN}
WHERE ${SCOPE_FILTER}
GROUP BY version ORDER BY Devices DESC, Version DESC`;

/** Per site: devices judged and failing on INF-WIFI and INF-LAT, and the site-wide signal and round trip. */
export const HOT_SPOTS = `SELECT site_id AS Site,
  wifi_failing AS "Wi-Fi failing", wifi_judged AS "Wi-Fi judged", wifi_p10_dbm AS "Signal p10 (dBm)", wifi_share_2_4ghz AS "On 2.4 GHz",
  latency_failing AS "Latency failing", latency_judged AS "Latency judged", latency_p95_ms AS "Round trip p95 (ms)", latency_loss_pct AS "Loss (%)"
FROM ${SITE_OPERATIONS}
WHERE ${SCOPE_FILTER}
ORDER BY wifi_failing + latency_failing DESC, Site`;

/** Polled boxes in the run, and how many failed their last poll. */
export const GEAR_POLLED = `SELECT (SELECT count() FROM ${NETWORK_GEAR} WHERE ${SCOPE_FILTER}) AS "Network devices",
  (SELECT count() FROM ${NETWORK_GEAR} WHERE ${SCOPE_FILTER} AND poll_error != '') AS Unreachable`;

/** Each box's network-control results in the run, with what its last poll up to the date said. */
export function gearHealthSql(controls: string[]): string {
  return `SELECT site_id AS Site, sys_name AS Name, model AS Model, firmware AS Firmware, address AS Address, last_polled AS "Last polled",
  poll_error AS "Poll error", ${controls.map((id) => `results['${id}'] AS "${id}"`).join(', ')},
  uptime_seconds AS Uptime, cpu_load_pct AS "CPU (%)"
FROM ${NETWORK_GEAR}
WHERE ${SCOPE_FILTER}
ORDER BY failing DESC, Site, Name`;
}

/** Interfaces by errors + discards over the 7 days before the as-of date, as INF-NET-ERR judges them. */
export const INTERFACE_ERRORS = `SELECT site_id AS Site, target AS Device, name AS Interface, alias AS Alias,
  error_pct AS "Errors + discards (%)", utilisation_pct AS "Utilisation (%)", speed_mbps AS "Speed (Mb/s)"
FROM ${DB}.interface_errors(as_of = ${AS_OF_VALUE})
WHERE ${SCOPE_FILTER}
ORDER BY "Errors + discards (%)" DESC, Site, Device, Interface
LIMIT 50`;
