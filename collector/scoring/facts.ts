import { lifecycleColumns, lifecycleJoins } from '../lifecycle/support-sql.js';
import { INPUT_LOOKBACK_DAYS } from '../store/retention.js';

/**
 * The facts query: one row per device as of `{as_of:Date}` (end of that day, UTC), the columns
 * the control SQL in controls.yaml reads. A fact that is not known is NULL and `<fact>_reason`
 * says why — taken from the agent's own `{ "unknown": "…" }` where it sent one.
 */

// The furthest back a date's facts read; input retention is checked against the same figure.
const INVENTORY_WINDOW_DAYS = INPUT_LOOKBACK_DAYS;
const SAMPLE_WINDOW_DAYS = 7;

const END_OF_DAY = `toDateTime64(addDays({as_of:Date}, 1), 3, 'UTC')`;

/** `'a', 'b'` path arguments for the JSON functions. */
const path = (keys: string[]) => keys.map((k) => `'${k}'`).join(', ');

/** The field holds a value, not `{ "unknown": … }` and not missing. */
const knownScalar = (doc: string, ...keys: string[]) => `JSONType(${doc}, ${path(keys)}) NOT IN ('Null', 'Object')`;
const knownObject = (doc: string, ...keys: string[]) =>
  `(JSONType(${doc}, ${path(keys)}) = 'Object' AND NOT JSONHas(${doc}, ${path([...keys, 'unknown'])}))`;

/** Why a field is unknown: the agent's reason, or that the section or field never arrived. */
const reason = (doc: string, section: string, ...keys: string[]) =>
  `multiIf(${doc} = '', 'no ${section} inventory in the ${INVENTORY_WINDOW_DAYS} days before', ` +
  `JSONExtractString(${doc}, ${path([...keys, 'unknown'])}) != '', JSONExtractString(${doc}, ${path([...keys, 'unknown'])}), ` +
  `'not reported')`;

/**
 * Whole days from a time to the as-of date; NULL for a time after it, which no agent can truly have
 * seen (a clock ahead): unknown, never a young age that passes. Ingest holds new reports' dates to the
 * report itself (collector/ingest/agent-clock.ts); this also covers what was stored before.
 */
const daysSince = (timestamp: string) => `if(toDate(${timestamp}) > {as_of:Date}, NULL, dateDiff('day', toDate(${timestamp}), {as_of:Date}))`;
/** Why a date is not used although the agent sent one: it lies after the as-of date. */
const AFTER_AS_OF = (what: string) => `'${what} is dated after this date: the agent clock is wrong'`;
/** Before this an age reference is not a device's (the project's choice, as at ingest). */
const EARLIEST_AGE_REFERENCE = `toDate('1990-01-01')`;
const isoTime = (doc: string, ...keys: string[]) =>
  `if(${knownScalar(doc, ...keys)}, parseDateTime64BestEffortOrNull(JSONExtractString(${doc}, ${path(keys)}), 3, 'UTC'), NULL)`;

/**
 * Patch facts for CYB-PATCH. Cyber Essentials requires, within 14 days of release, security updates
 * the vendor rates critical or high (Microsoft's and Red Hat's "important") and those it does not
 * rate; moderate and low ones are advisory. An offered major upgrade (a newer macOS, a Windows
 * feature update) is never a pending security fix. The per-update list (`pending`) says which is
 * which; an update the list does not show as advisory counts as required (fail closed), so an agent
 * that sends only the counts is held to every pending security update.
 */
const pendingList = `JSONExtractArrayRaw(patches, 'pending')`;
const isSecurityFix = (u: string) => `(JSONExtractBool(${u}, 'security') AND NOT JSONExtractBool(${u}, 'upgrade'))`;
const isAdvisory = (u: string) => `(${isSecurityFix(u)} AND JSONExtractString(${u}, 'severity') IN ('moderate', 'low'))`;
const isRequired = (u: string) => `(${isSecurityFix(u)} AND JSONExtractString(${u}, 'severity') NOT IN ('moderate', 'low'))`;
const releasedAt = (u: string) => `parseDateTime64BestEffortOrNull(JSONExtractString(${u}, 'released_at'), 3, 'UTC')`;
const PATCH_FACTS = `
  if(${knownScalar('patches', 'pending_security_updates')}, JSONExtractUInt(patches, 'pending_security_updates'), NULL) AS pending_security_updates,
  if(JSONHas(patches, 'pending'), arrayCount(u -> ${isAdvisory('u')}, ${pendingList}), NULL) AS advisory_pending_updates,
  if(pending_security_updates IS NULL, NULL,
     toUInt64(greatest(0, toInt64(pending_security_updates) - toInt64(ifNull(advisory_pending_updates, 0))
       - toInt64(arrayCount(u -> JSONExtractBool(u, 'security') AND JSONExtractBool(u, 'upgrade'), ${pendingList}))))) AS required_pending_updates,
  arrayFilter(d -> d IS NOT NULL, arrayMap(u -> ${releasedAt('u')}, arrayFilter(u -> ${isRequired('u')}, ${pendingList}))) AS required_release_dates,
  if(JSONHas(patches, 'pending'),
     if(empty(required_release_dates), NULL, ${daysSince('arrayMin(required_release_dates)')}),
     ${daysSince(isoTime('patches', 'oldest_pending_security_since'))}) AS required_pending_days,
  ${daysSince(isoTime('patches', 'reboot_pending_since'))} AS reboot_pending_days,
  ${daysSince(isoTime('patches', 'last_update_at'))} AS last_update_age_days,
  if(${knownScalar('patches', 'last_update_at')} AND last_update_age_days IS NULL, ${AFTER_AS_OF('the last update')}, ${reason('patches', 'patches', 'last_update_at')}) AS last_update_age_days_reason,`;

