import { z } from 'zod';
import type { Store } from '../store/store.js';

/** Named lists the cyber and IT-ops teams ask for; each is "devices failing control X". */
export const DEVICE_LISTS = {
  unsupported: 'CYB-OS-SUPPORTED',
  unpatched: 'CYB-PATCH',
  stale: 'CYB-REPORTING',
} as const;

export const DeviceListQuery = z.object({
  as_of: z.iso.date().optional(),
  trust: z.string().max(64).optional(),
  site: z.string().max(64).optional(),
  kind: z.enum(['endpoint', 'network']).optional(),
  list: z.enum(['unsupported', 'unpatched', 'stale']).optional(),
  control: z.string().regex(/^(INF|CYB)-[A-Z0-9-]+$/).optional(),
  status: z.enum(['pass', 'fail', 'unknown']).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  format: z.enum(['json', 'csv']).default('json'),
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
}

/**
 * One page of devices in a score run, optionally those with a given result on one control
 * (`list=unsupported` is `control=CYB-OS-SUPPORTED&status=fail`). Ordered by site, then device.
 */
export async function listDevices(store: Store, runId: string, asOf: string, query: DeviceListQuery): Promise<{ total: number; rows: DeviceListRow[] }> {
  const control = query.list ? DEVICE_LISTS[query.list] : query.control ?? '';
  const status = query.list ? 'fail' : query.status ?? '';
  const params = {
    as_of: asOf, run: runId, trust: query.trust ?? '', site: query.site ?? '', kind: query.kind ?? '',
    control, status, limit: query.limit, offset: query.offset,
  };
  const where = `as_of = {as_of:Date} AND run_id = {run:String}
    AND ({trust:String} = '' OR trust_id = {trust:String}) AND ({site:String} = '' OR site_id = {site:String})
    AND ({kind:String} = '' OR kind = {kind:String})
    AND ({control:String} = '' OR control_id = {control:String}) AND ({status:String} = '' OR status = {status:String})`;
  const [count] = await store.query<{ total: number }>(`SELECT uniqExact(device_id) AS total FROM {db}.control_results WHERE ${where}`, params);
  const rows = await store.query<DeviceListRow>(
    `SELECT r.device_id AS device_id, r.trust_id AS trust_id, r.site_id AS site_id, r.kind AS kind,
            JSONExtractString(inv.hostname) AS hostname,
            if(JSONType(inv.hw, 'model') = 'String', JSONExtractString(inv.hw, 'model'), '') AS model,
            if(inv.os = '', '', concat(JSONExtractString(inv.os, 'name'), ' ', JSONExtractString(inv.os, 'version'))) AS os,
            ifNull(toString(seen.last_seen), '') AS last_seen,
            if({control:String} = '', '', r.one_control) AS control_id, if({control:String} = '', '', r.one_status) AS status,
            if({control:String} = '', '', r.one_reason) AS reason, if({control:String} = '', '', r.one_evidence) AS evidence
     FROM (
       -- With a control filter each device has one row here; any() picks it.
       SELECT device_id, trust_id, site_id, kind, any(control_id) AS one_control, any(status) AS one_status,
              any(reason) AS one_reason, any(evidence) AS one_evidence
       FROM {db}.control_results WHERE ${where}
       GROUP BY device_id, trust_id, site_id, kind ORDER BY site_id, device_id LIMIT {limit:UInt32} OFFSET {offset:UInt32}
     ) AS r
     LEFT JOIN (
       SELECT device_id, anyIf(body, section = 'hostname') AS hostname, anyIf(body, section = 'hardware') AS hw, anyIf(body, section = 'os') AS os
       FROM {db}.inventory_sections FINAL GROUP BY device_id
     ) AS inv ON inv.device_id = r.device_id
     LEFT JOIN (SELECT device_id, max(collected_at) AS last_seen FROM {db}.reports WHERE collected_at < toDateTime64(addDays({as_of:Date}, 1), 3, 'UTC') GROUP BY device_id) AS seen
       ON seen.device_id = r.device_id
     ORDER BY r.site_id, r.device_id
     SETTINGS join_use_nulls = 1`,
    params,
  );
  return { total: Number(count?.total ?? 0), rows };
}

const CSV_COLUMNS: Array<keyof DeviceListRow> = ['device_id', 'trust_id', 'site_id', 'kind', 'hostname', 'model', 'os', 'last_seen', 'control_id', 'status', 'reason', 'evidence'];

/** RFC 4180 CSV, with formula-looking cells defused for spreadsheet users. */
export function toCsv(rows: DeviceListRow[]): string {
  const cell = (value: unknown) => {
    let text = String(value ?? '');
    if (/^[=+\-@]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
