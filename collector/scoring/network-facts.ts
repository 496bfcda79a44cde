import { ACTIVE_CATALOGUE, SUPPORT_STATUS } from '../lifecycle/catalogue-store.js';

/**
 * Facts about polled network gear as of `{as_of:Date}`: its state at the last poll up to the end
 * of that day (from the poll history, so a past date sees gear as it was then), the firmware's
 * support status from the end-of-life catalogue, and the worst interface error + discard rate of
 * the 7 days before.
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
  SELECT site_id, target, max(rate) AS worst_error_pct, argMax(name, rate) AS worst_interface
  FROM (
    SELECT site_id, target, name,
      avg(ifNull(in_error_pct, 0) + ifNull(out_error_pct, 0) + ifNull(in_discard_pct, 0) + ifNull(out_discard_pct, 0)) AS rate
    FROM {db}.interface_samples FINAL
    WHERE ts < ${end} AND ts >= ${end} - INTERVAL 7 DAY
      AND (in_error_pct IS NOT NULL OR out_error_pct IS NOT NULL OR in_discard_pct IS NOT NULL OR out_discard_pct IS NOT NULL)
    GROUP BY site_id, target, name
  )
  GROUP BY site_id, target
)
SELECT
  g.device_id AS device_id, g.trust_id AS trust_id, g.site_id AS site_id, 'network' AS kind, {as_of:Date} AS as_of,
  g.polled_at AS last_seen, g.error AS poll_error,
  trim(concat(g.vendor, ' ', g.model, ' ', g.os, ' ', g.firmware)) AS gear_label,
  0 AS extended_enrolled,
  if(g.lifecycle = '' OR JSONHas(g.lifecycle, 'unknown'), 'unknown', ${SUPPORT_STATUS}) AS firmware_support,
  multiIf(g.lifecycle = '', 'firmware not identified', JSONHas(g.lifecycle, 'unknown'), JSONExtractString(g.lifecycle, 'unknown'),
          eol.product = '', concat('not in the end-of-life catalogue: ', JSONExtractString(g.lifecycle, 'product'), ' ', JSONExtractString(g.lifecycle, 'version')),
          '') AS firmware_support_reason,
  if(eol.product = '', NULL, eol.end_of_support) AS firmware_end_of_support,
  if(links.target = '', NULL, links.worst_error_pct) AS worst_error_pct,
  links.worst_interface AS worst_interface,
  g.snmp_version AS snmp_version, g.security_level AS security_level,
  g.default_community_accepted AS default_community_accepted, g.community_enabled AS community_enabled
FROM gear AS g
LEFT JOIN links ON links.site_id = g.site_id AND links.target = g.target
LEFT JOIN (${ACTIVE_CATALOGUE}) AS eol
  ON eol.product = JSONExtractString(g.lifecycle, 'product') AND eol.version = JSONExtractString(g.lifecycle, 'version') AND eol.edition = JSONExtractString(g.lifecycle, 'edition')
SETTINGS join_use_nulls = 0`;
}
