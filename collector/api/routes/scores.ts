import { createRoute, z } from '@hono/zod-openapi';
import { invalid, notFound } from '../../errors.js';
import { seesTrust } from '../../identity/principal.js';
import type { Registry } from '../../identity/registry.js';
import { ChangesQuery, changesToCsv, findingChanges } from '../../queries/changes.js';
import { deviceDetail } from '../../queries/device-detail.js';
import { DeviceListQuery, listDevices, toCsv } from '../../queries/device-list.js';
import { operations } from '../../queries/operations.js';
import { compileControl, sourceText } from '../../scoring/controls.js';
import { isoDaysBefore } from '../../scoring/dates.js';
import type { ScoringService } from '../../scoring/service.js';
import type { Store } from '../../store/store.js';
import * as answers from '../openapi/read-schemas.js';
import { apiRouter } from '../openapi/router.js';
import { Day, errors, json, READ_SECURITY } from '../openapi/schemas.js';
import { assertInScope, readerTrusts, runForReader } from '../reader-scope.js';

const Scope = { trust: z.string().max(64).optional(), site: z.string().max(64).optional() };
const ScoreQuery = z.object({ as_of: Day.optional(), ...Scope });
/** A stored run is read by id: any run of the date, not only the current one. */
const StoredScoreQuery = ScoreQuery.extend({ run_id: z.uuid().optional() });
const TrendQuery = z.object({ from: Day.optional(), to: Day.optional(), ...Scope });

