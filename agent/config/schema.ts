import { z } from 'zod';

export const LatencyTarget = z.object({
  /** A host name or address, or the words `gateway` / `dns` to probe the default gateway or first DNS server. */
  host: z.string().min(1).max(255),
  label: z.string().min(1).max(64).optional(),
});
export type LatencyTarget = z.infer<typeof LatencyTarget>;

const seconds = z.number().positive().max(7 * 24 * 3600);

export const AgentConfig = z.object({
  collector_url: z.url({ protocol: /^https?$/ }).optional(),
  enroll_secret: z.string().min(16).max(200).optional(),
  state_dir: z.string().min(1),
  log_level: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  privacy: z
    .object({
      /** Off by default: the collector sees sha256(hostname) only. */
      send_hostname: z.boolean().default(false),
    })
    .default({ send_hostname: false }),
  /** Per-collector collection interval in seconds, overriding the collector's default. */
  intervals: z.record(z.string(), seconds).default({}),
  /** Multiplies every interval and backoff; tests and demos use e.g. 0.01. */
  interval_scale: z.number().positive().max(100).default(1),
  /** Unchanged inventory is still sent at least this often. */
  inventory_resend_hours: z.number().positive().max(24 * 30).default(24),
  /** Wall-clock budget per collector per cycle. */
  collector_timeout_seconds: z.number().positive().max(3600).default(120),
  latency: z
    .object({
      targets: z.array(LatencyTarget).max(32).default([]),
      count: z.number().int().min(1).max(100).default(5),
      /** How long to wait for each echo reply. */
      timeout_ms: z.number().int().min(100).max(10_000).default(1000),
    })
    .default({ targets: [], count: 5, timeout_ms: 1000 }),
  spool: z
    .object({
      max_bytes: z.number().int().min(64 * 1024).default(50 * 1024 * 1024),
    })
    .default({ max_bytes: 50 * 1024 * 1024 }),
  sender: z
    .object({
      backoff_initial_seconds: z.number().positive().default(1),
      backoff_max_seconds: z.number().positive().default(300),
      request_timeout_seconds: z.number().positive().default(30),
    })
    .default({ backoff_initial_seconds: 1, backoff_max_seconds: 300, request_timeout_seconds: 30 }),
});
export type AgentConfig = z.infer<typeof AgentConfig>;
/** What config sources provide before defaults and validation. */
export type AgentConfigInput = z.input<typeof AgentConfig>;
