import type { ScoringModel } from '../../collector/scoring/controls.js';
import type { DashboardSpec, Json, PanelSpec } from './model.js';
import { DB, LATEST_RUN_DATE, RANGE_DATES, TRUST_FILTER } from './sql/common.js';
import { controlImpactSql, scoreSql } from './sql/scores.js';
import { trustVariable } from './variables.js';

/** Score colours at the level cut-offs of the model: red (level 1) … green (level 5). */
export function levelThresholds(model: ScoringModel): Array<[string, number | null]> {
  const colours = ['red', 'orange', 'yellow', 'light-green', 'green'];
  return [[colours[0]!, null], ...model.levels.cut_offs.map((cut, i): [string, number] => [colours[i + 1]!, cut])];
}

/** Value mappings 1 → "1 · Initial" … from the model's level names. */
function levelMappings(model: ScoringModel): Json[] {
  const options = Object.fromEntries(model.levels.names.map((name, i) => [String(i + 1), { text: `${i + 1} · ${name}`, index: i }]));
  return [{ type: 'value', options }];
}

export function cioDashboard(model: ScoringModel): DashboardSpec {
  const latest = scoreSql(model, { dates: `as_of = ${LATEST_RUN_DATE}`, filter: TRUST_FILTER, by: 'trust' });
  const stat = (title: string, column: string, description: string, extra: Partial<PanelSpec> = {}): PanelSpec => ({
    title, description, type: 'stat', w: 4, h: 5, sql: `SELECT ${column} FROM (${latest})`, ...extra,
  });
  const score = { thresholds: levelThresholds(model), min: 0, max: 100, decimals: 1 };
  const lowConfidence = model.coverage.low_confidence_below;
  return {
    uid: 'sf-cio',
    title: 'Smart Foundations — CIO',
    description: "A trust's maturity score, level, coverage and trend, its sites' league table and the controls costing it most.",
    tags: ['smart-foundations', 'cio'],
    variables: [trustVariable(false)],
    panels: [
      stat('Trust score', 'score AS Score', 'Mean of the infrastructure and cyber domain scores (0–100) of the latest daily snapshot up to the end of the time range; the same arithmetic as GET /v1/scores.', score),
      stat('Maturity level', 'level AS Level', `Level from the score (cut-offs ${model.levels.cut_offs.join(' / ')}), then capped while a critical control fails too many devices.`, {
        custom: {}, options: { colorMode: 'value' }, columns: { Level: { mappings: levelMappings(model) } },
      }),
      stat('Coverage', 'coverage AS Coverage', `Devices that reported within ${model.coverage.reporting_days} days ÷ devices known (reported ever, or in the asset register). Below ${lowConfidence * 100} % the score is low-confidence.`, {
        unit: 'percentunit', decimals: 1, min: 0, max: 1, thresholds: [['red', null], ['green', lowConfidence]],
      }),
      stat('Devices', 'devices AS Devices', 'Devices scored in the snapshot: endpoints, network gear, and asset-register entries that never reported.', { options: { colorMode: 'none' } }),
      stat('Infrastructure', 'infrastructure AS Infrastructure', 'Weighted pass rate of the infrastructure controls with a known result (age, hardware, battery, Wi-Fi, latency, network firmware and links).', score),
      stat('Cyber', 'cyber AS Cyber', 'Weighted pass rate of the cyber controls with a known result (supported OS, patching, encryption, firewall, anti-malware, secure boot, reporting, network management).', score),
      {
        title: 'Level held down by', type: 'stat', w: 24, h: 3,
        description: 'Caps applied to the level: a critical control failing more than its share of in-scope devices keeps the level at its maximum, so an average never hides a critical gap.',
        sql: `SELECT if(capped_by = '', 'no cap applies', capped_by) AS "Capped by" FROM (${latest})`,
        options: { colorMode: 'none', textMode: 'value', reduceOptions: { calcs: ['lastNotNull'], fields: '/.*/', values: false } },
      },
      {
        title: 'Score trend', type: 'timeseries', w: 24, h: 9, timeSeries: true, min: 0, max: 100, decimals: 1,
        description: 'One point per daily snapshot in the time range (the collector snapshots daily; POST /v1/admin/scores/backfill fills past days).',
        sql: `SELECT toDateTime(as_of, 'UTC') AS time, score AS Score, infrastructure AS Infrastructure, cyber AS Cyber
FROM (${scoreSql(model, { dates: RANGE_DATES, filter: TRUST_FILTER, by: 'trust' })})
ORDER BY time`,
        custom: { drawStyle: 'line', lineWidth: 2, showPoints: 'always', pointSize: 6, spanNulls: true },
      },
      {
        title: 'Site league', type: 'table', w: 12, h: 11,
        description: "Each site's score from its own devices, best first, with its level, coverage and device count.",
        sql: `SELECT if(n.name = '', x.site_id, n.name) AS Site, x.score AS Score, x.level AS Level, x.infrastructure AS Infrastructure,
  x.cyber AS Cyber, x.coverage AS Coverage, x.devices AS Devices, x.capped_by AS "Capped by"
FROM (${scoreSql(model, { dates: `as_of = ${LATEST_RUN_DATE}`, filter: TRUST_FILTER, by: 'site' })}) AS x
LEFT JOIN (SELECT site_id, name FROM ${DB}.sites FINAL) AS n ON n.site_id = x.site_id
ORDER BY x.score DESC NULLS LAST, Site
SETTINGS join_use_nulls = 0`,
        columns: {
          Score: { 'custom.cellOptions': { type: 'color-background' }, thresholds: { mode: 'absolute', steps: levelThresholds(model).map(([color, value]) => ({ color, value })) }, decimals: 1 },
          Level: { mappings: levelMappings(model) },
          Coverage: { unit: 'percentunit', decimals: 1 },
        },
      },
      {
        title: 'Controls dragging the score down', type: 'table', w: 12, h: 11,
        description: "Points of the trust score each control's failures cost (summed over the controls: 100 − score), with pass, fail and unknown devices. A control id links to its failing devices.",
        sql: `SELECT control_id AS Control, title AS Title, domain AS Domain, weight AS Weight, points_lost AS "Points lost",
  pass_rate AS "Pass rate", fail AS Failing, pass AS Passing, unknown AS Unknown
FROM (${controlImpactSql(model, { dates: `as_of = ${LATEST_RUN_DATE}`, filter: TRUST_FILTER, by: 'trust' })})
ORDER BY points_lost DESC NULLS LAST, Control`,
        columns: {
          'Points lost': { 'custom.cellOptions': { type: 'gauge', mode: 'basic' }, color: { mode: 'fixed', fixedColor: 'red' }, min: 0, decimals: 2 },
          'Pass rate': { unit: 'percentunit', decimals: 1 },
          Control: { links: [{ title: 'Failing devices', url: '/d/sf-cyber/smart-foundations-cyber?var-trust=${trust}&var-control=${__value.raw}&${__url_time_range}' }] },
        },
      },
    ],
  };
}
