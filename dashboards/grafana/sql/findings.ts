import { CHANGE_KIND } from '../../../collector/queries/changes.js';
import { failingSinceSql as sharedFailingSince } from '../../../collector/queries/device-list.js';
import { ALL, CURRENT_RUNS, DB, LATEST_RESULTS, LATEST_RUN_DATE, OF_LATEST_RUN, SCOPE_FILTER, SCOPE_ROWS } from './common.js';

/** The controls picked in the dashboard's `control` variable (All, `'*'`, → every control). */
export const controlFilter = (column: string) => `(${ALL} IN (\${control:singlequote}) OR ${column} IN (\${control:singlequote}))`;
export const CONTROL_FILTER = controlFilter('control_id');

/** Per device and control: the first day of its current run of failures, as GET /v1/devices gives `failing_since`. */
export const failingSinceSql = (filter: string) => sharedFailingSince(DB, LATEST_RUN_DATE, filter);

/**
 * What a person recognises a device by, as the API labels it: endpoints by their latest
 * inventory (hostname — a sha256 unless the trust sends it in clear —, model, OS), network gear
 * by its last SNMP poll up to the shown date (sysName, vendor and model, OS and firmware, address).
 */
export const ENDPOINT_LABELS = `SELECT device_id,
    JSONExtractString(anyIf(body, section = 'hostname')) AS hostname,
    if(JSONType(anyIf(body, section = 'hardware'), 'model') = 'String', JSONExtractString(anyIf(body, section = 'hardware'), 'model'), '') AS model,
    if(anyIf(body, section = 'os') = '', '', concat(JSONExtractString(anyIf(body, section = 'os'), 'name'), ' ', JSONExtractString(anyIf(body, section = 'os'), 'version'))) AS os
  FROM ${DB}.inventory_sections FINAL GROUP BY device_id`;

/** Network gear as its last poll up to the shown date described it (the view GET /v1/operations reads). */
export const GEAR_LABELS = `SELECT device_id, sys_name, model AS gear_model, firmware AS gear_os, address, last_polled AS polled
  FROM ${DB}.network_gear${OF_LATEST_RUN}`;

/** Failing results of the shown date for the picked controls and sites, with evidence and age. */
export function findingsSql(kind: 'endpoint' | 'network', extraFilter = '1 = 1'): string {
  // Failing-since reads every result of the scope (passes end a run of failures), the list only failures.
  const scope = `kind = '${kind}' AND ${SCOPE_FILTER} AND ${CONTROL_FILTER} AND ${extraFilter}`;
  const labels =
    kind === 'endpoint'
      ? { join: ENDPOINT_LABELS, columns: `l.hostname AS Hostname, l.model AS Model, l.os AS "Operating system"` }
      : { join: GEAR_LABELS, columns: `l.sys_name AS Name, l.gear_model AS Model, l.gear_os AS Firmware, l.address AS Address, l.polled AS "Last polled"` };
  return `SELECT r.site_id AS Site, r.device_id AS Device, ${labels.columns}, r.control_id AS Control, r.reason AS Reason, r.evidence AS Evidence,
  s.since AS "Failing since", dateDiff('day', s.since, r.as_of) AS "Age (days)"
FROM (
  SELECT as_of, device_id, site_id, control_id, reason, evidence FROM ${DB}.control_results
  WHERE ${LATEST_RESULTS} AND status = 'fail' AND ${scope}
) AS r
LEFT JOIN (${failingSinceSql(scope)}) AS s ON s.device_id = r.device_id AND s.control_id = r.control_id
LEFT JOIN (${labels.join}) AS l ON l.device_id = r.device_id
ORDER BY "Age (days)" DESC, Site, Device, Control
LIMIT 5000
SETTINGS join_use_nulls = 0`;
}

/** Failing devices per snapshot date and control, as each run stored them for the chosen scopes. */
export function findingsTrendSql(dates: string): string {
  return `SELECT toDateTime(as_of, 'UTC') AS time, item AS Control, sum(fail) AS Failing
FROM ${DB}.scope_results
WHERE ${CURRENT_RUNS(dates)} AND row_kind = 'control' AND ${SCOPE_ROWS} AND ${controlFilter('item')}
GROUP BY as_of, item
ORDER BY time, Control`;
}

/**
 * Per picked control: findings new, resolved and no longer in scope between the shown snapshot and
 * the day before's, as GET /v1/findings/changes counts them (the same classification). No rows
 * means the day before's snapshot was not kept.
 */
export function changesSql(): string {
  const before = `addDays(${LATEST_RUN_DATE}, -1)`;
  return `SELECT control_id AS Control, countIf(what = 'new') AS New, countIf(what = 'resolved') AS Resolved, countIf(what = 'out_of_scope') AS "No longer in scope"
FROM (
  SELECT device_id, control_id, anyIf(status, as_of = ${before}) AS was, anyIf(status, as_of = ${LATEST_RUN_DATE}) AS now_is,
    ${CHANGE_KIND} AS what
  FROM ${DB}.control_results
  WHERE (as_of, run_id) IN (SELECT as_of, run_id FROM ${DB}.score_runs FINAL WHERE as_of IN (${LATEST_RUN_DATE}, ${before}))
    AND ${SCOPE_FILTER} AND ${CONTROL_FILTER}
  GROUP BY device_id, control_id
)
GROUP BY control_id
HAVING ${before} IN (SELECT as_of FROM ${DB}.score_runs FINAL)
ORDER BY control_id`;
}
