import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { planTrusts } from '../../demo/fleet.js';
import { planSitePollers } from '../../demo/network-gear.js';
import { Store } from '../../collector/store/store.js';
import { ingestStats } from '../../collector/store/stats.js';
import { freePort } from '../helpers/collector.js';
import { tempDir } from '../helpers/temp.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function runDemo(dir: string, port: number) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'demo/main.ts', '--dir', dir, '--port', String(port), '--devices', '90', '--days', '2', '--exit'],
    { cwd: ROOT, encoding: 'utf8', timeout: 240_000 },
  );
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

// The demo `npm start` runs, at a small size: collector, a real local agent, a simulated fleet.
describe('demo', () => {
  const dir = tempDir('demo');
  afterAll(() => dir.remove());

  it('brings up the collector, a real agent and the fleet; a re-run stores nothing twice', async () => {
    const port = await freePort();
    const first = runDemo(dir.path, port);
    expect(first).toContain(`Collector        http://127.0.0.1:${port}`);
    expect(first).toContain(`Dashboard        http://127.0.0.1:${port}/   (sign in with the viewer token: sfv_`);
    // 90 endpoints and one site server per site (8), which polls the site's network gear.
    expect(first).toMatch(/98 devices, \d+ reports sent in [\d.]+ s \((\d+) new, 0 already stored\); \d+ assets in the asset registers; 8 site servers polling \d+ switches/);

    const second = runDemo(dir.path, port);
    const again = /98 devices, (\d+) reports sent in [\d.]+ s \((\d+) new, (\d+) already stored\)/.exec(second);
    expect(again).not.toBeNull();
    expect(Number(again![2])).toBe(0);
    expect(Number(again![3])).toBe(Number(again![1]));

    const store = await Store.open({ dataDir: join(dir.path, 'collector'), database: 'sf' });
    try {
      const stats = await ingestStats(store);
      const sites = planTrusts().flatMap((t) => t.sites);
      const gear = planSitePollers(sites, { seed: 1, devices: 90, days: 2, now: new Date() }).reduce((n, p) => n + p.gear.length, 0);
      // The fleet, its site servers, the gear they poll and this machine's agent, enrolled twice, stored once.
      expect(stats.devices).toBe(90 + sites.length + gear + 1);
      const [network] = await store.query<{ n: number }>(`SELECT count() AS n FROM {db}.devices FINAL WHERE kind = 'network'`);
      expect(network!.n).toBe(gear);
      expect(stats.reports_by_site['demo-local']).toBeGreaterThanOrEqual(1);
      const [raw] = await store.query<{ n: number; u: number }>(`SELECT count() AS n, uniqExact(report_id) AS u FROM {db}.reports`);
      expect(raw!.n).toBe(raw!.u);
    } finally {
      await store.close();
    }
    // Two whole demo runs (about 40 s each on a quiet machine, twice that beside other test files):
    // the limit only stops a hung run.
  }, 300_000);
});
