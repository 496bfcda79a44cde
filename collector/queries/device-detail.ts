import type { Store } from '../store/store.js';
import type { ScoringModel } from '../scoring/controls.js';
import { deviceScore } from '../scoring/scores.js';
import type { ScoringService } from '../scoring/service.js';
import { TRUST_SCOPE_SQL, trustScopeParams } from '../store/trust-scope.js';
import { deviceLabels, labelOf } from './device-labels.js';

/**
 * One device as of a date, from the date's current run (made first if the date has none): labels,
 * every control with status, reason and evidence, its score and daily history; undefined outside `trusts`.
 */
export async function deviceDetail(store: Store, scoring: ScoringService, asOf: string, deviceId: string, trusts?: readonly string[]) {
  const run = await scoring.run(asOf);
  const model = scoring.model;
  const results = await store.query<{ control_id: string; status: string; reason: string; evidence: string; site_id: string; trust_id: string; kind: string }>(
    `SELECT control_id, status, reason, evidence, site_id, trust_id, kind FROM {db}.control_results
     WHERE as_of = {as_of:Date} AND run_id = {run:String} AND device_id = {device:String} AND ${TRUST_SCOPE_SQL} ORDER BY control_id`,
    { as_of: run.as_of, run: run.run_id, device: deviceId, ...trustScopeParams(trusts) },
  );
  if (results.length === 0) return undefined;
  const { site_id, trust_id, kind } = results[0]!;
  const [labels, history] = await Promise.all([deviceLabels(store, run.as_of, [deviceId]), deviceHistory(store, model, deviceId, run.as_of)]);
  return {
    as_of: run.as_of,
    device_id: deviceId,
    site_id,
    trust_id,
    kind,
    ...labelOf(labels, deviceId),
    score: deviceScore(results, model),
    controls: results.map(({ control_id, status, reason, evidence }) => ({ control_id, status, reason, evidence })),
    history,
  };
}

/** The device's result on every control in each date's current run over the 30 days up to `asOf`. */
async function deviceHistory(store: Store, model: ScoringModel, deviceId: string, asOf: string) {
  const rows = await store.query<{ day: string; results: Array<[string, string]> }>(
    `SELECT toString(as_of) AS day, groupArray((control_id, status)) AS results FROM {db}.control_results
     WHERE device_id = {device:String} AND as_of BETWEEN addDays({as_of:Date}, -29) AND {as_of:Date}
       AND (as_of, run_id) IN (SELECT as_of, run_id FROM {db}.score_runs FINAL WHERE as_of BETWEEN addDays({as_of:Date}, -29) AND {as_of:Date})
     GROUP BY as_of ORDER BY as_of`,
    { device: deviceId, as_of: asOf },
  );
  return rows.map(({ day, results }) => ({
    as_of: day,
    score: deviceScore(results.map(([control_id, status]) => ({ control_id, status })), model),
    controls: Object.fromEntries(results),
  }));
}