/** A read route: viewer or admin credential (or a dashboard session), answers limited to its trusts. */
function read<const P extends string, const Q extends z.ZodObject, const R extends object>(path: P, summary: string, query: Q, responses: R) {
  return createRoute({ method: 'get', path, tags: ['scores'], summary, security: READ_SECURITY, request: { query }, responses: { ...responses, ...errors(400, 401, 403, 404) } });
}
const withCsv = <T extends z.ZodType>(schema: T, description: string) => ({
  200: { description: `${description} (text/csv with format=csv).`, content: { 'application/json': { schema }, 'text/csv': { schema: answers.Csv } } },
});
const csvAnswer = (filename: string) => ({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"` });

const routes = {
  scores: read('/scores', 'Scores of every trust and site the credential reads, for a day (or a stored run by id)', StoredScoreQuery, {
    200: json(answers.Scores, 'The day’s current run (or the run asked for) and its trust and site scores.'),
    ...errors(409),
  }),
  runs: read('/runs', 'The score runs of a day (each re-evaluation is a new run; earlier ones stay readable)', z.object({ as_of: Day.optional() }), {
    200: json(answers.Runs, 'Runs of the day, the current one marked.'),
  }),
  trend: read('/scores/trend', 'A trust’s or site’s daily scores over a period (default the 90 days to today)', TrendQuery, { 200: json(answers.Trend, 'One point a day.') }),
  operations: read('/operations', 'Reporting, agent versions, network gear, catalogue health and clock skew per site', ScoreQuery, { 200: json(answers.Operations, 'The operations view.') }),
  sites: read('/sites', 'The sites the credential reads', z.object({}), { 200: json(answers.Sites, 'Sites with their trust.') }),
  controls: read('/controls', 'The scoring model: levels, coverage rule and every control with its source and SQL', z.object({}), { 200: json(answers.Controls, 'The model in force.') }),
  devices: read('/devices', 'Devices and their result on a control or list (unsupported, unpatched, stale), paged', DeviceListQuery, withCsv(answers.DeviceList, 'A page of devices')),
  changes: read('/findings/changes', 'Findings that appeared, were resolved or left scope between two days (default yesterday and today)', ChangesQuery, withCsv(answers.FindingChanges, 'The changes and their counts')),
  device: createRoute({
    method: 'get',
    path: '/devices/{id}',
    tags: ['scores'],
    summary: 'One device: its result on every control and its last 30 days',
    security: READ_SECURITY,
    request: { params: z.object({ id: z.string().min(1).max(200) }), query: z.object({ as_of: Day.optional() }) },
    responses: { 200: json(answers.DeviceDetail, 'The device as of the day.'), ...errors(400, 401, 403, 404) },
  }),
};

/** Read-only views of the scores (viewer token): what dashboards and exports are built on. */
export function scoreRoutes(store: Store, registry: Registry, scoring: ScoringService) {
  // Every answer is limited to the principal's trusts (reader-scope.ts): another trust named is a 404.
  return apiRouter()
    .openapi(routes.scores, async (c) => {
      const query = c.req.valid('query');
      await assertInScope(c, registry, query);
      const result = await scoring.scores(query.as_of ?? scoring.today(), { ...query, trusts: readerTrusts(c) }, query.run_id);
      if (query.as_of && result.as_of !== query.as_of) throw invalid(`run ${query.run_id} is of ${result.as_of}, not ${query.as_of}`);
      return c.json({ ...result, run: runForReader(c, result.run) }, 200);
    })
    .openapi(routes.runs, async (c) => {
      const asOf = c.req.valid('query').as_of ?? scoring.today();
      return c.json({ as_of: asOf, oldest_scorable: scoring.oldestScorableDate(), runs: (await scoring.runs(asOf)).map((run) => runForReader(c, run)) }, 200);
    })
    .openapi(routes.trend, async (c) => {
      const query = c.req.valid('query');
      if (!query.trust && !query.site) throw invalid('invalid query: give trust or site');
      const to = query.to ?? scoring.today();
      const from = query.from ?? isoDaysBefore(to, 89);
      await assertInScope(c, registry, query);
      return c.json({ from, to, ...(query.trust ? { trust: query.trust } : {}), ...(query.site ? { site: query.site } : {}), points: await scoring.trend(from, to, { ...query, trusts: readerTrusts(c) }) }, 200);
    })
    .openapi(routes.operations, async (c) => {
      const query = c.req.valid('query');
      await assertInScope(c, registry, query);
      return c.json(await operations(store, await scoring.run(query.as_of ?? scoring.today()), { ...query, trusts: readerTrusts(c) }), 200);
    })
    .openapi(routes.sites, async (c) => c.json({ sites: (await registry.listSites()).filter((s) => seesTrust(c.get('principal'), s.trust_id)) }, 200))
    .openapi(routes.controls, (c) => {
      const { levels, coverage, revision, controls } = scoring.model;
      return c.json(
        {
          revision,
          levels,
          coverage,
          controls: controls.map((control) => {
            const { sql, ...description } = compileControl(control);
            return { ...description, source_text: sourceText(control.source), sql };
          }),
        },
        200,
      );
    })
    .openapi(routes.devices, async (c) => {
      const query = c.req.valid('query');
      const asOf = query.as_of ?? scoring.today();
      await assertInScope(c, registry, query);
      const run = await scoring.run(asOf);
      const page = await listDevices(store, run.run_id, asOf, { ...query, trusts: readerTrusts(c) });
      if (query.format === 'csv') return c.body(toCsv(page.rows), 200, csvAnswer(`devices-${query.list ?? query.control ?? 'all'}-${asOf}.csv`));
      return c.json({ as_of: asOf, total: page.total, limit: query.limit, offset: query.offset, devices: page.rows }, 200);
    })
    .openapi(routes.changes, async (c) => {
      const query = c.req.valid('query');
      const to = query.to ?? scoring.today();
      const from = query.from ?? isoDaysBefore(to, 1);
      if (from >= to) throw invalid(`from ${from} must be before to ${to}`);
      const [fromRun, toRun] = [await scoring.run(from), await scoring.run(to)];
      await assertInScope(c, registry, query);
      const result = await findingChanges(store, fromRun, toRun, { ...query, trusts: readerTrusts(c) });
      if (query.format === 'csv') return c.body(changesToCsv(result.changes), 200, csvAnswer(`finding-changes-${from}-to-${to}.csv`));
      return c.json({ ...result.summary, total: result.total, limit: query.limit, offset: query.offset, changes: result.changes }, 200);
    })
    .openapi(routes.device, async (c) => {
      const { id } = c.req.valid('param');
      const asOf = c.req.valid('query').as_of ?? scoring.today();
      const device = await deviceDetail(store, scoring, asOf, id, readerTrusts(c));
      if (!device) throw notFound(`no device ${id} in the scores as of ${asOf}`);
      return c.json(device, 200);
    });
}
