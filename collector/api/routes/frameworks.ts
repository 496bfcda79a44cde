import { Hono } from 'hono';
import { cyberEssentials, cyberEssentialsCsv, CyberEssentialsQuery, type ScopeNames } from '../../queries/cyber-essentials.js';
import type { Framework } from '../../scoring/frameworks/mapping.js';
import type { ScoringService } from '../../scoring/service.js';
import type { Registry } from '../../identity/registry.js';
import type { Store } from '../../store/store.js';
import { invalid, problem } from '../problem.js';
import type { AppEnv } from '../env.js';
import { outsideScope, readerTrusts } from '../reader-scope.js';

/** Trust and site names as the registry has them (a retired site keeps its id as its name). */
export async function scopeNames(registry: Registry): Promise<ScopeNames> {
  const sites = await registry.listSites();
  return {
    trusts: new Map(sites.map((s) => [s.trust_id, s.trust_name || s.trust_id])),
    sites: new Map(sites.map((s) => [s.site_id, s.name])),
  };
}

/** Framework views (viewer token): indicative readings of the scores against a published framework. */
export function frameworkRoutes(store: Store, registry: Registry, scoring: ScoringService, framework: Framework) {
  return new Hono<AppEnv>().get('/frameworks/cyber-essentials', async (c) => {
    const query = CyberEssentialsQuery.safeParse(c.req.query());
    if (!query.success) return invalid(c, 'query', query.error);
    const { as_of, theme, format, ...filter } = query.data;
    const asOf = as_of ?? scoring.today();
    if (theme && !framework.themes.some((t) => t.id === theme)) {
      return problem(c, 400, `invalid query: theme must be one of ${framework.themes.map((t) => t.id).join(', ')}`);
    }
    const denied = await outsideScope(c, registry, filter);
    if (denied) return denied;
    const view = await cyberEssentials(store, framework, await scoring.run(asOf), await scopeNames(registry), { ...filter, theme, trusts: readerTrusts(c) });
    if (format === 'csv') {
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="cyber-essentials-indicative-${theme ?? 'all-themes'}-${asOf}.csv"`);
      return c.body(cyberEssentialsCsv(view));
    }
    return c.json(view);
  });
}
