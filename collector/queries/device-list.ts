import { z } from 'zod';
import type { Store } from '../store/store.js';
import { csv } from './csv.js';
import { deviceLabels, labelOf } from './device-labels.js';
import { TRUST_SCOPE_SQL, trustScopeParams } from '../store/trust-scope.js';

/** Named lists the cyber and IT-ops teams ask for; each is "devices failing control X". */
export const DEVICE_LISTS = {
  unsupported: 'CYB-OS-SUPPORTED',
  unpatched: 'CYB-PATCH',
  stale: 'CYB-REPORTING',
} as const;

/** The filters and paging every device-level list shares (device lists, finding changes). */
export const LIST_FILTERS = {
  trust: z.string().max(64).optional(),
  site: z.string().max(64).optional(),
  kind: z.enum(['endpoint', 'network']).optional(),
  control: z.string().regex(/^(INF|CYB)-[A-Z0-9-]+$/).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  format: z.enum(['json', 'csv']).default('json'),
};

export const DeviceListQuery = z.object({
  ...LIST_FILTERS,
  as_of: z.iso.date().optional(),
  list: z.enum(['unsupported', 'unpatched', 'stale']).optional(),
  status: z.enum(['pass', 'fail', 'unknown']).optional(),
});
export type DeviceListQuery = z.infer<typeof DeviceListQuery>;

export interface DeviceListRow {
  device_id: string;
  trust_id: string;
  site_id: string;
  kind: string;
  hostname: string;
  model: string;
  os: string;
  last_seen: string;
  /** Set when the list is about one control: that control's result for the device. */
  control_id: string;
  status: string;
  reason: string;
  evidence: string;
  /**
   * With a control and status=fail: the first score date of the device's current run of failures
   * on it (bounded by the oldest snapshot kept), so a finding's age is as_of − failing_since.
   */
  failing_since: string;
}

/**
 * One page of devices in a score run, optionally those with a given result on one control
 * (`list=unsupported` is `control=CYB-OS-SUPPORTED&status=fail`). Ordered by site, then device.
 */
export async function listDevices(store: Store, runId: string, asOf: string, query: DeviceListQuery & { trusts?: readonly string[] }): Promise<{ total: number; rows: DeviceListRow[] }> {
  const control = query.list ? DEVICE_LISTS[query.list] : query.control ?? '';
  const status = query.list ? 'fail' : query.status ?? '';
  const params = {
    as_of: asOf, run: runId, trust: query.trust ?? '', site: query.site ?? '', kind: query.kind ?? '',
    control, status, limit: query.limit, offset: query.offset, ...trustScopeParams(query.trusts),
  };
  const where = `as_of = {as_of:Date} AND run_id = {run:String}
    AND ({trust:String} = '' OR trust_id = {trust:String}) AND ({site:String} = '' OR site_id = {site:String})
    AND ({kind:String} = '' OR kind = {kind:String}) AND ${TRUST_SCOPE_SQL}
    AND ({control:String} = '' OR control_id = {control:String}) AND ({status:String} = '' OR status = {status:String})`;
  const [count] = await store.query<{ total: number }>(`SELECT uniqExact(device_id) AS total FROM {db}.control_results WHERE ${where}`, params);
  // Aliases differ from column names: ClickHouse would resolve them in the WHERE clause too.
  const page = await store.query<{ device_id: string; trust_id: string; site_id: string; kind: string; one_control: string; one_status: string; one_reason: string; one_evidence: string }>(
    // With a control filter each device has one row here; any() picks it.
    `SELECT device_id, trust_id, site_id, kind, any(control_id) AS one_control, any(status) AS one_status,
            any(reason) AS one_reason, any(evidence) AS one_evidence
     FROM {db}.control_results WHERE ${where}
     GROUP BY device_id, trust_id, site_id, kind ORDER BY site_id, device_id LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    params,
  );
  const ids = page.map((r) => r.device_id);
  const [labels, since] = await Promise.all([
    deviceLabels(store, asOf, ids),
    control && status === 'fail' ? failingSince(store, asOf, control, ids) : new Map<string, string>(),
  ]);
  const rows = page.map(({ one_control, one_status, one_reason, one_evidence, ...r }): DeviceListRow => ({
    ...r,
    ...labelOf(labels, r.device_id),
    control_id: control ? one_control : '',
    status: control ? one_status : '',
    reason: control ? one_reason : '',
    evidence: control ? one_evidence : '',
    failing_since: since.get(r.device_id) ?? '',
  }));
  return { total: Number(count?.total ?? 0), rows };
}

/**
 * Per device and control: the first snapshot date of its current run of failures — the earliest
 * current-run date after its last non-failing result (bounded by the oldest snapshot kept), so a
 * finding's age is as-of − that date. `asOf` and `filter` are SQL over control_results; shared with
 * the Grafana dashboards, which pass their own database and filters.
 */
export function failingSinceSql(db: string, asOf: string, filter: string): string {
  return `SELECT device_id, control_id, minIf(day, day > last_ok) AS since FROM (
    SELECT device_id, control_id, as_of AS day,
      maxIf(as_of, status != 'fail') OVER (PARTITION BY device_id, control_id) AS last_ok
    FROM ${db}.control_results
    WHERE (as_of, run_id) IN (SELECT as_of, run_id FROM ${db}.score_runs FINAL WHERE as_of <= ${asOf})
      AND ${filter}
  ) GROUP BY device_id, control_id`;
}

async function failingSince(store: Store, asOf: string, control: string, deviceIds: string[]): Promise<Map<string, string>> {
  if (deviceIds.length === 0) return new Map();
  const rows = await store.query<{ device_id: string; first_day: string }>(
    `SELECT device_id, toString(since) AS first_day
     FROM (${failingSinceSql('{db}', '{as_of:Date}', 'control_id = {control:String} AND device_id IN {ids:Array(String)}')})`,
    { as_of: asOf, control, ids: deviceIds },
  );
  return new Map(rows.map((r) => [r.device_id, r.first_day]));
}

const CSV_COLUMNS: Array<keyof DeviceListRow> = ['device_id', 'trust_id', 'site_id', 'kind', 'hostname', 'model', 'os', 'last_seen', 'control_id', 'status', 'reason', 'evidence', 'failing_since'];

export const toCsv = (rows: DeviceListRow[]): string => csv(CSV_COLUMNS, rows);
