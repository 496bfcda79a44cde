import { AGENT_CLOCK_TOLERANCE_SECONDS } from '../../protocol/index.js';
import type { QueryParams, Store } from '../store/store.js';

/** A device whose clock ran ahead of the collector's by more than the tolerance in the 7 days to the date. */
export interface DeviceClockSkew {
  trust_id: string;
  site_id: string;
  device_id: string;
  /** Reports received in the window, and how many were collected "later" than received beyond the tolerance. */
  reports: number;
  skewed_reports: number;
  /** Its last report's collected_at minus receipt, as the agent sent it (negative: behind or queued). */
  last_skew_seconds: number;
  max_ahead_seconds: number;
}

/**
 * Devices with skewed clocks (view `device_clock_skew`, migration 019), worst first. Their future
 * times were clamped at ingest, so their data is placed by receipt: the clock still wants fixing.
 * `scope` is the caller's SQL filter on trust_id and site_id, with its parameters in `params`.
 */
export async function clockSkew(store: Store, asOf: string, scope: string, params: QueryParams): Promise<DeviceClockSkew[]> {
  const rows = await store.query<DeviceClockSkew>(
    `SELECT trust_id, site_id, device_id, reports, skewed_reports, last_skew_seconds, max_ahead_seconds
     FROM {db}.device_clock_skew(as_of = {as_of:Date}, tolerance_ms = {tolerance_ms:Int64})
     WHERE skewed_reports > 0 AND ${scope}
     ORDER BY max_ahead_seconds DESC, device_id`,
    { ...params, as_of: asOf, tolerance_ms: AGENT_CLOCK_TOLERANCE_SECONDS * 1000 },
  );
  return rows.map((r) => ({
    ...r,
    reports: Number(r.reports),
    skewed_reports: Number(r.skewed_reports),
    last_skew_seconds: Number(r.last_skew_seconds),
    max_ahead_seconds: Number(r.max_ahead_seconds),
  }));
}
