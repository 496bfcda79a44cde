import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.js';
import { toClickHouseTime } from '../store/time.js';
import { compileControl, type ScoringModel } from './controls.js';
import { factsQuery } from './facts.js';

export interface ScoreRun {
  as_of: string;
  run_id: string;
  model_revision: string;
  catalogue_revision: string;
  devices: number;
  computed_at: string;
}

/**
 * Evaluates every control for every device as of a date, in one pass over the facts, and
 * makes the result the active run for that date.
 */
export async function evaluateControls(store: Store, model: ScoringModel, asOf: string): Promise<ScoreRun> {
  const runId = randomUUID();
  const controls = model.controls.map((c) => compileControl(c));
  const perControl = controls
    .map((c) => `tuple('${c.id}', toUInt8(${c.sql.applies}), toString(${c.sql.status}), toString(${c.sql.reason}), toString(${c.sql.evidence}))`)
    .join(',\n    ');
  await store.command(
    `INSERT INTO {db}.control_results (run_id, as_of, device_id, trust_id, site_id, kind, control_id, status, reason, evidence)
     SELECT {run_id:String}, as_of, device_id, trust_id, site_id, kind, result.1, result.3, result.4, result.5
     FROM (${factsQuery()})
     ARRAY JOIN [
    ${perControl}
     ] AS result
     WHERE result.2 = 1`,
    { as_of: asOf, run_id: runId },
  );
  const [counts] = await store.query<{ devices: number; revision: string }>(
    `SELECT (SELECT uniqExact(device_id) FROM {db}.control_results WHERE run_id = {run_id:String}) AS devices,
            (SELECT argMax(revision, loaded_at) FROM {db}.eol_catalogue_active) AS revision`,
    { run_id: runId },
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
