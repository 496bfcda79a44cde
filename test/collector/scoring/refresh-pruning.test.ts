import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateControls } from '../../../collector/scoring/evaluate.js';
import type { RunningCollector } from '../../../collector/service.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../../helpers/collector.js';
import { postReport } from '../../helpers/reports.js';
import { AS_OF, reportFor } from '../../helpers/scoring-fleet.js';
import { tempDir } from '../../helpers/temp.js';

// A day in progress is re-scored again and again; only the latest refresh keeps its per-device
// rows, while every run keeps its record and per-scope results.
describe('refreshes of a day in progress', () => {
  const dir = tempDir('refresh-pruning');
  let collector: RunningCollector;

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
    const secret = await siteWithSecret(adminFor(collector.url, dir.path), 's1', 't');
    for (const n of [1, 2]) {
      const device = await enroll(collector.url, secret, String(n).repeat(64));
      expect((await postReport(collector.url, device.node_key, reportFor('good', device.device_id))).status).toBe(202);
    }
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  const deviceRows = async (runId: string) =>
    Number((await collector.store.query<{ n: string }>(`SELECT count() AS n FROM {db}.control_results WHERE run_id = {run:String}`, { run: runId }))[0]!.n);
  const scopeRows = async (runId: string) =>
    Number((await collector.store.query<{ n: string }>(`SELECT count() AS n FROM {db}.scope_results WHERE run_id = {run:String}`, { run: runId }))[0]!.n);

  it('a refresh deletes the per-device rows of the refresh it supersedes, and nothing of other runs', async () => {
    const model = collector.scoring.model;
    const first = await evaluateControls(collector.store, model, AS_OF, 'first evaluation');
    const refreshes = [];
    for (let i = 0; i < 3; i++) refreshes.push(await evaluateControls(collector.store, model, AS_OF, 'today refresh'));
    const perRun = await deviceRows(first.run_id);
    expect(perRun).toBeGreaterThan(0);
    expect(await deviceRows(refreshes[0]!.run_id)).toBe(0);
    expect(await deviceRows(refreshes[1]!.run_id)).toBe(0);
    expect(await deviceRows(refreshes[2]!.run_id)).toBe(perRun);
    for (const run of [first, ...refreshes]) expect(await scopeRows(run.run_id)).toBeGreaterThan(0);
    const history = await collector.store.query<{ run_id: string }>(`SELECT run_id FROM {db}.score_run_history WHERE as_of = {as_of:Date}`, { as_of: AS_OF });
    expect(history.map((r) => r.run_id)).toEqual(expect.arrayContaining([first, ...refreshes].map((r) => r.run_id)));
  });
});
