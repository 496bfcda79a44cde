import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.js';
import { toClickHouseTime } from '../store/time.js';
import { compileControl, type ScoringModel } from './controls.js';
import { factsQuery } from './facts.js';
import { networkFactsQuery } from './network-facts.js';
import { scopeRows, type ScopeRow } from './scope-rows.js';
import { scoreScope, type ControlCounts } from './scores.js';

/** Why a run was made: recorded with it, so a trend or an auditor sees what each point rests on. */
export type RunReason = 'first evaluation' | 'today refresh' | 'model change' | 'catalogue change' | 'firmware catalogue change' | 'asset register change' | 'requested' | 'upgrade';

export interface ScoreRun {
  as_of: string;
  run_id: string;
  model_revision: string;
  catalogue_revision: string;
  devices: number;
  computed_at: string;
  reason: string;
}

/**
 * Evaluates every control for every device as of a date — one pass over the endpoint facts and
 * one over the network-gear facts — scores every trust and site from the results, and makes the
 * new run the date's current one. Nothing of an earlier run is changed: it stays readable by id.
 */
export async function evaluateControls(store: Store, model: ScoringModel, asOf: string, reason: RunReason): Promise<ScoreRun> {
  const runId = randomUUID();
  const controls = model.controls.map((c) => compileControl(c));
  for (const [scope, facts] of [['endpoint', factsQuery()], ['network', networkFactsQuery()]] as const) {
    const perControl = controls
      .filter((c) => c.scope === scope)
      .map((c) => `tuple('${c.id}', toUInt8(${c.sql.applies}), toString(${c.sql.status}), toString(${c.sql.reason}), toString(${c.sql.evidence}))`);
    if (perControl.length === 0) continue;
    await store.command(
      `INSERT INTO {db}.control_results (run_id, as_of, device_id, trust_id, site_id, kind, control_id, status, reason, evidence)
       SELECT {run_id:String}, as_of, device_id, trust_id, site_id, kind, result.1, result.3, result.4, result.5
       FROM (${facts})
       ARRAY JOIN [
      ${perControl.join(',\n      ')}
       ] AS result
       WHERE result.2 = 1`,
      { as_of: asOf, run_id: runId },
    );
  }
  // Aggregated once here so reading scores never scans every device's results.
  await store.command(
    `INSERT INTO {db}.score_counts (run_id, as_of, trust_id, site_id, control_id, pass, fail, unknown)
     SELECT run_id, as_of, trust_id, site_id, control_id, countIf(status = 'pass'), countIf(status = 'fail'), countIf(status = 'unknown')
     FROM {db}.control_results WHERE as_of = {as_of:Date} AND run_id = {run_id:String}
     GROUP BY run_id, as_of, trust_id, site_id, control_id
     UNION ALL
     SELECT run_id, as_of, trust_id, site_id, '', uniqExact(device_id), 0, 0
     FROM {db}.control_results WHERE as_of = {as_of:Date} AND run_id = {run_id:String}
     GROUP BY run_id, as_of, trust_id, site_id`,
    { as_of: asOf, run_id: runId },
  );
  const [counts] = await store.query<{ devices: number; revision: string }>(
    `SELECT (SELECT sum(pass) FROM {db}.score_counts WHERE as_of = {as_of:Date} AND run_id = {run_id:String} AND control_id = '') AS devices,
            (SELECT argMax(revision, loaded_at) FROM {db}.eol_catalogue_active) AS revision`,
    { as_of: asOf, run_id: runId },
  );
  const run: ScoreRun = {
    as_of: asOf,
    run_id: runId,
    model_revision: model.revision,
    catalogue_revision: counts?.revision ?? '',
    devices: Number(counts?.devices ?? 0),
    computed_at: toClickHouseTime(Date.now()),
    reason,
  };
  await store.insert('scope_results', (await scoreScopes(store, model, run)) as unknown as Record<string, unknown>[]);
  await store.insert('score_run_history', [run as unknown as Record<string, unknown>]);
  // Last: a run becomes current only once everything it scored is stored.
  const { reason: _reason, ...pointer } = run;
  await store.insert('score_runs', [pointer]);
  if (reason === 'today refresh') await pruneSupersededRefreshes(store, run);
  return run;
}

/**
 * A day in progress is re-scored as it goes (every 15 minutes while it is read), and each such run
 * writes a row per device and control: kept for every refresh, a fleet of a million devices would
 * store a billion rows a day. So when a refresh supersedes an earlier refresh of the same date, the
 * earlier one's per-device rows are deleted. Its run record and its per-scope results (a few rows
 * per site) stay, so the day's history of scores is still complete; runs made for any other reason
 * (first evaluation, a model or catalogue change, a request) keep everything.
 */