export function factsQuery(): string {
  return `
WITH
inventory AS (
  SELECT device_id,
    anyIf(body, section = 'hardware') AS hw, anyIf(body, section = 'os') AS os,
    anyIf(body, section = 'patches') AS patches, anyIf(body, section = 'security') AS sec,
    anyIf(body, section = 'lifecycle') AS lc
  FROM (
    SELECT device_id, section, argMax(body, collected_at) AS body
    FROM {db}.inventory_history
    WHERE collected_at < ${END_OF_DAY} AND collected_at >= ${END_OF_DAY} - INTERVAL ${INVENTORY_WINDOW_DAYS} DAY
    GROUP BY device_id, section
  )
  GROUP BY device_id
),
seen AS (
  SELECT device_id, max(collected_at) AS last_seen FROM {db}.reports
  WHERE collected_at < ${END_OF_DAY} GROUP BY device_id
),
wifi AS (
  SELECT device_id, quantile(0.1)(signal_dbm) AS p10, avg(band_ghz >= 5) AS share_5ghz, max(generation) AS generation
  FROM {db}.wifi_samples FINAL
  WHERE ts < ${END_OF_DAY} AND ts >= ${END_OF_DAY} - INTERVAL ${SAMPLE_WINDOW_DAYS} DAY AND signal_dbm IS NOT NULL
  GROUP BY device_id
),
latency AS (
  SELECT device_id, quantile(0.95)(rtt_avg_ms) AS p95, avg(jitter_ms) AS jitter,
         100 * sum(sent - received) / sum(sent) AS loss
  FROM {db}.latency_samples FINAL
  WHERE ts < ${END_OF_DAY} AND ts >= ${END_OF_DAY} - INTERVAL ${SAMPLE_WINDOW_DAYS} DAY
  GROUP BY device_id
),
serials AS (
  SELECT device_id, upper(trim(JSONExtractString(body, 'serial'))) AS serial
  FROM {db}.inventory_sections FINAL WHERE section = 'hardware' AND JSONType(body, 'serial') = 'String'
),
assets AS (
  SELECT trust_id, serial, site_id, purchase_date, extended_support FROM {db}.asset_register FINAL WHERE removed = 0
),
-- A device exists as of the date once it has reported (enrolment time moves on re-enrolment);
-- an asset in the register that no agent has matched by serial counts as a device that never reported.
devices AS (
  SELECT d.device_id AS device_id, d.trust_id AS trust_id, d.site_id AS site_id, d.kind AS kind, s.serial AS serial
  FROM (SELECT device_id, trust_id, site_id, kind FROM {db}.devices FINAL WHERE revoked = 0 AND device_id IN (SELECT device_id FROM seen)) AS d
  LEFT JOIN serials AS s ON s.device_id = d.device_id
  UNION ALL
  SELECT concat('asset:', serial), trust_id, site_id, 'endpoint', serial FROM assets
  WHERE (trust_id, serial) NOT IN (SELECT d.trust_id, s.serial FROM {db}.devices AS d FINAL INNER JOIN serials AS s ON s.device_id = d.device_id)
)
SELECT
  d.device_id AS device_id, d.trust_id AS trust_id, d.site_id AS site_id, d.kind AS kind,
  {as_of:Date} AS as_of,
  if(seen.device_id = '', NULL, seen.last_seen) AS last_seen,
  if(${knownScalar('hw', 'chassis')}, JSONExtractString(hw, 'chassis'), NULL) AS chassis,

  -- The asset register's purchase date is the best age evidence; then the agent's estimate.
  coalesce(assets.purchase_date, if(${knownObject('hw', 'age')}, toDateOrNull(JSONExtractString(hw, 'age', 'reference_date')), NULL)) AS age_reference_date_sent,
  if(age_reference_date_sent > {as_of:Date} OR age_reference_date_sent < ${EARLIEST_AGE_REFERENCE}, NULL, age_reference_date_sent) AS age_reference_date,
  multiIf(age_reference_date_sent > {as_of:Date}, ${AFTER_AS_OF('the age reference')},
          age_reference_date_sent < ${EARLIEST_AGE_REFERENCE}, 'the age reference is before 1990: not a date for a device in service',
          ${reason('hw', 'hardware', 'age')}) AS age_reference_date_reason,
  if(assets.purchase_date IS NOT NULL, 'asset register purchase date', replaceAll(JSONExtractString(hw, 'age', 'source'), '_', ' ')) AS age_source,

  if(${knownScalar('hw', 'ram_bytes')}, JSONExtractUInt(hw, 'ram_bytes'), NULL) AS ram_bytes,
  ${reason('hw', 'hardware', 'ram_bytes')} AS ram_bytes_reason,
  if(${knownObject('hw', 'system_disk')}, JSONExtractString(hw, 'system_disk', 'type'), NULL) AS disk_type,
  ${reason('hw', 'hardware', 'system_disk')} AS disk_type_reason,
  if(${knownObject('hw', 'battery')} AND JSONExtractBool(hw, 'battery', 'present')
       AND JSONExtractUInt(hw, 'battery', 'design_capacity_mwh') > 0 AND JSONHas(hw, 'battery', 'full_charge_capacity_mwh'),
     100 * JSONExtractUInt(hw, 'battery', 'full_charge_capacity_mwh') / JSONExtractUInt(hw, 'battery', 'design_capacity_mwh'), NULL) AS battery_health_pct,
  if(${knownObject('hw', 'battery')}, 'design or full-charge capacity not reported', ${reason('hw', 'hardware', 'battery')}) AS battery_health_pct_reason,

  if(wifi.device_id = '', NULL, wifi.p10) AS wifi_p10_dbm,
  if(wifi.device_id = '', NULL, wifi.share_5ghz) AS wifi_share_5ghz,
  if(wifi.device_id = '', NULL, wifi.generation) AS wifi_generation,
  if(latency.device_id = '', NULL, latency.p95) AS latency_p95_ms,
  if(latency.device_id = '', NULL, latency.jitter) AS latency_jitter_ms,
  if(latency.device_id = '', NULL, latency.loss) AS latency_loss_pct,

  JSONExtractString(os, 'family') AS os_family,
  if(os = '', 'operating system not reported', concat(JSONExtractString(os, 'name'), ' ', if(${knownScalar('os', 'version')}, JSONExtractString(os, 'version'), '?'))) AS os_label,
  assets.extended_support = 1 AS extended_enrolled,
  ${lifecycleColumns('lc', 'os', 'operating system not reported')},

  ${PATCH_FACTS}

  if(${knownObject('sec', 'disk_encryption')}, JSONExtractBool(sec, 'disk_encryption', 'enabled'), NULL) AS disk_encrypted,
  ${reason('sec', 'security', 'disk_encryption')} AS disk_encrypted_reason,
  JSONExtractString(sec, 'disk_encryption', 'method') AS encryption_method,
  if(${knownObject('sec', 'firewall')}, JSONExtractBool(sec, 'firewall', 'enabled'), NULL) AS firewall_enabled,
  ${reason('sec', 'security', 'firewall')} AS firewall_enabled_reason,
  if(${knownObject('sec', 'antimalware')}, JSONExtractBool(sec, 'antimalware', 'realtime_protection'), NULL) AS av_realtime,
  ${reason('sec', 'security', 'antimalware')} AS av_realtime_reason,
  JSONExtractString(sec, 'antimalware', 'product') AS av_product,
  ${daysSince(isoTime('sec', 'antimalware', 'signatures_updated_at'))} AS av_signature_age_days,
  if(${knownScalar('sec', 'secure_boot')}, JSONExtractBool(sec, 'secure_boot'), NULL) AS secure_boot,
  ${reason('sec', 'security', 'secure_boot')} AS secure_boot_reason
FROM devices AS d
LEFT JOIN inventory USING (device_id)
LEFT JOIN seen ON seen.device_id = d.device_id
LEFT JOIN wifi ON wifi.device_id = d.device_id
LEFT JOIN latency ON latency.device_id = d.device_id
LEFT JOIN assets ON assets.trust_id = d.trust_id AND assets.serial = d.serial
${lifecycleJoins('lc')}
SETTINGS join_use_nulls = 0`;
}
