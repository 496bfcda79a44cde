import type { ScoringModel } from '../../collector/scoring/controls.js';
import type { DashboardSpec, Json, PanelSpec } from './model.js';
import { RANGE_DATES } from './sql/common.js';
import { CONTROL_IMPACT, LEVEL_GATES, SITE_LEAGUE, trendSql, TRUST_HELD_DOWN, TRUST_SCOPE } from './sql/scores.js';
import { snapshotVariables, trustVariable } from './variables.js';

/** Score colours at the model's level bands (each level's least score): red (level 1) … green (the top level). */
export function levelThresholds(model: ScoringModel): Array<[string, number | null]> {
  const palette = ['red', 'orange', 'yellow', 'light-green', 'green', 'dark-green', 'blue', 'purple', 'dark-blue', 'dark-purple'];
  return model.levels.map((level, i): [string, number | null] => [palette[i]!, i === 0 ? null : level.min_score]);
}

/** Value mappings 1 → "1 · …" from the model's level names. */
function levelMappings(model: ScoringModel): Json[] {
  const options = Object.fromEntries(model.levels.map((level, i) => [String(level.level), { text: `${level.level} · ${level.name}`, index: i }]));
  return [{ type: 'value', options }];
}

export function cioDashboard(model: ScoringModel): DashboardSpec {
  const stat = (title: string, column: string, description: string, extra: Partial<PanelSpec> = {}): PanelSpec => ({
    title, description, type: 'stat', w: 4, h: 5, sql: `SELECT ${column} FROM (${TRUST_SCOPE})`, ...extra,
  });
  const score = { thresholds: levelThresholds(model), min: 0, max: 100, decimals: 1 };
  const lowConfidence = model.coverage.low_confidence_below;
  const bands = model.levels.map((l) => `${l.level} from ${l.min_score}`).join(', ');
  return {
    uid: 'sf-cio',
    title: 'Smart Foundations — CIO',
    description: "A trust's maturity score, level, coverage and trend, its sites' league table and the controls costing it most.",
    tags: ['smart-foundations', 'cio'],
    variables: [...snapshotVariables(), trustVariable(false)],
    panels: [
      stat('Trust score', 'score AS Score', 'Mean of the infrastructure and cyber domain scores (0–100) in the latest daily snapshot up to the end of the time range, as the collector stored it when it made the snapshot (GET /v1/scores reads the same row).', score),
      stat('Maturity level', 'level AS Level', `The level reached: the score's band (${bands}) and every level gate up to it holding (a gate fails when too many devices fail its controls), as stored with the snapshot.`, {
        custom: {}, options: { colorMode: 'value' }, columns: { Level: { mappings: levelMappings(model) } },
      }),
      stat('Coverage', 'coverage AS Coverage', `Devices that reported within ${model.coverage.reporting_days} days ÷ devices known (reported ever, or in the asset register). Below ${lowConfidence * 100} % the score is low-confidence.`, {
        unit: 'percentunit', decimals: 1, min: 0, max: 1, thresholds: [['red', null], ['green', lowConfidence]],
      }),
      stat('Devices', 'devices AS Devices', 'Devices scored in the snapshot: endpoints, network gear, and asset-register entries that never reported.', { options: { colorMode: 'none' } }),
      stat('Infrastructure', 'infrastructure AS Infrastructure', 'Weighted pass rate of the infrastructure controls with a known result (age, hardware, battery, Wi-Fi, latency, network firmware and links).', score),
      stat('Cyber', 'cyber AS Cyber', 'Weighted pass rate of the cyber controls with a known result (supported OS, patching, encryption, firewall, anti-malware, secure boot, reporting, network management).', score),
      {
        title: 'Level held down by', type: 'stat', w: 24, h: 3, sql: TRUST_HELD_DOWN,
        description: 'Level gates that fail and keep the level below the score band: a critical control failing more than its share of in-scope devices, so an average never hides a critical gap.',
        options: { colorMode: 'none', textMode: 'value', reduceOptions: { calcs: ['lastNotNull'], fields: '/.*/', values: false } },
      },
      {
        title: 'Score trend', type: 'timeseries', w: 24, h: 9, timeSeries: true, min: 0, max: 100, decimals: 1,
        description: 'One point per daily snapshot in the time range (the collector snapshots daily; POST /v1/admin/scores/backfill fills past days).',
        sql: trendSql(RANGE_DATES),
        custom: { drawStyle: 'line', lineWidth: 2, showPoints: 'always', pointSize: 6, spanNulls: true },
      },
      {
        title: 'Site league', type: 'table', w: 12, h: 11,
        description: "Each site's score from its own devices, best first, with its level, coverage, device count and any gate holding its level down.",
        sql: SITE_LEAGUE,
        columns: {
          Score: { 'custom.cellOptions': { type: 'color-background' }, thresholds: { mode: 'absolute', steps: levelThresholds(model).map(([color, value]) => ({ color, value })) }, decimals: 1 },
          Level: { mappings: levelMappings(model) },
          Coverage: { unit: 'percentunit', decimals: 1 },
        },
      },
      {
        title: 'Controls dragging the score down', type: 'table', w: 12, h: 11,
        description: "Points of the trust score each control's failures cost (summed over the controls: 100 − score), with pass, fail and unknown devices. A control id links to its failing devices.",
        sql: CONTROL_IMPACT,
        columns: {
          'Points lost': { 'custom.cellOptions': { type: 'gauge', mode: 'basic' }, color: { mode: 'fixed', fixedColor: 'red' }, min: 0, decimals: 2 },
          'Pass rate': { unit: 'percentunit', decimals: 1 },
          Control: { links: [{ title: 'Failing devices', url: '/d/sf-cyber/smart-foundations-cyber?var-trust=${trust}&var-control=${__value.raw}&${__url_time_range}' }] },
        },
      },
      {
        title: 'Level gates', type: 'table', w: 24, h: 8, sql: LEVEL_GATES,
        description: 'Each level gate of the scoring model for the trust: the level it guards, its controls, whether it holds (failing share of the devices in scope of its controls at most the allowed share), how many failing devices must pass for it to hold, and its source.',
        columns: {
          Level: { mappings: levelMappings(model) },
          Holds: { 'custom.cellOptions': { type: 'color-text' }, mappings: [{ type: 'value', options: { 1: { text: 'holds', color: 'green', index: 0 }, 0: { text: 'fails', color: 'red', index: 1 } } }] },
          'Failing share': { unit: 'percentunit', decimals: 1 },
          'Allowed share': { unit: 'percentunit', decimals: 1 },
        },
      },
    ],
  };
}
