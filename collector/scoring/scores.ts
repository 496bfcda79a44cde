import type { ScoringModel } from './controls.js';
import { levelOf, type GateResult, type NextLevel } from './levels.js';

/** How many in-scope devices passed, failed, or could not be judged on one control. */
export interface ControlCounts {
  control_id: string;
  pass: number;
  fail: number;
  unknown: number;
}

export interface ControlScore extends ControlCounts {
  domain: 'infrastructure' | 'cyber';
  weight: number;
  /** pass ÷ (pass + fail); null when no device had a known result. Unknown never counts as pass. */
  pass_rate: number | null;
  /**
   * Points of the overall score this control's failures cost: 100 × weight × (1 − pass rate) ÷ the
   * domain's known weight ÷ the number of known domains. Summed over controls it is 100 − score.
   */
  points_lost: number | null;
}

export interface ScopeScore {
  /** 0–100: mean of the two domain scores (or the one known). */
  score: number | null;
  infrastructure: number | null;
  cyber: number | null;
  /** The level reached: the score's band, withheld while a gate of it or of a level below fails. */
  level: number | null;
  level_name: string | null;
  /** The level from the score alone. */
  band_level: number | null;
  /** Every level gate of the model, held or not, in this scope. */
  gates: GateResult[];
  /**
   * The failing gates that keep the level below the score's band, each with how many of the failing
   * devices must pass for it to hold (what a CIO can ask for).
   */
  capped_by: GateResult[];
  /** What the level above needs: the points its band still lacks and its failing gates. */
  next_level: NextLevel | null;
  /** Share of known devices that reported within the coverage window. */
  coverage: number | null;
  low_confidence: boolean;
  devices: number;
  controls: ControlScore[];
}

const round = (n: number, places = 1) => Math.round(n * 10 ** places) / 10 ** places;

/** Scores one scope (a trust, a site) from its per-control counts; the arithmetic SCORING.md describes. */
export function scoreScope(counts: ControlCounts[], model: ScoringModel, devices: number): ScopeScore {
  const byId = new Map(counts.map((c) => [c.control_id, c]));
  const controls: ControlScore[] = model.controls.map((definition) => {
    const c = byId.get(definition.id) ?? { control_id: definition.id, pass: 0, fail: 0, unknown: 0 };
    const judged = c.pass + c.fail;
    return { ...c, domain: definition.domain, weight: definition.weight, pass_rate: judged > 0 ? c.pass / judged : null, points_lost: null };
  });
  const knownWeight = (domain: ControlScore['domain']) =>
    controls.filter((c) => c.domain === domain && c.pass_rate !== null).reduce((sum, c) => sum + c.weight, 0);
  const domainScore = (domain: ControlScore['domain']) => {
    const known = controls.filter((c) => c.domain === domain && c.pass_rate !== null);
    const weight = knownWeight(domain);
    return weight > 0 ? (100 * known.reduce((sum, c) => sum + c.weight * c.pass_rate!, 0)) / weight : null;
  };
  // Rounded only for display: the overall score is the mean of the unrounded domain scores.
  const exactInfrastructure = domainScore('infrastructure');
  const exactCyber = domainScore('cyber');
  const domains = [exactInfrastructure, exactCyber].filter((d): d is number => d !== null);
  const score = domains.length > 0 ? round(domains.reduce((a, b) => a + b, 0) / domains.length) : null;
  const infrastructure = exactInfrastructure === null ? null : round(exactInfrastructure);
  const cyber = exactCyber === null ? null : round(exactCyber);

  const { level, level_name, band_level, gates, next_level } = levelOf(score, byId, model);
  const reporting = byId.get('CYB-REPORTING');
  const known = reporting ? reporting.pass + reporting.fail + reporting.unknown : 0;
  const coverage = known > 0 ? round(reporting!.pass / known, 4) : null;
  return {
    score,
    infrastructure,
    cyber,
    level,
    level_name,
    band_level,
    gates,
    capped_by: gates.filter((g) => g.holds_down),
    next_level,
    coverage,
    low_confidence: coverage === null || coverage < model.coverage.low_confidence_below,
    devices,
    controls: controls.map((c) => ({
      ...c,
      pass_rate: c.pass_rate === null ? null : round(c.pass_rate, 4),
      points_lost: c.pass_rate === null ? null : round((100 * c.weight * (1 - c.pass_rate)) / knownWeight(c.domain) / domains.length, 2),
    })),
  };
}

/** A device's score: weighted pass rate over the controls that apply to it and are known. */
export function deviceScore(results: Array<{ control_id: string; status: string }>, model: ScoringModel): number | null {
  const weights = new Map(model.controls.map((c) => [c.id, c.weight]));
  let passed = 0;
  let judged = 0;
  for (const r of results) {
    if (r.status === 'unknown') continue;
    const w = weights.get(r.control_id) ?? 0;
    judged += w;
    if (r.status === 'pass') passed += w;
  }
  return judged > 0 ? round((100 * passed) / judged) : null;
}
