import pLimit from 'p-limit';
import { gzipSync } from 'node:zlib';
import type { Report } from '../../protocol/index.js';
import { AdminClient } from '../../collector/admin-client.js';
import { createFleetSites, enrolDevice, type EnrolledDevice } from '../../demo/load-fleet.js';
import { planFleet, reportsFor, type FleetOptions } from '../../demo/fleet.js';
import { countRows, reportToRows, WRITE_ORDER, type RowsByTable, type WritableTable } from '../../collector/ingest/report-rows.js';

/** One request of the load: a report, gzip-encoded as an agent sends it, with its device's node key. */
export interface PreparedReport {
  report: Report;
  nodeKey: string;
  trustId: string;
  siteId: string;
  /** The gzip body sent on the wire. */
  body: Buffer;
  /** Bytes of the JSON before gzip (what the collector records as body_bytes). */
  jsonBytes: number;
}

export interface Workload {
  devices: EnrolledDevice[];
  reports: PreparedReport[];
  wireBytes: number;
  jsonBytes: number;
}

/** Creates the simulated sites and enrols `options.devices` devices through the public API. */
export async function enrolFleet(url: string, adminToken: string, options: FleetOptions, concurrency: number): Promise<EnrolledDevice[]> {
  const secrets = await createFleetSites(new AdminClient(url, adminToken));
  const limit = pLimit(concurrency);
  return Promise.all(planFleet(options).map((device) => limit(() => enrolDevice(url, secrets, device))));
}

/**
 * Every enrolled device's daily reports (unique report ids), ordered day by day across the fleet
 * as they would arrive, capped at `maxReports`, each gzip-encoded once up front.
 */
export function prepareReports(devices: EnrolledDevice[], options: FleetOptions, maxReports: number): Workload {
  const perDevice = devices.map((d) => reportsFor(d.device, d.deviceId, options));
  const reports: PreparedReport[] = [];
  let wireBytes = 0;
  let jsonBytes = 0;
  const days = Math.max(0, ...perDevice.map((r) => r.length));
  for (let day = 0; day < days && reports.length < maxReports; day++) {
    for (let i = 0; i < devices.length && reports.length < maxReports; i++) {
      const report = perDevice[i]![day];
      if (!report) continue;
      const json = Buffer.from(JSON.stringify(report));
      const body = gzipSync(json);
      const { device, nodeKey } = devices[i]!;
      reports.push({ report, nodeKey, trustId: device.site.trustId, siteId: device.site.siteId, body, jsonBytes: json.length });
      wireBytes += body.length;
      jsonBytes += json.length;
    }
  }
  const ids = new Set(reports.map((r) => r.report.report_id));
  if (ids.size !== reports.length) throw new Error(`workload has ${reports.length - ids.size} repeated report ids`);
  return { devices, reports, wireBytes, jsonBytes };
}

/** The rows the collector derives from these reports, per table, as its route computes them. */
export function rowsOf(reports: PreparedReport[], receivedAt = new Date()): RowsByTable {
  const rows = Object.fromEntries(WRITE_ORDER.map((t) => [t, [] as RowsByTable[WritableTable]])) as RowsByTable;
  for (const r of reports) {
    const one = reportToRows(r.report, { trustId: r.trustId, siteId: r.siteId, receivedAt, bodyBytes: r.jsonBytes });
    for (const table of WRITE_ORDER) for (const row of one[table]) rows[table].push(row);
  }
  return rows;
}

export interface ExpectedCounts {
  rows: number;
  perTable: Record<WritableTable, number>;
  /** What `/v1/admin/stats` (which counts FINAL) should show for these reports. */
  stats: { reports: number; latency_samples: number; wifi_samples: number; network_polls: number; inventory_sections: number };
}

export function expectedCounts(rows: RowsByTable): ExpectedCounts {
  const perTable = Object.fromEntries(WRITE_ORDER.map((t) => [t, rows[t].length])) as Record<WritableTable, number>;
  // inventory_sections keeps the latest row per (device_id, section).
  const sections = new Set(rows.inventory_sections.map((r) => `${String(r.device_id)}\u0000${String(r.section)}`));
  return {
    rows: countRows(rows),
    perTable,
    stats: {
      reports: perTable.reports,
      latency_samples: perTable.latency_samples,
      wifi_samples: perTable.wifi_samples,
      network_polls: perTable.network_polls,
      inventory_sections: sections.size,
    },
  };
}
