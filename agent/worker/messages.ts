import { z } from 'zod';
import type { AgentConfig } from '../config/schema.js';

/** The hidden CLI command that turns a copy of this program into an inventory worker. */
export const INVENTORY_WORKER_COMMAND = 'inventory-worker';

/** Agent → worker, once, over the IPC channel: which collectors to run, and with what. */
export interface WorkerRequest {
  type: 'collect';
  collectors: string[];
  /** The agent's validated config; sent over the private channel, never on the command line. */
  config: AgentConfig;
  /** Epoch ms by which every collector in the worker must have returned (it times them out then). */
  deadline: number;
}

export const WorkerRequestShape = z.object({
  type: z.literal('collect'),
  collectors: z.array(z.string().min(1).max(64)).min(1).max(32),
  config: z.unknown(),
  deadline: z.number().positive(),
});

/**
 * Worker → agent, one per collector as soon as it finished. The output's contents are checked
 * by the agent against the wire contract (validateOutput) like any in-process collector's;
 * this schema checks the envelope, so a corrupt or foreign message fails one collector, clearly.
 */
export const WorkerResult = z
  .object({
    type: z.literal('result'),
    collector: z.string().min(1).max(64),
    /** Present when the collector returned valid output (possibly with a partial `problem`). */
    output: z
      .object({
        inventory: z.record(z.string(), z.unknown()).optional(),
        samples: z.array(z.unknown()).optional(),
        network_devices: z.array(z.unknown()).optional(),
        problem: z.string().max(1000).optional(),
      })
      .strict()
      .optional(),
    /** Why there is no output: the collector threw, timed out inside the worker, or returned invalid data. */
    error: z.string().max(1000).optional(),
  })
  .strict()
  .refine((r) => (r.output === undefined) !== (r.error === undefined), { message: 'exactly one of output and error' });
export type WorkerResult = z.infer<typeof WorkerResult>;
