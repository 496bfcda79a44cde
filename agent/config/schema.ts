import { z } from 'zod';
import { SnmpConfig } from './snmp.js';

/** The bare host of an https url ("[::1]" → "::1"); undefined for no url or one that does not parse. */
const hostOfUrl = (url: string | undefined): string | undefined => (url && URL.canParse(url) ? new URL(url).hostname.replace(/^\[(.*)\]$/, '$1') : undefined);

export const LatencyTarget = z
  .object({
    /** A host name or address, or the words `gateway` / `dns` to probe the default gateway or first DNS server. */
    host: z.string().min(1).max(255).optional(),
    label: z.string().min(1).max(64).optional(),
    /** icmp (default): ping; tcp: time to connect to `port`; https: time to first byte of `url` or https://host:port/path. */
    method: z.enum(['icmp', 'tcp', 'https']).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    url: z.url({ protocol: /^https$/, error: 'must be an https:// URL' }).optional(),
    path: z.string().startsWith('/').max(2000).optional(),
    http_method: z.enum(['GET', 'HEAD']).optional(),
  })
  .superRefine((t, ctx) => {
    const method = t.method ?? 'icmp';
    const misplaced = (field: string, only: string) => ctx.addIssue({ code: 'custom', path: [field], message: `only used by ${only} targets` });
    if (method === 'tcp' && t.port === undefined) ctx.addIssue({ code: 'custom', path: ['port'], message: 'required for tcp' });
    if (method === 'icmp' && t.port !== undefined) misplaced('port', 'tcp and https');
    for (const field of ['url', 'path', 'http_method'] as const) if (method !== 'https' && t[field] !== undefined) misplaced(field, 'https');
    if (t.url !== undefined && (t.port !== undefined || t.path !== undefined)) ctx.addIssue({ code: 'custom', path: ['url'], message: 'give either url or port/path, not both' });
    const urlHost = hostOfUrl(t.url);
    if (t.host === undefined && t.url === undefined) ctx.addIssue({ code: 'custom', path: ['host'], message: 'required (or a url for https)' });
    if (t.host !== undefined && urlHost !== undefined && t.host.toLowerCase() !== urlHost.toLowerCase()) ctx.addIssue({ code: 'custom', path: ['host'], message: `differs from the url's host ${urlHost}` });
  })
  // An https target given only a url is reported under the url's host.
  .transform((t) => ({ ...t, host: t.host ?? hostOfUrl(t.url) ?? '' }));
export type LatencyTarget = z.infer<typeof LatencyTarget>;

const seconds = z.number().positive().max(7 * 24 * 3600);

export const AgentConfig = z.object({
  collector_url: z.url({ protocol: /^https?$/ }).optional(),
  /** PEM file of the CA that signed the collector's certificate, when it is a trust's own PKI (Node does not read the Windows or macOS store). */
  collector_ca_file: z.string().min(1).optional(),
  /** An HTTP proxy the agent must use to reach the collector (CONNECT), e.g. `http://proxy.trust.nhs.uk:8080`. */
  collector_proxy: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  enroll_secret: z.string().min(16).max(200).optional(),
  state_dir: z.string().min(1),
  log_level: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  privacy: z
    .object({
      /** Off by default: the collector sees sha256(hostname) only. */
      send_hostname: z.boolean().default(false),
      /** Off by default: Wi-Fi samples carry sha256(SSID) only. */
      send_ssid: z.boolean().default(false),
    })
    .default({ send_hostname: false, send_ssid: false }),
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
      /** How long to wait for each echo reply, TCP connect or HTTPS answer. */
      timeout_ms: z.number().int().min(100).max(10_000).default(1000),
    })
    .default({ targets: [], count: 5, timeout_ms: 1000 }),
  /** Site poller: SNMP targets and credentials (agent/config/snmp.ts). */
  snmp: SnmpConfig.prefault({}),
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
