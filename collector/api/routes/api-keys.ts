import { Hono } from 'hono';
import { z } from 'zod';
import { Slug } from '../../../protocol/index.js';
import { ApiKeyError, type ApiKeys } from '../../identity/api-keys.js';
import { ROLES } from '../../identity/principal.js';
import type { Registry } from '../../identity/registry.js';
import { trustTables } from '../../store/row-policies.js';
import type { Store } from '../../store/store.js';
import type { Sessions } from '../../identity/session.js';
import type { AppEnv } from '../env.js';
import { jsonBody, type JsonBodyOptions } from '../middleware/json-body.js';
import { invalid, problem } from '../problem.js';

const KeyInput = z.object({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._@-]{0,99}$/, 'letters, digits, space, . _ @ -; up to 100'),
  role: z.enum(ROLES),
  trusts: z.union([z.literal('all'), z.array(Slug).min(1).max(500)]),
  /** Days until it expires (none: until revoked); at most 5 years. */
  expires_in_days: z.number().int().min(1).max(1826).optional(),
});

const EndSessions = z.object({ credential: z.string().min(1).max(300) });

/**
 * Named, scoped API keys (admin API, mounted under /v1/admin): create (the key is in this answer
 * only), list, revoke, rotate; and ending the dashboard sessions of a credential (an OpenID Connect
 * user's, say) at once; the tables per-trust ClickHouse row policies cover.
 */
export function apiKeyRoutes(apiKeys: ApiKeys, sessions: Sessions, store: Store, registry: Registry, limits: JsonBodyOptions) {
  const failed = (c: Parameters<typeof problem>[0], error: unknown) => {
    if (error instanceof ApiKeyError) return problem(c, error.status, error.message);
    throw error;
  };
  return new Hono<AppEnv>()
    .get('/api-keys', async (c) => c.json({ keys: await apiKeys.list() }))
    .post('/api-keys', jsonBody(limits), async (c) => {
      const parsed = KeyInput.safeParse(c.get('body'));
      if (!parsed.success) return invalid(c, 'key', parsed.error);
      if (parsed.data.trusts !== 'all') {
        const known = new Set([...(await registry.listTrusts()).map((t) => t.trust_id), ...(await registry.listSites()).map((s) => s.trust_id)]);
        const unknown = parsed.data.trusts.filter((t) => !known.has(t));
        if (unknown.length > 0) return problem(c, 400, `no trust ${unknown.map((t) => `"${t}"`).join(', ')}: add its sites first`);
      }
      try {
        const { expires_in_days: days, ...input } = parsed.data;
        const { key, record } = await apiKeys.create({ ...input, lifetimeMs: days ? days * 86_400_000 : undefined });
        return c.json({ ...record, key }, 201);
      } catch (error) {
        return failed(c, error);
      }
    })
    .post('/api-keys/:key/revoke', async (c) => {
      try {
        return c.json(await apiKeys.revoke(c.req.param('key')));
      } catch (error) {
        return failed(c, error);
      }
    })
    .post('/api-keys/:key/rotate', async (c) => {
      try {
        const { key, record, revoked } = await apiKeys.rotate(c.req.param('key'));
        return c.json({ ...record, key, revoked }, 201);
      } catch (error) {
        return failed(c, error);
      }
    })
    .post('/sessions/end', jsonBody(limits), async (c) => {
      const parsed = EndSessions.safeParse(c.get('body'));
      if (!parsed.success) return invalid(c, 'body', parsed.error);
      return c.json({ credential: parsed.data.credential, ended: await sessions.endFor(parsed.data.credential) });
    })
    // What `sf-collector grafana row-policies` covers: every table with a trust_id column.
    .get('/trust-tables', async (c) => c.json({ database: store.database, tables: await trustTables(store) }));
}
