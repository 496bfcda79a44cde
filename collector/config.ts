import { z } from 'zod';
import { formatProblems, describeIssues } from '../protocol/index.js';
import { CLUSTER_NAME } from './store/cluster.js';
import { RetentionError, resolveRetention } from './store/retention.js';
import type { StoreLocation } from './store/connection.js';
import { MESSAGE_FORMATS } from './notify/messages.js';
import { DEFAULT_RATE_LIMITS } from './api/middleware/rate-limit.js';
import { loopbackHttp } from './identity/oidc.js';

/** Defaults of the daily digest's settings, which exist only once a webhook is set. */
export const NOTIFY_DEFAULTS = { format: 'generic', hourUtc: 7 } as const;

/** Defaults of OpenID Connect sign-in's settings, which exist only once an issuer is set. */
export const OIDC_DEFAULTS = { scopes: 'openid profile email', claim: 'roles', providerName: 'your organisation account' } as const;

export const CollectorConfig = z.object({
  listen: z.object({
    host: z.string().min(1),
    port: z.number().int().min(0).max(65535),
  }),
  dataDir: z.string().min(1),
  clickhouseUrl: z.url().optional(),
  /** A ClickHouse cluster (its `<remote_servers>` name): Replicated tables, DDL `ON CLUSTER`. */
  clickhouseCluster: z.string().regex(CLUSTER_NAME, 'must be a cluster name from <remote_servers> or a macro like {cluster}').optional(),
  /** insert_quorum on a cluster: 'auto' (a majority, the default there) or a number of replicas; 0 turns it off. */
  clickhouseInsertQuorum: z.union([z.literal('auto'), z.number().int().min(0).max(64)]).optional(),
  database: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier'),
  adminToken: z.string().min(24, 'must be at least 24 characters').optional(),
  viewerToken: z.string().min(24, 'must be at least 24 characters').optional(),
  /** End-of-life catalogue file (YAML); the shipped one when not set. Loaded at start when it changed. */
  eolCatalogue: z.string().optional(),
  /** Firmware release catalogue file (YAML, CYB-NET-PATCH); the shipped one when not set. Loaded at start when it changed. */
  firmwareCatalogue: z.string().optional(),
  /** Control catalogue and scoring model (YAML); the shipped one when not set. */
  controls: z.string().optional(),
  /**
   * Days inputs (inventory history, samples, polls) and score runs are kept; inputs default to three
   * years and runs to as long as their inputs allow (collector/store/retention.ts).
   */
  retention: z.object({ inputDays: z.number().int().optional(), runDays: z.number().int().optional() }).optional(),
  /** Evaluate today's scores at start (then hourly) so daily snapshots accumulate. */
  snapshotOnStart: z.boolean().default(true),
  /** The admin and viewer tokens as credentials for every trust; off once named API keys are in place. */
  bootstrapTokens: z.boolean().default(true),
  tls: z.object({ certFile: z.string(), keyFile: z.string() }).optional(),
  /** The daily findings digest to a webhook; off when not set. */
  notify: z
    .object({
      url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
      format: z.enum(MESSAGE_FORMATS).default(NOTIFY_DEFAULTS.format),
      /** Controls the digest reports; the model's critical (level-capping) controls when not set. */
      controls: z.array(z.string().regex(/^(INF|CYB)-[A-Z0-9-]+$/, 'must be control ids like CYB-OS-SUPPORTED')).min(1).optional(),
      hourUtc: z.number().int().min(0).max(23).default(NOTIFY_DEFAULTS.hourUtc),
      /** The trusts the digest covers (its webhook may be one trust's channel); every trust when not set. */
      trusts: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be trust ids')).min(1).optional(),
    })
    .optional(),
  /** Sign-in with the trust's OpenID provider (collector/identity/oidc.ts); off when not set. */
  oidc: z
    .object({
      issuer: z.url({ protocol: /^https?$/, error: 'must be an https:// URL' }),
      clientId: z.string().min(1).max(256),
      clientSecret: z.string().min(1, 'is empty'),
      redirectUrl: z.url({ protocol: /^https?$/, error: 'must be an https:// URL ending /auth/oidc/callback' }),
      scopes: z.array(z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, 'must be scope tokens')).refine((s) => s.includes('openid'), 'must include openid'),
      claim: z.enum(['roles', 'groups']),
      /** The YAML file of grants (claim value → role and trusts). */
      grantsFile: z.string().min(1),
      providerName: z.string().min(1).max(80),
    })
    .optional(),
  /** Whether the dashboard's sign-in page takes a token (bootstrap token or API key); bearer tokens on the API are not affected. */
  tokenSignIn: z.boolean().default(true),
  /** How users reach the dashboard (behind a proxy, say), for links in notifications. */
  publicUrl: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  writer: z.object({
    maxBatchRows: z.number().int().min(1),
    minFlushIntervalMs: z.number().int().min(0).max(1000),
    maxQueuedRows: z.number().int().min(1),
  }),
  limits: z.object({
    maxWireBytes: z.number().int().min(1024),
    maxDecodedBytes: z.number().int().min(1024),
  }),
  /** The HTTP server's timeouts and connection caps (collector/api/connection-limits.ts). */
  connections: z.object({
    headersTimeoutMs: z.number().int().min(1000).max(600_000),
    requestTimeoutMs: z.number().int().min(1000).max(3_600_000),
    keepAliveTimeoutMs: z.number().int().min(1000).max(600_000),
    maxConnections: z.number().int().min(1).max(1_000_000),
    maxConnectionsPerAddress: z.number().int().min(0).max(1_000_000),
  }),
  /** Attempts per minute one source address may make (collector/api/middleware/rate-limit.ts); 0 turns a limit off. */
  rateLimits: z.object({
    enrolPerMinute: z.number().int().min(0),
    signInPerMinute: z.number().int().min(0),
  }),
  /** Take the client's address from the last X-Forwarded-For entry: only behind a proxy that sets it. */
  trustProxy: z.boolean(),
  /** How long a device key looked up in the store is trusted: the longest another collector's revocation goes unseen. */
  deviceCacheSeconds: z.number().int().min(0).max(3600),
}).superRefine((config, ctx) => {
  // The embedded engine is one process on one disk: a cluster needs ClickHouse servers.
  if (config.clickhouseCluster && !config.clickhouseUrl) {
    ctx.addIssue({ code: 'custom', path: ['clickhouseCluster'], message: 'needs a ClickHouse server: set --clickhouse-url (CLICKHOUSE_URL) to one of its replicas or a load balancer' });
  }
  try {
    resolveRetention(config.retention);
  } catch (error) {
    if (!(error instanceof RetentionError)) throw error;
    ctx.addIssue({ code: 'custom', path: ['retention'], message: error.message });
  }
  if (config.oidc) {
    // Codes and ID tokens cross these addresses: plain HTTP only on loopback (tests, a lab).
    for (const key of ['issuer', 'redirectUrl'] as const) {
      if (!config.oidc[key].startsWith('https://') && !loopbackHttp(config.oidc[key])) ctx.addIssue({ code: 'custom', path: ['oidc', key], message: 'must be https:// (plain http only on loopback)' });
    }
    if (!new URL(config.oidc.redirectUrl).pathname.endsWith('/auth/oidc/callback')) ctx.addIssue({ code: 'custom', path: ['oidc', 'redirectUrl'], message: 'must end /auth/oidc/callback, where the collector answers' });
  }
  if (!config.tokenSignIn && !config.oidc) {
    ctx.addIssue({ code: 'custom', path: ['tokenSignIn'], message: 'off needs OpenID Connect sign-in (--oidc-issuer), or nobody could sign in to the dashboard' });
  }
  // Node refuses a headers timeout longer than the request's, which includes the headers.
  if (config.connections.headersTimeoutMs > config.connections.requestTimeoutMs) {
    ctx.addIssue({ code: 'custom', path: ['connections', 'headersTimeoutMs'], message: 'must not be longer than the request timeout' });
  }
  if (config.connections.maxConnectionsPerAddress > config.connections.maxConnections) {
    ctx.addIssue({ code: 'custom', path: ['connections', 'maxConnectionsPerAddress'], message: 'must not be more than the total cap (--max-connections)' });
  }
  if (config.clickhouseInsertQuorum !== undefined && !config.clickhouseCluster) {
    ctx.addIssue({ code: 'custom', path: ['clickhouseInsertQuorum'], message: 'applies to a cluster only: set --clickhouse-cluster (CLICKHOUSE_CLUSTER)' });
  }
});
export type CollectorConfig = z.infer<typeof CollectorConfig>;

