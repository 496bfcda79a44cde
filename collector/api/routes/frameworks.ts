import { createRoute } from '@hono/zod-openapi';
import { invalid } from '../../errors.js';
import type { Registry } from '../../identity/registry.js';
import { cyberEssentials, cyberEssentialsCsv, CyberEssentialsQuery, type ScopeNames } from '../../queries/cyber-essentials.js';
import type { Framework } from '../../scoring/frameworks/mapping.js';
import type { ScoringService } from '../../scoring/service.js';
import type { Store } from '../../store/store.js';
import { Csv, CyberEssentials } from '../openapi/read-schemas.js';
import { apiRouter } from '../openapi/router.js';
import { errors, READ_SECURITY } from '../openapi/schemas.js';
import { assertInScope, readerTrusts } from '../reader-scope.js';

/** Trust and site names as the registry has them (a retired site keeps its id as its name). */
export async function scopeNames(registry: Registry): Promise<ScopeNames> {
  const sites = await registry.listSites();
  return {
    trusts: new Map(sites.map((s) => [s.trust_id, s.trust_name || s.trust_id])),
    sites: new Map(sites.map((s) => [s.site_id, s.name])),
  };
}

const view = createRoute({
  method: 'get',
  path: '/frameworks/cyber-essentials',
  tags: ['scores'],
  summary: 'An indicative reading of the scores against the Cyber Essentials technical control themes',
  description: 'Indicative only: never a certification or an assessment. format=csv gives the findings as CSV.',
  security: READ_SECURITY,
  request: { query: CyberEssentialsQuery },
  responses: {
    200: { description: 'Per trust, site and theme, the devices that fail, with the findings.', content: { 'application/json': { schema: CyberEssentials }, 'text/csv': { schema: Csv } } },
    ...errors(400, 401, 403, 404),
  },
});

/** Framework views (viewer token): indicative readings of the scores against a published framework. */
export function frameworkRoutes(store: Store, registry: Registry, scoring: ScoringService, framework: Framework) {
  return apiRouter().openapi(view, async (c) => {
    const { as_of, theme, format, ...filter } = c.req.valid('query');
    const asOf = as_of ?? scoring.today();
    if (theme && !framework.themes.some((t) => t.id === theme)) {
      throw invalid(`invalid query: theme must be one of ${framework.themes.map((t) => t.id).join(', ')}`);
    }
    await assertInScope(c, registry, filter);
    const answer = await cyberEssentials(store, framework, await scoring.run(asOf), await scopeNames(registry), { ...filter, theme, trusts: readerTrusts(c) });
    if (format === 'csv') {
      const filename = `cyber-essentials-indicative-${theme ?? 'all-themes'}-${asOf}.csv`;
      return c.body(cyberEssentialsCsv(answer), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"` });
    }
    return c.json(answer, 200);
  });
}
