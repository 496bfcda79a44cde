import type { Migration } from './index.js';

/**
 * Agent clock skew, per report and per device. `clock_skew_ms` is the agent's collected_at minus
 * the collector's receipt time, as sent (before the collector clamps a time ahead of receipt:
 * collector/ingest/agent-clock.ts). A report collected before it is received is normal (queued
 * while offline), so only a clock ahead of receipt by more than the tolerance is counted as skewed.
 * `device_clock_skew` covers the reports received in the 7 days before the end of the as-of day
 * (UTC) — receipt is the collector's clock, which the agent cannot move.
 */
export const clockSkew: Migration = {
  version: 19,
  name: 'agent clock skew per report, and per device for the IT-ops view',
  statements: [
    `ALTER TABLE {db}.reports ADD COLUMN IF NOT EXISTS clock_skew_ms Int64 DEFAULT 0`,
    `CREATE VIEW IF NOT EXISTS {db}.device_clock_skew AS
     SELECT trust_id, site_id, device_id,
            count() AS reports,
            countIf(clock_skew_ms > {tolerance_ms:Int64}) AS skewed_reports,
            round(argMax(clock_skew_ms, received_at) / 1000, 3) AS last_skew_seconds,
            round(greatest(0, max(clock_skew_ms)) / 1000, 3) AS max_ahead_seconds
     FROM {db}.reports FINAL
     WHERE received_at < toDateTime64(addDays({as_of:Date}, 1), 3, 'UTC')
       AND received_at >= toDateTime64(addDays({as_of:Date}, 1), 3, 'UTC') - INTERVAL 7 DAY
     GROUP BY trust_id, site_id, device_id`,
  ],
};