export const DEFAULT_COLLECTOR_CONFIG: CollectorConfig = {
  listen: { host: '127.0.0.1', port: 8470 },
  dataDir: 'data',
  database: 'sf',
  snapshotOnStart: true,
  bootstrapTokens: true,
  tokenSignIn: true,
  writer: { maxBatchRows: 50_000, minFlushIntervalMs: 100, maxQueuedRows: 500_000 },
  limits: { maxWireBytes: 4 * 1024 * 1024, maxDecodedBytes: 32 * 1024 * 1024 },
  // Project's choices: headers in 10 s (Node: 60 s); a whole request in 60 s, a 4 MiB report at 600 kbit/s (Node: 300 s);
  // idle keep-alive 5 s (Node's); 8192 connections, far under the unit's LimitNOFILE=65536 and many times what
  // 10 000 agents posting every few minutes hold; no per-address cap, as behind a proxy (the default listen is
  // loopback) or a site's NAT every connection shares one address.
  connections: { headersTimeoutMs: 10_000, requestTimeoutMs: 60_000, keepAliveTimeoutMs: 5_000, maxConnections: 8192, maxConnectionsPerAddress: 0 },
  rateLimits: DEFAULT_RATE_LIMITS,
  trustProxy: false,
  deviceCacheSeconds: 60,
};

export class ConfigError extends Error {}

/** Every problem of a config, each naming its setting (e.g. `listen.port: ...`), or the config. */
export function checkCollectorConfig(input: unknown): { config: CollectorConfig; problems: [] } | { config?: undefined; problems: string[] } {
  const parsed = CollectorConfig.safeParse(input);
  if (parsed.success) return { config: parsed.data, problems: [] };
  return { problems: describeIssues(parsed.error).map((problem) => formatProblems([problem])) };
}

/** One error naming every problem, one a line. */
export function configError(problems: readonly string[]): ConfigError {
  return new ConfigError(`invalid collector configuration:\n  ${problems.join('\n  ')}`);
}

/** Validates a config, naming each bad setting. */
export function validateCollectorConfig(input: unknown): CollectorConfig {
  const checked = checkCollectorConfig(input);
  if (!checked.config) throw configError(checked.problems);
  return checked.config;
}

/** Where the store lives, from the configuration: the embedded engine, a server, or a cluster. */
export function storeLocation(config: CollectorConfig): StoreLocation {
  return {
    dataDir: config.dataDir,
    clickhouseUrl: config.clickhouseUrl,
    cluster: config.clickhouseCluster,
    insertQuorum: config.clickhouseInsertQuorum,
    database: config.database,
  };
}
