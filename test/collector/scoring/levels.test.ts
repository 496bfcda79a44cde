import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScoringModel, parseScoringModel } from '../../../collector/scoring/controls.js';
import { scoreScope, type ControlCounts } from '../../../collector/scoring/scores.js';

const model = loadScoringModel();
const SHIPPED = readFileSync(new URL('../../../collector/scoring/controls.yaml', import.meta.url), 'utf8');

/** Every control passing on `devices` devices, then the given [pass, fail, unknown] overrides. */
function counts(devices: number, overrides: Record<string, [number, number, number]> = {}): ControlCounts[] {
  return model.controls.map((c) => {
    const [pass, fail, unknown] = overrides[c.id] ?? (c.scope === 'network' ? [0, 0, 0] : [devices, 0, 0]);
    return { control_id: c.id, pass, fail, unknown };
  });
}

// Levels are the project's bands: a level needs its score band AND every gate of it and below.
describe('levels and their gates', () => {
  it('the shipped levels are bands from 0 with gates naming their controls and sources', () => {
    expect(model.levels.map((l) => [l.level, l.min_score])).toEqual([[1, 0], [2, 40], [3, 60], [4, 75], [5, 90]]);
    const gates = model.levels.flatMap((l) => l.gates.map((g) => ({ level: l.level, id: g.id, controls: g.controls, max: g.max_fail_share })));
    expect(gates).toEqual([
      { level: 3, id: 'supported-software', controls: ['CYB-OS-SUPPORTED', 'CYB-NET-FW'], max: 0.05 },
      { level: 4, id: 'security-updates', controls: ['CYB-PATCH'], max: 0.1 },
    ]);
    for (const gate of model.levels.flatMap((l) => l.gates)) expect(gate.source.project_choice, gate.id).toMatch(/project/);
  });

  it('a scope made only of devices on dead releases is held at level 2 however high its score', () => {
    // 20 endpoints pass everything but CYB-OS-SUPPORTED; 4 switches on dead firmware.
    const scope = scoreScope(counts(20, { 'CYB-OS-SUPPORTED': [0, 24, 0], 'CYB-NET-FW': [0, 4, 0], 'INF-NET-ERR': [4, 0, 0], 'CYB-NET-MGMT': [4, 0, 0] }), model, 24);
    expect(scope.band_level).toBeGreaterThanOrEqual(3);
    expect(scope.level).toBe(2);
    expect(scope.capped_by).toEqual([expect.objectContaining({ gate: 'supported-software', level: 3, fail: 28, fail_share: 1, devices_to_fix: 27, holds_down: true })]);
    expect(scope.next_level).toMatchObject({ level: 3, score_gap: 0, gates: [{ gate: 'supported-software', devices_to_fix: 27 }] });
  });

  it('a gate holds at exactly its share, and fails one device past it', () => {
    const at = scoreScope(counts(20, { 'CYB-OS-SUPPORTED': [19, 1, 0] }), model, 20);
    expect(at.gates.find((g) => g.gate === 'supported-software')).toMatchObject({ held: true, devices_to_fix: 0 });
    expect(at.level).toBe(5);
    expect(at.next_level).toBeNull();
    const past = scoreScope(counts(20, { 'CYB-OS-SUPPORTED': [18, 2, 0] }), model, 20);
    expect(past.gates.find((g) => g.gate === 'supported-software')).toMatchObject({ held: false, devices_to_fix: 1 });
    expect(past.level).toBe(2);
  });

  it('a failing gate above the score band does not hold the level down but shows in what the next level needs', () => {
    // Half the endpoints fail most cyber controls: a low score, and patching fails too.
    const scope = scoreScope(
      counts(10, { 'CYB-PATCH': [5, 5, 0], 'CYB-ENCRYPT': [0, 10, 0], 'CYB-FIREWALL': [0, 10, 0], 'CYB-MALWARE': [0, 10, 0], 'INF-AGE': [0, 10, 0], 'INF-HW': [0, 10, 0], 'INF-WIFI': [0, 10, 0] }),
      model,
      10,
    );
    expect(scope.band_level).toBeLessThan(4);
    expect(scope.level).toBe(scope.band_level);
    expect(scope.capped_by).toEqual([]);
    expect(scope.gates.find((g) => g.gate === 'security-updates')).toMatchObject({ held: false, holds_down: false, devices_to_fix: 4 });
    expect(scope.next_level!.score_gap).toBeCloseTo(model.levels[scope.level!]!.min_score - scope.score!, 1);
  });

  it('refuses levels that skip, bands that do not rise and gates on unknown controls', () => {
    const swap = (from: string, to: string) => () => parseScoringModel(SHIPPED.replace(from, to), 'test');
    expect(swap('    min_score: 60\n', '    min_score: 30\n')).toThrow(/levels\.2\.min_score: must be above level 2's/);
    expect(swap('  - level: 4\n', '  - level: 6\n')).toThrow(/levels\.3\.level: must be 4/);
    expect(swap('controls: [CYB-PATCH]', 'controls: [CYB-PATCHES]')).toThrow(/levels\.3\.gates\.0\.controls: no control "CYB-PATCHES"/);
    expect(swap('      - id: security-updates', '      - id: supported-software')).toThrow(/"supported-software" appears twice/);
  });
});
