import { z } from 'zod';
import { agentTime } from './bounds.js';

const ms = z.number().nonnegative().max(600_000);
const ts = agentTime();

/** One probe round to one target: ICMP echo, TCP connect, or HTTPS time to first byte. */
export const LatencySample = z.object({
  kind: z.literal('latency'),
  ts,
  /** Host name or address probed. */
  target: z.string().min(1).max(255),
  /** What the target is for a person reading the dashboard: "gateway", "dns", "epr". */
  label: z.string().max(64).optional(),
  method: z.enum(['icmp', 'tcp', 'https']),
  sent: z.number().int().min(1).max(1000),
  received: z.number().int().nonnegative().max(1000),
  loss_pct: z.number().min(0).max(100),
  /** Null when nothing came back. */
  rtt_min_ms: ms.nullable(),
  rtt_avg_ms: ms.nullable(),
  rtt_max_ms: ms.nullable(),
  jitter_ms: ms.nullable(),
  error: z.string().max(500).optional(),
});
export type LatencySample = z.infer<typeof LatencySample>;

export const WifiSample = z.object({
  kind: z.literal('wifi'),
  ts,
  interface: z.string().max(64),
  /** sha256 of the SSID unless configured to send it in clear. */
  ssid: z.string().max(128).optional(),
  bssid: z.string().max(32).optional(),
  band_ghz: z.union([z.literal(2.4), z.literal(5), z.literal(6)]).optional(),
  channel: z.number().int().min(1).max(233).optional(),
  signal_dbm: z.number().min(-120).max(0).optional(),
  noise_dbm: z.number().min(-120).max(0).optional(),
  tx_rate_mbps: z.number().nonnegative().max(100_000).optional(),
  /** Wi-Fi generation: 4 (n), 5 (ac), 6 (ax), 7 (be). */
  generation: z.number().int().min(1).max(8).optional(),
  security: z.string().max(32).optional(),
});
export type WifiSample = z.infer<typeof WifiSample>;

export const Sample = z.discriminatedUnion('kind', [LatencySample, WifiSample]);
export type Sample = z.infer<typeof Sample>;
