import type { LatencySample, Report, WifiSample } from '../../protocol/index.js';
import { lifecycleKey } from '../lifecycle/keys.js';
import { networkDeviceRows } from './network-rows.js';
import type { Row } from '../store/store.js';
import { toClickHouseTime } from '../store/time.js';

/**
 * Tables the group-commit writer fills, in write order. `reports` is written last: its row
 * marks a report as stored. `devices` (the registry entries of polled gear, and enrolment upserts)
 * comes just before it, so a report the engine refuses in any table of its own never reaches the
 * registry; every table before `devices` holds `report_id`, which the writer deletes a refused report by.
 */
export const WRITE_ORDER = ['inventory_sections', 'inventory_history', 'latency_samples', 'wifi_samples', 'network_polls', 'network_devices', 'network_device_history', 'interface_samples', 'radio_samples', 'devices', 'reports'] as const;
/** The tables a refused report's rows are deleted from: those written before the registry and the marker. */
export const REPORT_CHILD_TABLES = WRITE_ORDER.slice(0, WRITE_ORDER.indexOf('devices'));
export type WritableTable = (typeof WRITE_ORDER)[number];
export type RowsByTable = Record<WritableTable, Row[]>;

export interface ReportOrigin {
  trustId: string;
  siteId: string;
  receivedAt: Date;
  bodyBytes: number;
  /** The agent's collected_at minus the receipt time, before clamping (collector/ingest/agent-clock.ts). */
  clockSkewMs?: number;
}

/**
 * The time column each monthly-partitioned table is partitioned by (`PARTITION BY toYYYYMM(…)` in its
 * migration). One insert may touch at most MAX_PARTITIONS_PER_INSERT months of a table.
 */
const PARTITION_TIME: Partial<Record<WritableTable, string>> = {
  inventory_history: 'collected_at',
  latency_samples: 'ts',
  wifi_samples: 'ts',
  network_polls: 'polled_at',
  network_device_history: 'polled_at',
  interface_samples: 'ts',
  radio_samples: 'ts',
  reports: 'collected_at',
};

/** ClickHouse's `max_partitions_per_insert_block` default: an insert touching more months is refused whole. */
export const MAX_PARTITIONS_PER_INSERT = 100;

/** The months (`YYYY-MM`) each partitioned table's rows fall in. */
export function partitionMonths(rows: RowsByTable): Map<WritableTable, Set<string>> {
  const months = new Map<WritableTable, Set<string>>();
  for (const [table, column] of Object.entries(PARTITION_TIME) as Array<[WritableTable, string]>) {
    if (rows[table].length === 0) continue;
    months.set(table, new Set(rows[table].map((row) => String(row[column]).slice(0, 7))));
  }
  return months;
}

export function emptyRows(): RowsByTable {
  return { devices: [], inventory_sections: [], inventory_history: [], latency_samples: [], wifi_samples: [], network_polls: [], network_devices: [], network_device_history: [], interface_samples: [], radio_samples: [], reports: [] };
}

export function countRows(rows: RowsByTable): number {
  return WRITE_ORDER.reduce((sum, table) => sum + rows[table].length, 0);
}

/** Flattens one validated report into the rows of every table it feeds. */
export function reportToRows(report: Report, origin: ReportOrigin): RowsByTable {
  const rows = emptyRows();
  const owner = { trust_id: origin.trustId, site_id: origin.siteId, device_id: report.device_id };
  const collectedAt = toClickHouseTime(report.collected_at);

  const { hostname, ...sections } = report.inventory ?? {};
  const sectionEntries: Array<[string, unknown]> = Object.entries(sections).filter(([, body]) => body !== undefined);
  if (hostname !== undefined) sectionEntries.push(['hostname', hostname]);
  // Derived at ingest: the end-of-life catalogue key of the reported OS, joined by the scoring SQL.
  if (report.inventory?.os) sectionEntries.push(['lifecycle', lifecycleKey(report.inventory.os)]);
  for (const [section, body] of sectionEntries) {
    const row = { ...owner, section, collected_at: collectedAt, report_id: report.report_id, body: JSON.stringify(body) };
    rows.inventory_sections.push(row);
    rows.inventory_history.push(row);
  }

  (report.samples ?? []).forEach((sample, seq) => {
    const common = { ...owner, ts: toClickHouseTime(sample.ts), report_id: report.report_id, seq };
    if (sample.kind === 'latency') rows.latency_samples.push({ ...common, ...latencyColumns(sample) });
    else rows.wifi_samples.push({ ...common, ...wifiColumns(sample) });
  });

  for (const device of report.network_devices ?? []) {
    const net = networkDeviceRows(device, report, origin, rows.interface_samples.length, rows.radio_samples.length);
    rows.devices.push(...net.devices);
    rows.network_devices.push(...net.network_devices);
    rows.network_device_history.push(...net.network_devices);
    rows.interface_samples.push(...net.interface_samples);
    rows.radio_samples.push(...net.radio_samples);
    rows.network_polls.push({
      trust_id: origin.trustId,
      site_id: origin.siteId,
      poller_device_id: report.device_id,
      target: device.target,
      address: device.address,
      polled_at: toClickHouseTime(device.polled_at),
      error: device.error ?? '',
      report_id: report.report_id,
      body: JSON.stringify(device),
    });
  }

  const collectors = report.collectors ?? [];
  rows.reports.push({
    report_id: report.report_id,
    ...owner,
    agent_version: report.agent_version,
    collected_at: collectedAt,
    received_at: toClickHouseTime(origin.receivedAt),
    clock_skew_ms: Math.round(origin.clockSkewMs ?? 0),
    body_bytes: origin.bodyBytes,
    sample_count: report.samples?.length ?? 0,
    network_device_count: report.network_devices?.length ?? 0,
    collectors: JSON.stringify(collectors),
    collectors_failed: collectors.filter((c) => !c.ok).map((c) => c.collector),
  });
  return rows;
}

function latencyColumns(sample: LatencySample): Row {
  return {
    target: sample.target,
    label: sample.label ?? '',
    method: sample.method,
    sent: sample.sent,
    received: sample.received,
    loss_pct: sample.loss_pct,
    rtt_min_ms: sample.rtt_min_ms,
    rtt_avg_ms: sample.rtt_avg_ms,
    rtt_max_ms: sample.rtt_max_ms,
    jitter_ms: sample.jitter_ms,
    error: sample.error ?? '',
  };
}

function wifiColumns(sample: WifiSample): Row {
  return {
    interface: sample.interface,
    ssid: sample.ssid ?? '',
    bssid: sample.bssid ?? '',
    band_ghz: sample.band_ghz ?? null,
    channel: sample.channel ?? null,
    signal_dbm: sample.signal_dbm ?? null,
    noise_dbm: sample.noise_dbm ?? null,
    tx_rate_mbps: sample.tx_rate_mbps ?? null,
    generation: sample.generation ?? null,
    security: sample.security ?? '',
  };
}
