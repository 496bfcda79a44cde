import { randomUUID } from 'node:crypto';
import {
  type CollectorStatus,
  type Inventory,
  type NetworkDevice,
  REPORT_SCHEMA,
  Report,
  type Sample,
  describeIssues,
  formatProblems,
} from '../../protocol/index.js';
import { AGENT_VERSION } from '../version.js';

/** Stands in for a device id before enrolment (`once --print`); it validates but is never sent. */
export const UNENROLLED_DEVICE_ID = 'dev_unenrolled0';

export interface ReportParts {
  deviceId: string;
  collectedAt: Date;
  inventory?: Inventory;
  samples?: Sample[];
  network_devices?: NetworkDevice[];
  collectors: CollectorStatus[];
}

export function buildReport(parts: ReportParts): Report {
  const candidate: Report = {
    schema: REPORT_SCHEMA,
    report_id: randomUUID(),
    device_id: parts.deviceId,
    agent_version: AGENT_VERSION,
    collected_at: parts.collectedAt.toISOString(),
    ...(parts.inventory && Object.keys(parts.inventory).length > 0 ? { inventory: parts.inventory } : {}),
    ...(parts.samples && parts.samples.length > 0 ? { samples: parts.samples } : {}),
    ...(parts.network_devices && parts.network_devices.length > 0 ? { network_devices: parts.network_devices } : {}),
    collectors: parts.collectors,
  };
  // Collector outputs were validated one by one; failing here is an agent bug, never something to send.
  const parsed = Report.safeParse(candidate);
  if (!parsed.success) throw new Error(`agent built an invalid report: ${formatProblems(describeIssues(parsed.error))}`);
  return parsed.data;
}
