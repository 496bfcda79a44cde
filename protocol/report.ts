import { z } from 'zod';
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
  duration_ms: z.number().nonnegative(),
  error: z.string().max(1000).optional(),
});
export type CollectorStatus = z.infer<typeof CollectorStatus>;

export const Report = z.object({
  schema: z.literal(REPORT_SCHEMA),
  /** Chosen by the agent, unique; a retried report keeps its id and is stored once. */
  report_id: z.uuid(),
  device_id: DeviceId,
  agent_version: z.string().min(1).max(64),
  collected_at: z.iso.datetime({ offset: true }),
  inventory: Inventory.optional(),
  samples: z.array(Sample).max(MAX_SAMPLES_PER_REPORT).optional(),
  network_devices: z.array(NetworkDevice).max(MAX_NETWORK_DEVICES_PER_REPORT).optional(),
  collectors: z.array(CollectorStatus).max(64).optional(),
});
export type Report = z.infer<typeof Report>;
