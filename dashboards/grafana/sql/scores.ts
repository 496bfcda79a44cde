import type { ScoringModel } from '../../../collector/scoring/controls.js';
import { DB, list, literal } from './common.js';

/**
 * Score SQL generated from the control catalogue (collector/scoring/controls.yaml), so the
 * dashboards compute exactly what collector/scoring/scores.ts computes from the same per-run
 * counts (`score_counts`): pass rate = pass ÷ (pass + fail); domain score = Σ weight × pass rate
 * ÷ Σ weight over the domain's controls with a known result; score = mean of the known domain
 * scores; level from the cut-offs, then capped; coverage = CYB-REPORTING pass ÷ in scope.
 * A new control, weight, cut-off or cap changes the generated SQL with it.
 */

/** The control whose results are the coverage figure (as in scores.ts). */
const COVERAGE_CONTROL = 'CYB-REPORTING';

export interface ScoreQuery {
  /** SQL boolean over `as_of`: which dates' active runs to read. */
  dates: string;
  /** SQL boolean over score_counts' `trust_id` and `site_id`. */
  filter: string;
  /** Score each trust, or each site. */
  by: 'trust' | 'site';
}

/** JS Math.round(x × 10^places) ÷ 10^places, which scores.ts uses (ClickHouse round() is banker's). */
export const jsRound = (x: string, places: number) => `floor((${x}) * ${10 ** places} + 0.5) / ${10 ** places}`;

/** Per control and scope: pass, fail and unknown counts summed over the scope's sites, with weight and domain. */
export function controlCountsSql(model: ScoringModel, q: ScoreQuery): string {
  const ids = list(model.controls.map((c) => literal(c.id)));
  return `SELECT as_of, trust_id, ${q.by === 'site' ? 'site_id' : "''"} AS scope_site, control_id,
    sum(pass) AS p, sum(fail) AS f, sum(unknown) AS u,
    transform(control_id, ${ids}, ${list(model.controls.map((c) => `toFloat64(${c.weight})`))}, toFloat64(0)) AS w,
    transform(control_id, ${ids}, ${list(model.controls.map((c) => literal(c.domain)))}, '') AS dom
  FROM ${DB}.score_counts
  WHERE (as_of, run_id) IN (SELECT as_of, run_id FROM ${DB}.score_runs FINAL WHERE ${q.dates})
    AND ${q.filter}
  GROUP BY as_of, trust_id, scope_site, control_id`;
}

/** One row per date and scope: score, domain scores, level (capped), coverage, device count. */
export function scoreSql(model: ScoringModel, q: ScoreQuery): string {
  const domains = ['infrastructure', 'cyber'] as const;
  const exact = (d: string) => `if(${d}_w > 0, 100 * ${d}_num / ${d}_w, NULL)`;
  const known = domains.map((d) => `(${d}_exact IS NOT NULL)`).join(' + ');
  const caps = model.levels.caps;
  const levelSteps = caps.map((cap, k) => {
    const share = `if(cap${k}_scope > 0, cap${k}_fail / cap${k}_scope, 0)`;
    return [
      `${share} AS cap${k}_share`,
      `cap${k}_share > ${cap.max_fail_share} AND level${k} > ${cap.max_level} AS capped${k}`,
      `if(capped${k}, ${cap.max_level}, level${k}) AS level${k + 1}`,
    ].join(',\n    ');
  });
  const cappedBy = caps.map((cap, k) => `if(capped${k}, concat(${literal(cap.control)}, ' (', toString(${jsRound(`cap${k}_share * 100`, 1)}), ' % failing)'), '')`);
  return `SELECT as_of, trust_id, scope_site AS site_id, score, infrastructure, cyber, level${caps.length} AS level,
    arrayElement(${list(model.levels.names.map(literal))}, level${caps.length}) AS level_name,
    arrayStringConcat(arrayFilter(x -> x != '', ${list(cappedBy)}), ', ') AS capped_by,
    coverage, coverage IS NULL OR coverage < ${model.coverage.low_confidence_below} AS low_confidence, devices
  FROM (
  SELECT as_of, trust_id, scope_site, devices,
    ${domains.map((d) => `${exact(d)} AS ${d}_exact`).join(',\n    ')},
    ${domains.map((d) => `if(${d}_exact IS NULL, NULL, ${jsRound(`${d}_exact`, 1)}) AS ${d}`).join(',\n    ')},
    if(${known} = 0, NULL, ${jsRound(`(${domains.map((d) => `ifNull(${d}_exact, 0)`).join(' + ')}) / (${known})`, 1)}) AS score,
    if(score IS NULL, NULL, 1 + ${model.levels.cut_offs.map((cut) => `(score >= ${cut})`).join(' + ')}) AS level0,
    ${levelSteps.join(',\n    ')}${levelSteps.length ? ',' : ''}
    if(cov_scope > 0, ${jsRound('cov_pass / cov_scope', 4)}, NULL) AS coverage
  FROM (
    SELECT as_of, trust_id, scope_site,
      ${domains.map((d) => `sumIf(w * p / (p + f), dom = '${d}' AND p + f > 0) AS ${d}_num, sumIf(w, dom = '${d}' AND p + f > 0) AS ${d}_w`).join(',\n      ')},
      ${caps.map((cap, k) => `sumIf(f, control_id = ${literal(cap.control)}) AS cap${k}_fail, sumIf(p + f + u, control_id = ${literal(cap.control)}) AS cap${k}_scope`).join(',\n      ')}${caps.length ? ',' : ''}
      sumIf(p, control_id = '${COVERAGE_CONTROL}') AS cov_pass, sumIf(p + f + u, control_id = '${COVERAGE_CONTROL}') AS cov_scope,
      -- score_counts' row with control_id '' carries the scope's device count in "pass"
      sumIf(p, control_id = '') AS devices
    FROM (${controlCountsSql(model, q)})
    GROUP BY as_of, trust_id, scope_site
  ))`;
}

/**
 * Per control in each scope: counts, pass rate, and the points of the overall score its failures
 * cost — 100 × weight × (1 − pass rate) ÷ the domain's known weight ÷ the number of known
 * domains, which summed over the controls is 100 − score.
 */
export function controlImpactSql(model: ScoringModel, q: ScoreQuery): string {
  const titles = transformOf(model, (c) => literal(c.title));
  const scope = 'PARTITION BY as_of, trust_id, scope_site';
  return `SELECT as_of, trust_id, scope_site AS site_id, control_id, ${titles} AS title, dom AS domain, w AS weight,
    toUInt64(p) AS pass, toUInt64(f) AS fail, toUInt64(u) AS unknown,
    if(p + f > 0, ${jsRound('p / (p + f)', 4)}, NULL) AS pass_rate,
    if(p + f > 0, ${jsRound('100 * w * (1 - p / (p + f)) / domain_weight / known_domains', 2)}, NULL) AS points_lost
  FROM (
    SELECT *,
      sum(if(p + f > 0, w, 0)) OVER (PARTITION BY as_of, trust_id, scope_site, dom) AS domain_weight,
      (max(dom = 'infrastructure' AND p + f > 0) OVER (${scope})) + (max(dom = 'cyber' AND p + f > 0) OVER (${scope})) AS known_domains
    FROM (${controlCountsSql(model, q)})
  )
  WHERE control_id != ''`;
}

function transformOf(model: ScoringModel, value: (c: ScoringModel['controls'][number]) => string): string {
  return `transform(control_id, ${list(model.controls.map((c) => literal(c.id)))}, ${list(model.controls.map(value))}, '')`;
}