async function pruneSupersededRefreshes(store: Store, run: ScoreRun): Promise<void> {
  const superseded = await store.query<{ run_id: string }>(
    `SELECT run_id FROM {db}.score_run_history
     WHERE as_of = {as_of:Date} AND reason = 'today refresh' AND run_id != {run_id:String}`,
    { as_of: run.as_of, run_id: run.run_id },
  );
  if (superseded.length === 0) return;
  await store.command(`DELETE FROM {db}.control_results WHERE as_of = {as_of:Date} AND run_id IN {runs:Array(String)}`, {
    as_of: run.as_of,
    runs: superseded.map((r) => r.run_id),
  });
}

/** Every trust and site of the run, scored once from its per-site counts by the one scoring function. */
async function scoreScopes(store: Store, model: ScoringModel, run: ScoreRun): Promise<ScopeRow[]> {
  const counted = await store.query<ControlCounts & { trust_id: string; site_id: string }>(
    `SELECT trust_id, site_id, control_id, pass, fail, unknown FROM {db}.score_counts WHERE as_of = {as_of:Date} AND run_id = {run_id:String}`,
    { as_of: run.as_of, run_id: run.run_id },
  );
  const titles = new Map(model.controls.map((c) => [c.id, c.title]));
  const rows: ScopeRow[] = [];
  for (const trustId of [...new Set(counted.map((r) => r.trust_id))].sort()) {
    const ofTrust = counted.filter((r) => r.trust_id === trustId);
    let trustDevices = 0;
    for (const siteId of [...new Set(ofTrust.map((r) => r.site_id))].sort()) {
      const ofSite = ofTrust.filter((r) => r.site_id === siteId);
      const devices = devicesIn(ofSite);
      trustDevices += devices;
      rows.push(...scopeRows({ run_id: run.run_id, as_of: run.as_of, trust_id: trustId, site_id: siteId }, scoreScope(sumCounts(ofSite), model, devices), titles));
    }
    rows.push(...scopeRows({ run_id: run.run_id, as_of: run.as_of, trust_id: trustId, site_id: '' }, scoreScope(sumCounts(ofTrust), model, trustDevices), titles));
  }
  return rows;
}

/** score_counts' row with control_id '' carries a site's device count in `pass`. */
const devicesIn = (rows: Array<ControlCounts>) => rows.filter((r) => r.control_id === '').reduce((sum, r) => sum + Number(r.pass), 0);

/** Sums per-site rows into per-control counts for a wider scope. */
function sumCounts(rows: ControlCounts[]): ControlCounts[] {
  const byControl = new Map<string, ControlCounts>();
  for (const r of rows) {
    if (r.control_id === '') continue;
    const c = byControl.get(r.control_id) ?? { control_id: r.control_id, pass: 0, fail: 0, unknown: 0 };
    c.pass += Number(r.pass);
    c.fail += Number(r.fail);
    c.unknown += Number(r.unknown);
    byControl.set(r.control_id, c);
  }
  return [...byControl.values()];
}

/** The date's current run: the latest made for it. */
export async function currentRun(store: Store, asOf: string): Promise<ScoreRun | undefined> {
  const rows = await store.query<ScoreRun>(
    `SELECT as_of, run_id, model_revision, catalogue_revision, devices, toString(computed_at) AS computed_at, reason
     FROM {db}.score_run_history WHERE as_of = {as_of:Date} AND run_id = (SELECT run_id FROM {db}.score_runs FINAL WHERE as_of = {as_of:Date})`,
    { as_of: asOf },
  );
  return rows[0];
}

/** Every run of a date, oldest first. */
export async function runsOf(store: Store, asOf: string): Promise<ScoreRun[]> {
  return store.query<ScoreRun>(
    `SELECT as_of, run_id, model_revision, catalogue_revision, devices, toString(computed_at) AS computed_at, reason
     FROM {db}.score_run_history WHERE as_of = {as_of:Date} ORDER BY computed_at, run_id`,
    { as_of: asOf },
  );
}

/** One run by id, whichever date it is of. */
export async function runById(store: Store, runId: string): Promise<ScoreRun | undefined> {
  const rows = await store.query<ScoreRun>(
    `SELECT as_of, run_id, model_revision, catalogue_revision, devices, toString(computed_at) AS computed_at, reason
     FROM {db}.score_run_history WHERE run_id = {run_id:String} LIMIT 1`,
    { run_id: runId },
  );
  return rows[0];
}
