import type { GateResult } from './levels.js';
import type { ControlScore, ScopeScore } from './scores.js';

/**
 * A row of `scope_results` (migration 014): what one run scored for one scope — a trust
 * (site_id '') or a site — overall (`scope`), per control (`control`) or per level gate (`gate`).
 * Written once when the run is made; every reader rebuilds its figures from these rows.
 */
export interface ScopeRow {
  run_id: string;
  as_of: string;
  trust_id: string;
  site_id: string;
  row_kind: 'scope' | 'control' | 'gate';
  item: string;
  position: number;
  score: number | null;
  infrastructure: number | null;
  cyber: number | null;
  level: number | null;
  level_name: string;
  band_level: number | null;
  next_level: number | null;
  next_level_name: string;
  next_level_min_score: number | null;
  next_level_score_gap: number | null;
  coverage: number | null;
  low_confidence: number;
  devices: number;
  domain: string;
  weight: number;
  pass: number;
  fail: number;
  unknown: number;
  pass_rate: number | null;
  points_lost: number | null;
  title: string;
  controls: string[];
  held: number;
  holds_down: number;
  fail_share: number | null;
  max_fail_share: number | null;
  devices_to_fix: number;
  reason: string;
  source: string;
}

type Key = Pick<ScopeRow, 'run_id' | 'as_of' | 'trust_id' | 'site_id'>;

const EMPTY: Omit<ScopeRow, keyof Key | 'row_kind' | 'item' | 'position'> = {
  score: null, infrastructure: null, cyber: null, level: null, level_name: '', band_level: null,
  next_level: null, next_level_name: '', next_level_min_score: null, next_level_score_gap: null,
  coverage: null, low_confidence: 0, devices: 0, domain: '', weight: 0, pass: 0, fail: 0, unknown: 0,
  pass_rate: null, points_lost: null, title: '', controls: [], held: 0, holds_down: 0, fail_share: null,
  max_fail_share: null, devices_to_fix: 0, reason: '', source: '',
};

/** The rows that store one scope's score; `titles` names the controls as the run's model did. */
export function scopeRows(key: Key, scope: ScopeScore, titles: Map<string, string>): ScopeRow[] {
  const overall: ScopeRow = {
    ...key, ...EMPTY, row_kind: 'scope', item: '', position: 0,
    score: scope.score, infrastructure: scope.infrastructure, cyber: scope.cyber,
    level: scope.level, level_name: scope.level_name ?? '', band_level: scope.band_level,
    next_level: scope.next_level?.level ?? null, next_level_name: scope.next_level?.name ?? '',
    next_level_min_score: scope.next_level?.min_score ?? null, next_level_score_gap: scope.next_level?.score_gap ?? null,
    coverage: scope.coverage, low_confidence: scope.low_confidence ? 1 : 0, devices: scope.devices,
    reason: levelReason(scope),
  };
  const controls = scope.controls.map((c, position): ScopeRow => ({
    ...key, ...EMPTY, row_kind: 'control', item: c.control_id, position, title: titles.get(c.control_id) ?? '',
    domain: c.domain, weight: c.weight, pass: c.pass, fail: c.fail, unknown: c.unknown, pass_rate: c.pass_rate, points_lost: c.points_lost,
  }));
  const gates = scope.gates.map((g, position): ScopeRow => ({
    ...key, ...EMPTY, row_kind: 'gate', item: g.gate, position, title: g.title, level: g.level, level_name: g.level_name,
    controls: g.controls, pass: g.pass, fail: g.fail, unknown: g.unknown, held: g.held ? 1 : 0, holds_down: g.holds_down ? 1 : 0,
    fail_share: g.fail_share, max_fail_share: g.max_fail_share, devices_to_fix: g.devices_to_fix, reason: g.reason, source: g.source,
  }));
  return [overall, ...controls, ...gates];
}

/** One scope's score from its stored rows: the inverse of scopeRows. */
export function scopeFromRows(rows: ScopeRow[]): ScopeScore {
  const overall = rows.find((r) => r.row_kind === 'scope');
  if (!overall) throw new Error(`scope ${rows[0]?.trust_id}/${rows[0]?.site_id} of run ${rows[0]?.run_id} has no overall row`);
  const byPosition = (a: ScopeRow, b: ScopeRow) => a.position - b.position;
  const gates = rows.filter((r) => r.row_kind === 'gate').sort(byPosition).map(gateFromRow);
  const controls = rows.filter((r) => r.row_kind === 'control').sort(byPosition).map((r): ControlScore => ({
    control_id: r.item, pass: Number(r.pass), fail: Number(r.fail), unknown: Number(r.unknown),
    domain: r.domain as ControlScore['domain'], weight: r.weight, pass_rate: r.pass_rate, points_lost: r.points_lost,
  }));
  const next = overall.next_level;
  return {
    score: overall.score,
    infrastructure: overall.infrastructure,
    cyber: overall.cyber,
    level: overall.level === null ? null : Number(overall.level),
    level_name: overall.level === null ? null : overall.level_name,
    band_level: overall.band_level === null ? null : Number(overall.band_level),
    gates,
    capped_by: gates.filter((g) => g.holds_down),
    next_level:
      next === null
        ? null
        : { level: Number(next), name: overall.next_level_name, min_score: overall.next_level_min_score ?? 0, score_gap: overall.next_level_score_gap ?? 0, gates: gates.filter((g) => g.level === Number(next) && !g.held) },
    coverage: overall.coverage,
    low_confidence: Boolean(Number(overall.low_confidence)),
    devices: Number(overall.devices),
    controls,
  };
}

function gateFromRow(r: ScopeRow): GateResult {
  return {
    gate: r.item, title: r.title, level: Number(r.level), level_name: r.level_name, controls: r.controls,
    pass: Number(r.pass), fail: Number(r.fail), unknown: Number(r.unknown), fail_share: r.fail_share ?? 0, max_fail_share: r.max_fail_share ?? 0,
    held: Boolean(Number(r.held)), holds_down: Boolean(Number(r.holds_down)), devices_to_fix: Number(r.devices_to_fix), reason: r.reason, source: r.source,
  };
}

/** The level in one line, as the digest and Grafana show it. */
function levelReason(scope: ScopeScore): string {
  if (scope.level === null) return 'no level: no control has a known result';
  const band = `score ${scope.score} is in the band of level ${scope.band_level}`;
  if (scope.capped_by.length === 0) return `level ${scope.level}: ${band}`;
  return `level ${scope.level}: ${band}, withheld by ${scope.capped_by.map((g) => `${g.gate} (${g.devices_to_fix} devices to fix)`).join(', ')}`;
}
