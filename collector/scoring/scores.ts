import type { ScoringModel } from './controls.js';

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
  level: number | null;
  level_name: string | null;
  /** Critical controls that held the level down, with the share of devices failing them. */
  /**
   * Caps holding the level down: the failing share, the share the cap allows, and how many of the
   * failing devices must pass for this cap to lift (what a CIO can ask for).
   */
  capped_by: Array<{ control_id: string; fail_share: number; max_fail_share: number; max_level: number; devices_to_fix: number }>;
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

  let level = score === null ? null : 1 + model.levels.cut_offs.filter((cut) => score >= cut).length;
  const capped_by: ScopeScore['capped_by'] = [];
  for (const cap of model.levels.caps) {
    const c = byId.get(cap.control);
    const inScope = c ? c.pass + c.fail + c.unknown : 0;
    const failShare = inScope > 0 ? c!.fail / inScope : 0;
    if (level !== null && failShare > cap.max_fail_share && level > cap.max_level) {
      level = cap.max_level;
      // Lifted once fail ÷ in scope ≤ the allowed share (the epsilon keeps 0.1 × 10 at 1).
      const devicesToFix = c!.fail - Math.floor(cap.max_fail_share * inScope + 1e-9);
      capped_by.push({ control_id: cap.control, fail_share: round(failShare, 4), max_fail_share: cap.max_fail_share, max_level: cap.max_level, devices_to_fix: devicesToFix });
    }
  }
  const reporting = byId.get('CYB-REPORTING');
  const known = reporting ? reporting.pass + reporting.fail + reporting.unknown : 0;
  const coverage = known > 0 ? round(reporting!.pass / known, 4) : null;
  return {
    score,
    infrastructure,
    cyber,
    level,
    level_name: level === null ? null : model.levels.names[level - 1]!,
    capped_by,
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
