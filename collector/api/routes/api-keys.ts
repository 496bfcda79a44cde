import { createRoute, z } from '@hono/zod-openapi';
import { Slug } from '../../../protocol/index.js';
import { invalid } from '../../errors.js';
import type { ApiKeys } from '../../identity/api-keys.js';
import { ROLES } from '../../identity/principal.js';
import type { Registry } from '../../identity/registry.js';
import type { Sessions } from '../../identity/session.js';
import { trustTables } from '../../store/row-policies.js';
import type { Store } from '../../store/store.js';
import { jsonBody, type JsonBodyOptions } from '../middleware/json-body.js';
import * as answers from '../openapi/admin-schemas.js';
import { apiRouter } from '../openapi/router.js';
import { ADMIN_SECURITY, errors, json } from '../openapi/schemas.js';

const KeyInput = z.object({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._@-]{0,99}$/, 'letters, digits, space, . _ @ -; up to 100'),
  role: z.enum(ROLES),
  trusts: z.union([z.literal('all'), z.array(Slug).min(1).max(500)]),
  /** Days until it expires (none: until revoked); at most 5 years. */
  expires_in_days: z.number().int().min(1).max(1826).optional(),
});

const EndSessions = z.object({ credential: z.string().min(1).max(300) });
const KeyParam = z.object({ key: z.string().min(1).max(200).openapi({ description: 'The key’s id or name.' }) });
const common = { tags: ['admin'], security: ADMIN_SECURITY };

const routes = {
  list: createRoute({ ...common, method: 'get', path: '/api-keys', summary: 'Every named API key (never the keys themselves)', responses: { 200: json(answers.ApiKeys, 'The keys.'), ...errors(401, 403) } }),
  create: createRoute({
    ...common,
    method: 'post',
    path: '/api-keys',
    summary: 'Create a named API key for some trusts or all; the key is in this answer only',
    request: { body: { required: true, content: { 'application/json': { schema: KeyInput } } } },
    responses: { 201: json(answers.IssuedApiKey, 'The new key.'), ...errors(400, 401, 403, 409, 413, 415) },
  }),
  revoke: createRoute({ ...common, method: 'post', path: '/api-keys/{key}/revoke', summary: 'Revoke a key (its dashboard sessions end too)', request: { params: KeyParam }, responses: { 200: json(answers.ApiKey, 'The key as revoked.'), ...errors(400, 401, 403, 404, 409) } }),
  rotate: createRoute({ ...common, method: 'post', path: '/api-keys/{key}/rotate', summary: 'Replace a key with a new one of the same name, role and trusts', request: { params: KeyParam }, responses: { 201: json(answers.RotatedApiKey, 'The new key.'), ...errors(400, 401, 403, 404, 409) } }),
  endSessions: createRoute({
    ...common,
    method: 'post',
    path: '/sessions/end',
    summary: 'End every dashboard session of a credential (an OpenID Connect user’s, say) at once',
    request: { body: { required: true, content: { 'application/json': { schema: EndSessions } } } },
    responses: { 200: json(answers.SessionsEnded, 'How many sessions ended.'), ...errors(400, 401, 403, 413, 415) },
  }),
  trustTables: createRoute({ ...common, method: 'get', path: '/trust-tables', summary: 'The tables with a trust_id column (what per-trust ClickHouse row policies cover)', responses: { 200: json(answers.TrustTables, 'The database and its tables.'), ...errors(401, 403) } }),
};

/**
 * Named, scoped API keys (admin API, mounted under /v1/admin): create (the key is in this answer
 * only), list, revoke, rotate; and ending the dashboard sessions of a credential (an OpenID Connect
 * user's, say) at once; the tables per-trust ClickHouse row policies cover.
 */
export function apiKeyRoutes(apiKeys: ApiKeys, sessions: Sessions, store: Store, registry: Registry, limits: JsonBodyOptions) {
  const body = jsonBody(limits);
  return apiRouter()
    .openapi(routes.list, async (c) => c.json({ keys: await apiKeys.list() }, 200))
    .openapi({ ...routes.create, middleware: [body] as const }, async (c) => {
      const input = c.req.valid('json');
      if (input.trusts !== 'all') {
        const known = new Set([...(await registry.listTrusts()).map((t) => t.trust_id), ...(await registry.listSites()).map((s) => s.trust_id)]);
        const unknown = input.trusts.filter((t) => !known.has(t));
        if (unknown.length > 0) throw invalid(`no trust ${unknown.map((t) => `"${t}"`).join(', ')}: add its sites first`);
      }
      const { expires_in_days: days, ...rest } = input;
      const { key, record } = await apiKeys.create({ ...rest, lifetimeMs: days ? days * 86_400_000 : undefined });
      return c.json({ ...record, key }, 201);
    })
    .openapi(routes.revoke, async (c) => c.json(await apiKeys.revoke(c.req.valid('param').key), 200))
    .openapi(routes.rotate, async (c) => {
      const { key, record, revoked } = await apiKeys.rotate(c.req.valid('param').key);
      return c.json({ ...record, key, revoked }, 201);
    })
    .openapi({ ...routes.endSessions, middleware: [body] as const }, async (c) => {
      const { credential } = c.req.valid('json');
      return c.json({ credential, ended: await sessions.endFor(credential) }, 200);
    })
    // What `sf-collector grafana row-policies` covers: every table with a trust_id column.
    .openapi(routes.trustTables, async (c) => c.json({ database: store.database, tables: await trustTables(store) }, 200));
}
