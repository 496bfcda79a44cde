import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadScoringModel, type ScoringModel } from '../../../../collector/scoring/controls.js';
import { FrameworkMappingError, loadCyberEssentials, parseFramework } from '../../../../collector/scoring/frameworks/mapping.js';

const SHIPPED = readFileSync(new URL('../../../../collector/scoring/frameworks/cyber-essentials.yaml', import.meta.url), 'utf8');
const model = loadScoringModel();
const without = (id: string): ScoringModel => ({ ...model, controls: model.controls.filter((c) => c.id !== id) });
const edited = (change: (mapping: { themes: Array<Record<string, unknown>> }) => void) => {
  const mapping = parse(SHIPPED) as { themes: Array<Record<string, unknown>> };
  change(mapping);
  return stringify(mapping);
};

describe('Cyber Essentials mapping (collector/scoring/frameworks/cyber-essentials.yaml)', () => {
  it('loads against the shipped scoring model: every mapped control exists there and says why it evidences its theme', () => {
    const framework = loadCyberEssentials(model);
    const ids = new Set(model.controls.map((c) => c.id));
    const mapped = framework.themes.flatMap((t) => t.controls);
    expect(mapped.length).toBeGreaterThan(0);
    for (const control of mapped) expect(ids.has(control.control_id), control.control_id).toBe(true);
    expect(framework.themes.map((t) => t.name)).toEqual(['Firewalls', 'Secure configuration', 'Security update management', 'User access control', 'Malware protection']);
    // Controls Cyber Essentials does not ask for stay out of its view.
    expect(mapped.map((c) => c.control_id)).not.toContain('CYB-BOOT');
    expect(mapped.map((c) => c.control_id)).not.toContain('CYB-ENCRYPT');
  });

  it('refuses a scoring model that lacks a mapped control, naming it', () => {
    expect(() => parseFramework(SHIPPED, without('CYB-MALWARE'), 'ce.yaml')).toThrow(
      new FrameworkMappingError('ce.yaml: themes.4.controls.0.control: the scoring model has no control "CYB-MALWARE"'),
    );
  });

  it('follows a renamed control: CYB-NET-FW, or INF-NET-FW while a model still has the old id', () => {
    const firmwareOf = (m: ScoringModel) => parseFramework(SHIPPED, m).themes.find((t) => t.id === 'security-update-management')!.controls.at(-1)!.control_id;
    const named = (id: string): ScoringModel => ({ ...model, controls: model.controls.map((c) => (/^(INF|CYB)-NET-FW$/.test(c.id) ? { ...c, id } : c)) });
    expect(firmwareOf(named('CYB-NET-FW'))).toBe('CYB-NET-FW');
    expect(firmwareOf(named('INF-NET-FW'))).toBe('INF-NET-FW');
    expect(() => parseFramework(SHIPPED, named('INF-NET-FIRMWARE'), 'ce.yaml')).toThrow('the scoring model has no control "CYB-NET-FW" (or "INF-NET-FW")');
  });

  it('a theme has controls or a reason it is not measurable, never neither, and no theme twice', () => {
    expect(() => parseFramework(edited((m) => delete m.themes[3]!.not_measurable), model, 'ce.yaml')).toThrow(/themes\.3: a theme has controls, or says why it is not measurable/);
    expect(() => parseFramework(edited((m) => (m.themes[1]!.id = 'firewalls')), model, 'ce.yaml')).toThrow('ce.yaml: themes.1.id: "firewalls" appears twice');
    expect(() => parseFramework(edited((m) => (m.themes[0]!.controls = [{ control: 'CYB-FIREWALL' }])), model, 'ce.yaml')).toThrow(/themes\.0\.controls\.0\.why/);
  });
});
