import { firmwareCurrencyColumns, firmwareJoin } from '../lifecycle/firmware-sql.js';
import { lifecycleColumns, lifecycleJoins } from '../lifecycle/support-sql.js';

/**
 * Facts about polled network gear as of `{as_of:Date}`: its state at the last poll up to the end
 * of that day (from the poll history, so a past date sees gear as it was then), the firmware's
 * support status from the end-of-life catalogue, how long it has been behind its train's releases
 * (the firmware release catalogue), and the worst interface error + discard rate of the 7 days before.
 */
export function networkFactsQuery(): string {
  const end = `toDateTime64(addDays({as_of:Date}, 1), 3, 'UTC')`;
  return `
WITH
gear AS (
  SELECT * FROM {db}.network_device_history FINAL WHERE polled_at < ${end}
  ORDER BY polled_at DESC LIMIT 1 BY site_id, target
),
links AS (
  -- Each interface's rate over the 7 days is the store's view (migration 015), which Grafana reads too.
  SELECT site_id, target, max(error_pct) AS worst_error_pct, argMax(name, error_pct) AS worst_interface
  FROM {db}.interface_errors(as_of = {as_of:Date})
  GROUP BY site_id, target
)
SELECT
  g.device_id AS device_id, g.trust_id AS trust_id, g.site_id AS site_id, 'network' AS kind, {as_of:Date} AS as_of,
  g.polled_at AS last_seen, g.error AS poll_error,
  trim(concat(g.vendor, ' ', g.model, ' ', g.os, ' ', g.firmware)) AS gear_label,
  0 AS extended_enrolled,
  ${lifecycleColumns('g.lifecycle', 'firmware', 'firmware not identified')},
  ${firmwareCurrencyColumns('g.firmware_key')},
  if(links.target = '', NULL, links.worst_error_pct) AS worst_error_pct,
  links.worst_interface AS worst_interface,
  g.snmp_version AS snmp_version, g.security_level AS security_level,
  g.default_community_accepted AS default_community_accepted, g.community_enabled AS community_enabled
FROM gear AS g
LEFT JOIN links ON links.site_id = g.site_id AND links.target = g.target
${firmwareJoin('g.firmware_key')}
${lifecycleJoins('g.lifecycle')}
SETTINGS join_use_nulls = 0`;
}
