import { z } from 'zod';
import { agentTime, measure } from './bounds.js';
import { DeviceId } from './ids.js';
import { Inventory } from './inventory.js';
import { NetworkDevice } from './network.js';
import { Sample } from './samples.js';

export const REPORT_SCHEMA = 'sf.report/v1';
export const MAX_SAMPLES_PER_REPORT = 20_000;
export const MAX_NETWORK_DEVICES_PER_REPORT = 500;

/** How one collector fared in this cycle: a failed probe is reported, never thrown. */
export const CollectorStatus = z.object({
  collector: z.string().min(1).max(64),
  ok: z.boolean(),
  /** At most a day: a probe runs within one reporting cycle. */
  duration_ms: measure(86_400_000),
  error: z.string().max(1000).optional(),
});
export type CollectorStatus = z.infer<typeof CollectorStatus>;

export const Report = z.object({
  schema: z.literal(REPORT_SCHEMA),
  /**
   * Chosen by the agent, unique; a retried report keeps its id and is stored once. UUIDs compare
   * without regard to case (RFC 9562 §4), so the id is lower-cased here: a retry in either case is one report.
   */
  report_id: z.uuid().overwrite((id) => id.toLowerCase()),
  device_id: DeviceId,
  agent_version: z.string().min(1).max(64),
  collected_at: agentTime(),
  inventory: Inventory.optional(),
  samples: z.array(Sample).max(MAX_SAMPLES_PER_REPORT).optional(),
  network_devices: z.array(NetworkDevice).max(MAX_NETWORK_DEVICES_PER_REPORT).optional(),
  collectors: z.array(CollectorStatus).max(64).optional(),
});
export type Report = z.infer<typeof Report>;
