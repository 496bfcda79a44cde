import type { Migration } from './index.js';

/**
 * The IT-ops figures, defined once as parameterised views over a score run (`as_of`, `run`):
 * the collector's operations view (collector/scoring/operations.ts) and the Grafana dashboards
 * select from them, so neither holds the arithmetic. Counts come from the run's control results,
 * so they agree with the scores; Wi-Fi and latency figures from the samples of the 7 days before
 * the end of the as-of day (UTC), the window the INF-WIFI and INF-LAT facts judge
 * (collector/scoring/facts.ts); gear state from its last poll up to then, as the network facts
 * read it; interface error rates as INF-NET-ERR judges them. A change of definition is a new migration
 * with `CREATE OR REPLACE VIEW`, which needs the DROP VIEW grant besides CREATE VIEW.
 */
const END = `toDateTime64(addDays({as_of:Date}, 1), 3, 'UTC')`;
const WINDOW = `ts < ${END} AND ts >= ${END} - INTERVAL 7 DAY`;
const RUN = `as_of = {as_of:Date} AND run_id = {run:String}`;

export const operationsViews: Migration = {
  version: 15,
  name: 'IT-ops views: site operations, agent versions, network gear, interface errors',
  statements: [
    // Per site: agent coverage (CYB-REPORTING: known, reporting, stale, never reported — asset-register
    // entries no agent matched are scored as `asset:<serial>`), the Wi-Fi and latency hot spots
    // (devices judged and failing; site-wide signal p10, share on 2.4 GHz, round-trip p95, loss) and gear.
    `CREATE VIEW IF NOT EXISTS {db}.site_operations AS
     SELECT r.trust_id AS trust_id, r.site_id AS site_id, r.known AS known, r.reporting AS reporting, r.stale AS stale,
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
       WHERE ${RUN}
       GROUP BY trust_id, site_id
     ) AS r
     LEFT JOIN (
       SELECT site_id, round(quantile(0.1)(signal_dbm), 1) AS p10, round(countIf(band_ghz < 3) / count(), 4) AS share_2_4
       FROM {db}.wifi_samples FINAL WHERE ${WINDOW} AND signal_dbm IS NOT NULL GROUP BY site_id
     ) AS w ON w.site_id = r.site_id
     LEFT JOIN (
       SELECT site_id, round(quantile(0.95)(rtt_avg_ms), 1) AS p95, round(100 * sum(sent - received) / sum(sent), 2) AS loss
       FROM {db}.latency_samples FINAL WHERE ${WINDOW} AND sent > 0 GROUP BY site_id
     ) AS l ON l.site_id = r.site_id
     SETTINGS join_use_nulls = 1`,
    // Per reporting endpoint (CYB-REPORTING passes in the run): the agent version of its last report up to the date.
    `CREATE VIEW IF NOT EXISTS {db}.agent_versions AS
     SELECT r.trust_id AS trust_id, r.site_id AS site_id, r.device_id AS device_id, v.version AS version
     FROM (SELECT trust_id, site_id, device_id FROM {db}.control_results
           WHERE ${RUN} AND control_id = 'CYB-REPORTING' AND status = 'pass') AS r
     INNER JOIN (
       SELECT device_id, argMax(agent_version, collected_at) AS version FROM {db}.reports
       WHERE collected_at < ${END}
         AND device_id IN (SELECT device_id FROM {db}.control_results WHERE ${RUN} AND control_id = 'CYB-REPORTING' AND status = 'pass')
       GROUP BY device_id
     ) AS v ON v.device_id = r.device_id`,
    // Per polled box: its network-control results in the run (control id → status), how many fail, and its last poll up to the date.
    `CREATE VIEW IF NOT EXISTS {db}.network_gear AS
     SELECT r.device_id AS device_id, r.trust_id AS trust_id, r.site_id AS site_id, r.results AS results, r.failing AS failing,
            g.sys_name AS sys_name, trim(concat(g.vendor, ' ', g.model)) AS model, trim(concat(g.os, ' ', g.firmware)) AS firmware,
            trim(concat(g.vendor, ' ', g.model, ' ', g.firmware)) AS label, g.address AS address,
            toString(g.polled_at) AS last_polled, g.error AS poll_error,
            g.uptime_seconds AS uptime_seconds, g.cpu_load_pct AS cpu_load_pct
     FROM (
       SELECT device_id, trust_id, site_id, mapFromArrays(groupArray(control_id), groupArray(status)) AS results,
              countIf(status = 'fail') AS failing
       FROM {db}.control_results
       WHERE ${RUN} AND kind = 'network'
       GROUP BY device_id, trust_id, site_id
     ) AS r
     LEFT JOIN (
       SELECT device_id, sys_name, vendor, model, os, firmware, address, polled_at, error, uptime_seconds, cpu_load_pct
       FROM {db}.network_device_history
       WHERE polled_at < ${END} ORDER BY polled_at DESC LIMIT 1 BY device_id
     ) AS g ON g.device_id = r.device_id
     SETTINGS join_use_nulls = 0`,
    // Per interface: errors + discards as a share of packets, averaged over the window (INF-NET-ERR
    // fails a box whose worst interface reaches its threshold), mean utilisation and top speed.
    `CREATE VIEW IF NOT EXISTS {db}.interface_errors AS
     SELECT trust_id, site_id, target, name, any(alias) AS alias,
       avg(ifNull(in_error_pct, 0) + ifNull(out_error_pct, 0) + ifNull(in_discard_pct, 0) + ifNull(out_discard_pct, 0)) AS error_pct,
       avg(utilisation_pct) AS utilisation_pct, max(speed_mbps) AS speed_mbps
     FROM {db}.interface_samples FINAL
     WHERE ${WINDOW}
       AND (in_error_pct IS NOT NULL OR out_error_pct IS NOT NULL OR in_discard_pct IS NOT NULL OR out_discard_pct IS NOT NULL)
     GROUP BY trust_id, site_id, target, name`,
  ],
};
