import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHistoryAndScopeResults } from '../../../collector/store/migrations/014_run_history_scope_results.js';
import { isoDaysBefore } from '../../../collector/scoring/dates.js';
import type { RunningCollector } from '../../../collector/service.js';
import { adminFor, enroll, siteWithSecret, startTestCollector, collectorCli } from '../../helpers/collector.js';
import { postReport } from '../../helpers/reports.js';
import { AS_OF, reportFor } from '../../helpers/scoring-fleet.js';
import { tempDir } from '../../helpers/temp.js';
import { MAX_RETENTION_DAYS, resolveRetention } from '../../../collector/store/retention.js';

interface Run { run_id: string; as_of: string; model_revision: string; catalogue_revision: string; reason: string; current?: boolean }
interface Scores { as_of: string; run: Run; trusts: Array<{ trust_id: string; score: number; level: number; controls: Array<{ control_id: string; pass: number; fail: number }> }> }

const SHIPPED_CATALOGUE = new URL('../../../collector/lifecycle/catalogue.yaml', import.meta.url);

const cli = collectorCli;

// A stored run is evidence: re-evaluating a past date after a catalogue change adds a run and
// leaves the earlier one as it was; a date whose inputs are past retention is refused.
describe('score runs are immutable', () => {
  const dir = tempDir('runs');
  let collector: RunningCollector;
  const get = async <T,>(path: string) => {
    const response = await fetch(`${collector.url}${path}`, { headers: { authorization: `Bearer ${collector.viewerToken}` } });
    return { status: response.status, body: (await response.json()) as T };
  };

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
    const secret = await siteWithSecret(adminFor(collector.url, dir.path), 's1', 't');
    // One Windows 11 23H2 Enterprise laptop: out of support on AS_OF under the shipped catalogue.
    for (const [n, variant] of (['good', 'good', 'w11-23h2-ent'] as const).entries()) {
      const device = await enroll(collector.url, secret, String(n).repeat(64));
      expect((await postReport(collector.url, device.node_key, reportFor(variant, device.device_id))).status).toBe(202);
    }
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  it('re-evaluating a past date after a catalogue change adds a run and leaves the earlier one intact', async () => {
    const first = await get<Scores>(`/v1/scores?as_of=${AS_OF}`);
    expect(first.status).toBe(200);
    expect(first.body.run.reason).toBe('first evaluation');
    const osFailing = (s: Scores) => s.trusts[0]!.controls.find((c) => c.control_id === 'CYB-OS-SUPPORTED')!.fail;
    expect(osFailing(first.body)).toBe(1);

    // A new catalogue: Microsoft (say) extends 23H2 Enterprise by a year. Loaded at the next start.
    const shipped = readFileSync(SHIPPED_CATALOGUE, 'utf8');
    const entry = /(product: windows-11, version: "?23H2"?, editions: enterprise-education,[^\n]*end_of_support: )2026-11-10/;
    expect(shipped).toMatch(entry);
    const changed = shipped.replace(entry, '$12027-11-09').replace(/^revision: .*$/m, 'revision: test-extended-23h2');
    const file = join(dir.path, 'catalogue.yaml');
    writeFileSync(file, changed);
    await collector.close();
    collector = await startTestCollector(dir.path, { eolCatalogue: file });

    // Reading the past date again does not re-score it: the stored run answers, unchanged.
    const reread = await get<Scores>(`/v1/scores?as_of=${AS_OF}`);
    expect(reread.body).toEqual(first.body);

    const admin = adminFor(collector.url, dir.path);
    const { run, previous } = await admin.reevaluateScores(AS_OF);
    expect(previous?.run_id).toBe(first.body.run.run_id);
    expect(run).toMatchObject({ as_of: AS_OF, reason: 'requested', model_revision: first.body.run.model_revision });
    expect(run.catalogue_revision).not.toBe(first.body.run.catalogue_revision);
    expect(run.run_id).not.toBe(first.body.run.run_id);

    const current = await get<Scores>(`/v1/scores?as_of=${AS_OF}`);
    expect(current.body.run.run_id).toBe(run.run_id);
    expect(osFailing(current.body)).toBe(0);
    // The earlier run, read by id, is exactly what it was.
    const earlier = await get<Scores>(`/v1/scores?run_id=${first.body.run.run_id}`);
    expect(earlier.body).toEqual(first.body);

    const runs = await get<{ runs: Run[] }>(`/v1/runs?as_of=${AS_OF}`);
    expect(runs.body.runs.map((r) => [r.run_id, r.current])).toEqual([
      [first.body.run.run_id, false],
      [run.run_id, true],
    ]);
    // The trend says which run, model and catalogue each point used.
    const trend = await get<{ points: Run[] }>(`/v1/scores/trend?trust=t&from=${AS_OF}&to=${AS_OF}`);
    expect(trend.body.points).toEqual([expect.objectContaining({ as_of: AS_OF, run_id: run.run_id, catalogue_revision: run.catalogue_revision, model_revision: run.model_revision })]);

    // The CLI lists both, the current one marked.
    const listed = await cli(['scores', 'runs', '--as-of', AS_OF, '--url', collector.url, '--data-dir', dir.path]);
    expect(listed.code, listed.out).toBe(0);
    expect(listed.out).toContain(`  ${first.body.run.run_id}`);
    expect(listed.out).toContain(`* ${run.run_id}`);
  });

  it('a run made before run history (no per-scope results) is kept; reading its date adds an upgrade run', async () => {
    const day = isoDaysBefore(AS_OF, 2);
    const old = '11111111-1111-4111-8111-111111111111';
    // As the collector before migration 014 left it: a pointer row only; the migration's own statement seeds the history.
    await collector.store.insert('score_runs', [{ as_of: day, run_id: old, model_revision: 'before', catalogue_revision: 'before', devices: 0, computed_at: '2026-11-01 00:00:00.000' }]);
    await collector.store.command(runHistoryAndScopeResults.statements[1]!);
    const before = await get<{ runs: Run[] }>(`/v1/runs?as_of=${day}`);
    expect(before.body.runs).toEqual([expect.objectContaining({ run_id: old, reason: 'recorded before run history', current: true })]);

    const read = await get<Scores>(`/v1/scores?as_of=${day}`);
    expect(read.body.run.reason).toBe('upgrade');
    const after = await get<{ runs: Run[] }>(`/v1/runs?as_of=${day}`);
    expect(after.body.runs.map((r) => [r.run_id, r.current])).toEqual([
      [old, false],
      [read.body.run.run_id, true],
    ]);
  });

  it('an unknown run id is a 404, a run of another date a 400', async () => {
    expect((await get(`/v1/scores?run_id=00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    const { body } = await get<Scores>(`/v1/scores?as_of=${AS_OF}`);
    expect((await get(`/v1/scores?as_of=${isoDaysBefore(AS_OF, 1)}&run_id=${body.run.run_id}`)).status).toBe(400);
  });
});

describe('retention', () => {
  const dir = tempDir('retention');
  let collector: RunningCollector;

  beforeAll(async () => {
    collector = await startTestCollector(dir.path, { retention: { inputDays: 60, runDays: 30 } });
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  it('sets every retained table’s TTL from the one setting', async () => {
    const rows = await collector.store.query<{ name: string; engine_full: string }>(
      `SELECT name, engine_full FROM system.tables WHERE database = {database:String} AND name IN ('inventory_history', 'wifi_samples', 'network_device_history', 'control_results', 'scope_results', 'score_run_history', 'score_runs')`,
      { database: collector.store.database },
    );
    const ttl = Object.fromEntries(rows.map((r) => [r.name, /toIntervalDay\((\d+)\)/.exec(r.engine_full)?.[1]]));
    expect(ttl).toEqual({ inventory_history: '60', wifi_samples: '60', network_device_history: '60', control_results: '30', scope_results: '30', score_run_history: '30', score_runs: '30' });
  });

  it('refuses to score a date whose inputs are past retention, with the reason, from the API and the CLI', async () => {
    const today = collector.scoring.today();
    const tooOld = isoDaysBefore(today, 45);
    const oldest = isoDaysBefore(today, 30);
    const admin = await fetch(`${collector.url}/v1/admin/scores/reevaluate?as_of=${tooOld}`, { method: 'POST', headers: { authorization: `Bearer ${adminFor(collector.url, dir.path).token}` } });
    expect(admin.status).toBe(409);
    const refusal = ((await admin.json()) as { error: string }).error;
    expect(refusal).toContain(`${tooOld} cannot be scored again`);
    expect(refusal).toContain('inputs are kept 60 days');
    expect(refusal).toContain(`the oldest date that can be scored is ${oldest}`);

    // A read of such a date with no stored run is refused the same way rather than scored from half its inputs.
    const read = await fetch(`${collector.url}/v1/scores?as_of=${tooOld}`, { headers: { authorization: `Bearer ${collector.viewerToken}` } });
    expect(read.status).toBe(409);

    const future = await fetch(`${collector.url}/v1/admin/scores/reevaluate?as_of=${isoDaysBefore(today, -1)}`, { method: 'POST', headers: { authorization: `Bearer ${adminFor(collector.url, dir.path).token}` } });
    expect(future.status).toBe(400);

    const fromCli = await cli(['scores', 'reevaluate', '--as-of', tooOld, '--url', collector.url, '--data-dir', dir.path]);
    expect(fromCli.code).toBe(1);
    expect(fromCli.out).toContain('HTTP 409');
    expect(fromCli.out).toContain(`the oldest date that can be scored is ${oldest}`);

    // The oldest date still allowed is scored.
    expect((await adminFor(collector.url, dir.path).reevaluateScores(oldest)).run.as_of).toBe(oldest);
  });

  it('refuses a configuration that keeps runs longer than their inputs', async () => {
    const bad = tempDir('bad-retention');
    await expect(startTestCollector(bad.path, { retention: { inputDays: 400, runDays: 400 } })).rejects.toThrow(/inputs must be kept at least 430 days/);
    bad.remove();
  });

  it('refuses a retention whose TTL would run past the end of ClickHouse DateTime (2106)', () => {
    expect(() => resolveRetention({ inputDays: 36_500 })).toThrow(/input retention: 36500 is not a whole number of days from 1 to 10950/);
    expect(resolveRetention({ inputDays: MAX_RETENTION_DAYS })).toEqual({ inputDays: MAX_RETENTION_DAYS, runDays: MAX_RETENTION_DAYS - 30 });
  });
});
