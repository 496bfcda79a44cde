import { z } from 'zod';

/**
 * `snmp:` section of the agent config (site pollers). Secrets are never written in the config:
 * each credential names an environment variable (`*_env`) or a file (`*_file`, first line) holding it.
 */
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name').optional();
const filePath = z.string().min(1).max(4096).optional();

const CommunityCredential = z
  .object({ version: z.literal('v2c'), community_env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional(), community_file: z.string().min(1).optional() })
  .strict();

const V3Credential = z
  .object({
    version: z.literal('v3'),
    user: z.string().min(1).max(32),
    level: z.enum(['authNoPriv', 'authPriv']).default('authPriv'),
    auth_protocol: z.enum(['sha', 'sha224', 'sha256', 'sha384', 'sha512']).default('sha256'),
    auth_key_env: envName,
    auth_key_file: filePath,
    priv_protocol: z.enum(['aes', 'aes256b', 'aes256r']).default('aes'),
    priv_key_env: envName,
    priv_key_file: filePath,
  })
  .strict();

export const SnmpCredential = z.discriminatedUnion('version', [CommunityCredential, V3Credential]).superRefine((c, ctx) => {
  const one = (key: string, required: boolean) => {
    const rec = c as Record<string, unknown>;
    const env = rec[`${key}_env`];
    const file = rec[`${key}_file`];
    if (env !== undefined && file !== undefined) ctx.addIssue({ code: 'custom', path: [`${key}_env`], message: `give ${key}_env or ${key}_file, not both` });
    if (required && env === undefined && file === undefined) ctx.addIssue({ code: 'custom', path: [`${key}_env`], message: `${key}_env (environment variable name) or ${key}_file (path) is required` });
  };
  if (c.version === 'v2c') one('community', true);
  else {
    one('auth_key', true);
    one('priv_key', c.level === 'authPriv');
  }
});
export type SnmpCredential = z.infer<typeof SnmpCredential>;

export const SnmpTarget = z
  .object({
    /** Stable name for the device in reports (defaults to address[:port]). */
    name: z.string().min(1).max(128).optional(),
    address: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65535).default(161),
    /** Free-text location label (building, comms room) carried in the report. */
    site: z.string().max(128).optional(),
    /** A key of `snmp.credentials`. */
    credentials: z.string().min(1).max(64),
    timeout_ms: z.number().int().min(100).max(60_000).optional(),
    retries: z.number().int().min(0).max(5).optional(),
  })
  .strict();
export type SnmpTarget = z.infer<typeof SnmpTarget>;

export const SnmpConfig = z
  .object({
    targets: z.array(SnmpTarget).max(500).default([]),
    credentials: z.record(z.string().min(1).max(64), SnmpCredential).default({}),
    /** Targets polled at the same time. */
    concurrency: z.number().int().min(1).max(128).default(16),
    /** Per-request timeout and retries (targets may override). */
    timeout_ms: z.number().int().min(100).max(60_000).default(2000),
    retries: z.number().int().min(0).max(5).default(1),
    /** GETBULK max-repetitions for table walks. */
    max_repetitions: z.number().int().min(1).max(100).default(25),
    /** Whole-poll budget per target (walks of big chassis included). */
    target_budget_ms: z.number().int().min(1000).max(600_000).default(60_000),
    /** Hygiene: also try the default communities (public, private) over v1/v2c, at most once a day per target. */
    check_default_communities: z.boolean().default(true),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    cfg.targets.forEach((t, i) => {
      if (!(t.credentials in cfg.credentials)) {
        ctx.addIssue({ code: 'custom', path: ['targets', i, 'credentials'], message: `no credentials named "${t.credentials}" under snmp.credentials` });
      }
      const name = t.name ?? `${t.address}:${t.port}`;
      if (seen.has(name)) ctx.addIssue({ code: 'custom', path: ['targets', i, 'name'], message: `duplicate target name "${name}"` });
      seen.add(name);
    });
  });
export type SnmpConfig = z.infer<typeof SnmpConfig>;

