import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.js';
import { toClickHouseTime } from '../store/time.js';
import { compileControl, type ScoringModel } from './controls.js';
import { factsQuery } from './facts.js';
import { networkFactsQuery } from './network-facts.js';

export interface ScoreRun {
  as_of: string;
  run_id: string;
  model_revision: string;
  catalogue_revision: string;
  devices: number;
  computed_at: string;
}

/**
 * Evaluates every control for every device as of a date — one pass over the endpoint facts and
 * one over the network-gear facts — and makes the result the active run for that date.
 */
export async function evaluateControls(store: Store, model: ScoringModel, asOf: string): Promise<ScoreRun> {
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
  };
  await store.insert('score_runs', [run as unknown as Record<string, unknown>]);
  return run;
}

export async function activeRun(store: Store, asOf: string): Promise<ScoreRun | undefined> {
  const rows = await store.query<ScoreRun>(
    `SELECT as_of, run_id, model_revision, catalogue_revision, devices, toString(computed_at) AS computed_at
     FROM {db}.score_runs FINAL WHERE as_of = {as_of:Date}`,
    { as_of: asOf },
  );
  return rows[0];
}
