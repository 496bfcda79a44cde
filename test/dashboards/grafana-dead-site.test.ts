import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboards } from '../../dashboards/grafana/generate.js';
import type { RunningCollector } from '../../collector/service.js';
import type { OperatingSystem, Report } from '../../protocol/index.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../helpers/collector.js';
import { postReport } from '../helpers/reports.js';
import { AS_OF, reportFor } from '../helpers/scoring-fleet.js';
import { tempDir } from '../helpers/temp.js';
import { DATED_RELEASES, OLDER_THAN_CATALOGUE } from '../collector/lifecycle/releases.js';
import { interpolate, panelQueries, resolveVariables } from './grafana-variables.js';

/**
 * The lifecycle tests' long-dead releases (support ended over a year before the as-of date, and
 * releases older than the catalogue), every other control passing, as one site reported through
 * ingest: the CIO dashboard in Grafana shows the level the supported-software gate holds it at,
 * and the gate, exactly as GET /v1/scores does.
 */
const YEAR_BEFORE = `${Number(AS_OF.slice(0, 4)) - 1}${AS_OF.slice(4)}`;
const LONG_DEAD: OperatingSystem[] = [...DATED_RELEASES.filter((r) => r.lastDay < YEAR_BEFORE), ...OLDER_THAN_CATALOGUE].map((r) => r.os);

function reportWith(os: OperatingSystem, deviceId: string): Report {
  const report = reportFor('good', deviceId);
  return { ...report, inventory: { ...report.inventory, os } };
}

describe('Grafana CIO dashboard: a site made only of devices on long-dead releases', () => {
  const dir = tempDir('grafana-dead-site');
  const cio = buildDashboards().find((d) => d.file === 'cio.json')!.json;
  const panel = (title: string) => panelQueries(cio).find((p) => p.title === title)!.sql;
  let collector: RunningCollector;

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
    const secret = await siteWithSecret(adminFor(collector.url, dir.path), 'museum', 'legacy');
    for (const [n, os] of LONG_DEAD.entries()) {
      const device = await enroll(collector.url, secret, n.toString(16).padStart(64, 'e'));
      expect((await postReport(collector.url, device.node_key, reportWith(os, device.device_id))).status).toBe(202);
    }
  }, 120_000);
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  it('is held down by the supported-software gate, with the level and gate the API gives', async () => {
    expect(LONG_DEAD.length).toBeGreaterThanOrEqual(10);
    const response = await fetch(`${collector.url}/v1/scores?as_of=${AS_OF}&trust=legacy`, { headers: { authorization: `Bearer ${collector.viewerToken}` } });
    type Gate = { gate: string; title: string; controls: string[]; held: boolean; fail: number; reason: string };
    type Scope = { level: number; band_level: number; score: number; capped_by: Gate[]; gates: Gate[] };
    const { trusts } = (await response.json()) as { trusts: Array<Scope & { sites: Array<Scope & { name: string }> }> };
    const trust = trusts[0]!;
    const supported = trust.capped_by.find((g) => g.controls.includes('CYB-OS-SUPPORTED'))!;
    expect(supported).toMatchObject({ held: false, fail: LONG_DEAD.length });
    expect(trust.band_level).toBeGreaterThan(trust.level);

    // The dashboard as Grafana shows it with the time range ending on the as-of date.
    const vars = await resolveVariables(collector.store, cio, { from: new Date(`${AS_OF}T00:00:00Z`), to: new Date(`${AS_OF}T23:59:59Z`) }, { trust: ['legacy'] });
    const run = <T = Record<string, unknown>>(title: string) => collector.store.query<T>(interpolate(panel(title), vars));
    expect(Number(Object.values((await run('Maturity level'))[0]!)[0])).toBe(trust.level);
    expect(Number(Object.values((await run('Trust score'))[0]!)[0])).toBe(trust.score);
    const heldBy = String(Object.values((await run('Level held down by'))[0]!)[0]);
    expect(heldBy).toBe(trust.capped_by.map((g) => `${g.gate}: ${g.reason}`).join('; '));
    expect(heldBy).toContain(supported.gate);
    const gates = await run<{ Gate: string; Holds: number }>('Level gates');
    expect(gates.map((g) => [g.Gate, Number(g.Holds) === 1])).toEqual(trust.gates.map((g) => [g.title, g.held]));
    const [site] = await run<{ Site: string; Level: number; 'Held down by': string }>('Site league');
    expect([Number(site!.Level), site!['Held down by']]).toEqual([trust.sites[0]!.level, trust.sites[0]!.capped_by.map((g) => `${g.gate}: ${g.reason}`).join('; ')]);
    expect(site!['Held down by']).toContain(supported.gate);
  });
});
