import { Hono } from 'hono';
import { z } from 'zod';
import { ChangesQuery, changesToCsv, findingChanges } from '../../queries/changes.js';
import { compileControl, sourceText } from '../../scoring/controls.js';
import { isoDaysBefore } from '../../scoring/dates.js';
import { deviceDetail } from '../../queries/device-detail.js';
import { DeviceListQuery, listDevices, toCsv } from '../../queries/device-list.js';
import { operations } from '../../queries/operations.js';
import type { ScoringService } from '../../scoring/service.js';
import type { Registry } from '../../identity/registry.js';
import type { Store } from '../../store/store.js';
import { invalid, problem } from '../problem.js';
import type { AppEnv } from '../env.js';
import { outsideScope, readerTrusts, runForReader } from '../reader-scope.js';
import { seesTrust } from '../../identity/principal.js';

const ScoreQuery = z.object({
  as_of: z.iso.date().optional(),
  trust: z.string().max(64).optional(),
  site: z.string().max(64).optional(),
});

/** A stored run is read by id: any run of the date, not only the current one. */
const StoredScoreQuery = ScoreQuery.extend({ run_id: z.uuid().optional() });

/** Read-only views of the scores (viewer token): what dashboards and exports are built on. */
const TrendQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  trust: z.string().max(64).optional(),
  site: z.string().max(64).optional(),
});

export function scoreRoutes(store: Store, registry: Registry, scoring: ScoringService) {
  // Every answer is limited to the principal's trusts (reader-scope.ts): another trust named is a 404.
  return new Hono<AppEnv>()
    .get('/scores', async (c) => {
      const query = StoredScoreQuery.safeParse(c.req.query());
      if (!query.success) return invalid(c, 'query', query.error);
      const asOf = query.data.as_of ?? scoring.today();
      const denied = await outsideScope(c, registry, query.data);
      if (denied) return denied;
      const result = await scoring.scores(asOf, { ...query.data, trusts: readerTrusts(c) }, query.data.run_id);
      if (query.data.as_of && result.as_of !== query.data.as_of) return problem(c, 400, `run ${query.data.run_id} is of ${result.as_of}, not ${query.data.as_of}`);
      return c.json({ ...result, run: runForReader(c, result.run) });
    })
    .get('/runs', async (c) => {
      const asOf = z.iso.date().safeParse(c.req.query('as_of') ?? scoring.today());
      if (!asOf.success) return invalid(c, 'as_of', asOf.error);
      return c.json({ as_of: asOf.data, oldest_scorable: scoring.oldestScorableDate(), runs: (await scoring.runs(asOf.data)).map((run) => runForReader(c, run)) });
    })
    .get('/scores/trend', async (c) => {
      const query = TrendQuery.safeParse(c.req.query());
      if (!query.success) return invalid(c, 'query', query.error);
      if (!query.data.trust && !query.data.site) return problem(c, 400, 'invalid query: give trust or site');
      const to = query.data.to ?? scoring.today();
      const from = query.data.from ?? isoDaysBefore(to, 89);
      const denied = await outsideScope(c, registry, query.data);
      if (denied) return denied;
      return c.json({ from, to, trust: query.data.trust, site: query.data.site, points: await scoring.trend(from, to, { ...query.data, trusts: readerTrusts(c) }) });
    })
    .get('/operations', async (c) => {
      const query = ScoreQuery.safeParse(c.req.query());
      if (!query.success) return invalid(c, 'query', query.error);
      const asOf = query.data.as_of ?? scoring.today();
      const denied = await outsideScope(c, registry, query.data);
      if (denied) return denied;
      return c.json(await operations(store, await scoring.run(asOf), { ...query.data, trusts: readerTrusts(c) }));
    })
    .get('/sites', async (c) => c.json({ sites: (await registry.listSites()).filter((s) => seesTrust(c.get('principal'), s.trust_id)) }))
    .get('/controls', (c) => {
      const { levels, coverage, revision, controls } = scoring.model;
      return c.json({
        revision,
        levels,
        coverage,
        controls: controls.map((control) => {
          const { sql, ...description } = compileControl(control);
          return { ...description, source_text: sourceText(control.source), sql };
        }),
      });
    })
    .get('/devices', async (c) => {
      const query = DeviceListQuery.safeParse(c.req.query());
      if (!query.success) return invalid(c, 'query', query.error);
      const asOf = query.data.as_of ?? scoring.today();
      const denied = await outsideScope(c, registry, query.data);
      if (denied) return denied;
      const run = await scoring.run(asOf);
      const page = await listDevices(store, run.run_id, asOf, { ...query.data, trusts: readerTrusts(c) });
      if (query.data.format === 'csv') {
        c.header('Content-Type', 'text/csv; charset=utf-8');
        c.header('Content-Disposition', `attachment; filename="devices-${query.data.list ?? query.data.control ?? 'all'}-${asOf}.csv"`);
        return c.body(toCsv(page.rows));
      }
      return c.json({ as_of: asOf, total: page.total, limit: query.data.limit, offset: query.data.offset, devices: page.rows });
    })
    .get('/findings/changes', async (c) => {
      const query = ChangesQuery.safeParse(c.req.query());
      if (!query.success) return invalid(c, 'query', query.error);
      const to = query.data.to ?? scoring.today();
      const from = query.data.from ?? isoDaysBefore(to, 1);
      if (from >= to) return problem(c, 400, `from ${from} must be before to ${to}`);
      const [fromRun, toRun] = [await scoring.run(from), await scoring.run(to)];
      const denied = await outsideScope(c, registry, query.data);
      if (denied) return denied;
      const result = await findingChanges(store, fromRun, toRun, { ...query.data, trusts: readerTrusts(c) });
      if (query.data.format === 'csv') {
        c.header('Content-Type', 'text/csv; charset=utf-8');
        c.header('Content-Disposition', `attachment; filename="finding-changes-${from}-to-${to}.csv"`);
        return c.body(changesToCsv(result.changes));
      }
      return c.json({ ...result.summary, total: result.total, limit: query.data.limit, offset: query.data.offset, changes: result.changes });
    })
    .get('/devices/:id', async (c) => {
      const asOf = c.req.query('as_of') ?? scoring.today();
      if (!z.iso.date().safeParse(asOf).success) return problem(c, 400, 'invalid query: as_of must be YYYY-MM-DD');
      const device = await deviceDetail(store, scoring, asOf, c.req.param('id'), readerTrusts(c));
      return device ? c.json(device) : problem(c, 404, `no device ${c.req.param('id')} in the scores as of ${asOf}`);
    });
}
