import { sourceText, type LevelDefinition, type ScoringModel } from './controls.js';
import type { ControlCounts } from './scores.js';

/** One level gate as it stood in a scope: how many devices fail its controls and what holding it takes. */
export interface GateResult {
  gate: string;
  title: string;
  /** The level the gate guards: it must hold for the scope to reach this level. */
  level: number;
  level_name: string;
  controls: string[];
  pass: number;
  fail: number;
  unknown: number;
  /** Failing ÷ in scope (pass + fail + unknown) over the gate's controls, summed. */
  fail_share: number;
  max_fail_share: number;
  held: boolean;
  /** Failing and at or below the score's band: this gate is what keeps the level below the band. */
  holds_down: boolean;
  /** Failing devices that must pass for the gate to hold (0 when it holds). */
  devices_to_fix: number;
  reason: string;
  source: string;
}

/** What reaching the next level takes: the points its band still needs and the gates of it that fail. */
export interface NextLevel {
  level: number;
  name: string;
  min_score: number;
  /** Points the score is short of the band (0 when the score is already enough). */
  score_gap: number;
  gates: GateResult[];
}

export interface LevelOutcome {
  level: number | null;
  level_name: string | null;
  /** The level from the score alone. */
  band_level: number | null;
  gates: GateResult[];
  next_level: NextLevel | null;
}

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

/**
 * The level a scope reaches: the highest level whose band the score is in and whose gates — and
 * those of every level below — hold. Levels and gates are data in controls.yaml.
 */
export function levelOf(score: number | null, counts: Map<string, ControlCounts>, model: ScoringModel): LevelOutcome {
  const levels = model.levels;
  const bandLevel = score === null ? null : levels.filter((l) => score >= l.min_score).length;
  const gates = levels.flatMap((level) => level.gates.map((gate) => gateResult(level, gate, counts, bandLevel)));
  if (score === null || bandLevel === null) return { level: null, level_name: null, band_level: null, gates, next_level: null };
  let reached = 0;
  for (const level of levels) {
    if (score < level.min_score || gates.some((g) => g.level === level.level && !g.held)) break;
    reached = level.level;
  }
  const next = levels[reached];
  return {
    level: reached,
    level_name: levels[reached - 1]!.name,
    band_level: bandLevel,
    gates,
    next_level: next
      ? { level: next.level, name: next.name, min_score: next.min_score, score_gap: round(Math.max(0, next.min_score - score), 1), gates: gates.filter((g) => g.level === next.level && !g.held) }
      : null,
  };
}

function gateResult(level: LevelDefinition, gate: LevelDefinition['gates'][number], counts: Map<string, ControlCounts>, bandLevel: number | null): GateResult {
  const summed = gate.controls.reduce(
    (sum, id) => {
      const c = counts.get(id);
      return c ? { pass: sum.pass + Number(c.pass), fail: sum.fail + Number(c.fail), unknown: sum.unknown + Number(c.unknown) } : sum;
    },
    { pass: 0, fail: 0, unknown: 0 },
  );
  const inScope = summed.pass + summed.fail + summed.unknown;
  const failShare = inScope > 0 ? summed.fail / inScope : 0;
  const held = failShare <= gate.max_fail_share;
  // Held once fail ÷ in scope ≤ the allowed share (the epsilon keeps 0.1 × 10 at 1).
  const devicesToFix = held ? 0 : summed.fail - Math.floor(gate.max_fail_share * inScope + 1e-9);
  const pct = (share: number) => `${round(share * 100, 1)} %`;
  return {
    gate: gate.id,
    title: gate.title,
    level: level.level,
    level_name: level.name,
    controls: gate.controls,
    ...summed,
    fail_share: round(failShare, 4),
    max_fail_share: gate.max_fail_share,
    held,
    holds_down: !held && bandLevel !== null && level.level <= bandLevel,
    devices_to_fix: devicesToFix,
    reason: held
      ? `${summed.fail} of ${inScope} devices in scope fail ${gate.controls.join(' or ')} (${pct(failShare)}; at most ${pct(gate.max_fail_share)} may)`
      : `${summed.fail} of ${inScope} devices in scope fail ${gate.controls.join(' or ')} (${pct(failShare)}, more than the ${pct(gate.max_fail_share)} level ${level.level} allows): ${devicesToFix} must pass`,
    source: sourceText(gate.source),
  };
}
