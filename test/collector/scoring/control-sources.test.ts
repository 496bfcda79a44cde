import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlCatalogueError, loadScoringModel, parseScoringModel, sourceText } from '../../../collector/scoring/controls.js';
import type { RunningCollector } from '../../../collector/service.js';
import { startTestCollector } from '../../helpers/collector.js';
import { tempDir } from '../../helpers/temp.js';

/**
 * Every threshold has a source naming document, version and clause, or says the project chose
 * for itself — checked when the model loads and served by GET /v1/controls — and the thresholds
 * are the sources' figures.
 */
const SHIPPED = new URL('../../../collector/scoring/controls.yaml', import.meta.url);
const model = loadScoringModel(SHIPPED);
const control = (id: string) => model.controls.find((c) => c.id === id)!;

describe('control sources', () => {
  it('every control cites a document with version and clause, or states the project choice', () => {
    for (const c of model.controls) {
      expect(c.source.cites.length > 0 || c.source.project_choice !== undefined, c.id).toBe(true);
      for (const cite of c.source.cites) {
        expect(cite.document.length, c.id).toBeGreaterThan(5);
        expect(cite.version.length, c.id).toBeGreaterThan(1);
        expect(cite.clause.length, c.id).toBeGreaterThan(10);
      }
    }
    // Where no framework gives the figure, the source says so instead of borrowing a framework's name.
    for (const id of ['INF-AGE', 'INF-HW', 'INF-NET-ERR']) {
      expect(control(id).source.cites, id).toEqual([]);
      expect(control(id).source.project_choice, id).toMatch(/project/);
    }
  });

  it('refuses a control whose source is only a name, or names no clause', () => {
    const text = readFileSync(SHIPPED, 'utf8');
    const bare = text.replace(/(  - id: INF-AGE\n(?:    .*\n)*?)    source:\n      project_choice: ".*"\n/, '$1    source: {}\n');
    expect(bare).not.toBe(text);
    expect(() => parseScoringModel(bare, 'bare.yaml')).toThrow(ControlCatalogueError);
    expect(() => parseScoringModel(bare, 'bare.yaml')).toThrow(/project_choice/);
    const nameOnly = text.replace(/(  - id: INF-AGE\n(?:    .*\n)*?)    source:\n      project_choice: ".*"\n/, '$1    source: "Vendor guidance"\n');
    expect(() => parseScoringModel(nameOnly, 'name-only.yaml')).toThrow(/controls\.0\.source/);
    const noClause = text.replace(/(  - id: INF-BATT\n(?:    .*\n)*?)          clause: ".*"\n/, '$1');
    expect(noClause).not.toBe(text);
    expect(() => parseScoringModel(noClause, 'no-clause.yaml')).toThrow(/clause/);
  });

  it('holds each threshold to its source', () => {
    // Teams, client to Microsoft edge: the agent measures round trips, so the round-trip figure.
    expect(control('INF-LAT').threshold).toEqual({ max_rtt_p95_ms: 100, max_jitter_ms: 30, max_loss_pct: 1 });
    expect(sourceText(control('INF-LAT').source)).toMatch(/Client to Microsoft Edge: latency round trip < 100 ms/);
    // NHS England Connectivity Hub: −65 dBm or stronger at all NHS settings; band and generation are evidence only.
    expect(control('INF-WIFI').threshold).toEqual({ min_p10_dbm: -65 });
    expect(control('INF-WIFI').status).not.toMatch(/wifi_share_5ghz|wifi_generation/);
    // Cyber Essentials: 14 days from release, for critical, high and unrated updates.
    expect(control('CYB-PATCH').threshold).toEqual({ max_days: 14 });
    expect(control('CYB-PATCH').source.cites[0]).toMatchObject({ document: 'Cyber Essentials: Requirements for IT Infrastructure', clause: expect.stringMatching(/critical or high risk.*CVSS v3.*no severity/) });
    expect(control('INF-BATT').threshold).toEqual({ min_health_pct: 80 });
    // Network firmware out of support is unsupported software, scored like the operating system.
    expect(control('CYB-NET-FW')).toMatchObject({ domain: 'cyber', scope: 'network', weight: control('CYB-OS-SUPPORTED').weight, critical: true });
  });
});

describe('GET /v1/controls', () => {
  const dir = tempDir('control-sources');
  let collector: RunningCollector;
  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  it('serves every control with its structured source, source_text and corrected thresholds', async () => {
    const response = await fetch(`${collector.url}/v1/controls`, { headers: { authorization: `Bearer ${collector.viewerToken}` } });
    expect(response.status).toBe(200);
    type Served = { id: string; threshold: Record<string, unknown>; source: { cites: Array<{ document: string; version: string; clause: string }>; project_choice?: string }; source_text: string };
    const body = (await response.json()) as { controls: Served[] };
    expect(body.controls.map((c) => c.id)).toEqual(model.controls.map((c) => c.id));
    for (const served of body.controls) {
      const local = control(served.id);
      expect(served.source, served.id).toEqual(local.source);
      expect(served.source_text, served.id).toBe(sourceText(local.source));
      for (const cite of served.source.cites) expect(served.source_text).toContain(`${cite.document} ${cite.version}: ${cite.clause}`);
    }
    const byId = Object.fromEntries(body.controls.map((c) => [c.id, c]));
    expect(byId['INF-LAT']!.threshold).toMatchObject({ max_rtt_p95_ms: 100 });
    expect(byId['INF-WIFI']!.threshold).toEqual({ min_p10_dbm: -65 });
    expect(byId['INF-NET-FW']).toBeUndefined();
  });
});
