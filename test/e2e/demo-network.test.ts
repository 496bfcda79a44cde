import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planTrusts } from '../../demo/fleet.js';
import { planSitePollers } from '../../demo/network-gear.js';
import { pollerReports } from '../../demo/network-polls.js';
import { Report } from '../../protocol/index.js';
import { startDemoData, type DemoData } from '../helpers/demo-data.js';

const NETWORK_CONTROLS = ['CYB-NET-FW', 'INF-NET-ERR', 'CYB-NET-MGMT'];

interface DeviceList {
  total: number;
  devices: Array<{ device_id: string; site_id: string; kind: string; status: string; reason: string }>;
}

// The demo's site servers poll switches, firewalls, Wi-Fi controllers and access points; the
// network controls must have gear to score, passing at some sites and failing at others.
describe('demo network gear', () => {
  let demo: DemoData;
  const viewer = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${demo.collector.url}${path}`, { headers: { authorization: `Bearer ${demo.collector.viewerToken}` } });
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };

  // A whole demo fleet (about 40 s on a quiet machine, twice that beside other test files):
  // the limit only stops a hung start.
  beforeAll(async () => {
    demo = await startDemoData();
  }, 300_000);
  afterAll(() => demo?.close());

  it('plans the same gear and the same valid reports for the same seed', () => {
    const options = { seed: 1, devices: 160, days: 7, now: new Date('2026-11-23T12:00:00Z') };
    const sites = planTrusts().flatMap((t) => t.sites);
    const first = planSitePollers(sites, options);
    expect(planSitePollers(sites, options)).toEqual(first);
    expect(first).toHaveLength(sites.length);
    const reports = pollerReports(first[0]!, 'dev_0123456789abcdef', options);
    expect(pollerReports(first[0]!, 'dev_0123456789abcdef', options)).toEqual(reports);
    expect(reports).toHaveLength(7);
    for (const report of reports) expect(() => Report.parse(report)).not.toThrow();
    expect(new Set(reports.map((r) => r.report_id)).size).toBe(7);
    const vendors = new Set(first.flatMap((p) => p.gear.map((g) => g.model.vendor)));
    expect(vendors.size).toBeGreaterThanOrEqual(4);
  });

  it('lists every polled box as a network device', async () => {
    expect(demo.loaded.sitePollers).toBe(8);
    expect(demo.loaded.networkDevices).toBeGreaterThan(8 * 5);
    const list = await viewer<DeviceList>(`/v1/devices?kind=network&limit=1000`);
    expect(list.total).toBe(demo.loaded.networkDevices);
    expect(new Set(list.devices.map((d) => d.site_id)).size).toBe(8);
  });

  it('scores each network control with both passes and failures', async () => {
    for (const control of NETWORK_CONTROLS) {
      const pass = await viewer<DeviceList>(`/v1/devices?kind=network&control=${control}&status=pass&limit=1000`);
      const fail = await viewer<DeviceList>(`/v1/devices?kind=network&control=${control}&status=fail&limit=1000`);
      expect(pass.total, `${control} passes`).toBeGreaterThan(0);
      expect(fail.total, `${control} failures`).toBeGreaterThan(0);
      expect(fail.devices.every((d) => d.reason !== ''), `${control} failures say why`).toBe(true);
    }
    const firmware = await viewer<DeviceList>(`/v1/devices?kind=network&control=CYB-NET-FW&status=fail&limit=1000`);
    expect(firmware.devices.some((d) => /out of support since \d{4}-\d{2}-\d{2}/.test(d.reason))).toBe(true);
  });

  it('gives better-run sites better gear', async () => {
    const rows = await demo.collector.store.query<{ site_id: string; pass_rate: number }>(
      `SELECT site_id, countIf(status = 'pass') / countIf(status IN ('pass', 'fail')) AS pass_rate
       FROM {db}.control_results
       WHERE as_of = {as_of:Date} AND kind = 'network'
         AND run_id = (SELECT argMax(run_id, computed_at) FROM {db}.score_runs WHERE as_of = {as_of:Date})
       GROUP BY site_id`,
      { as_of: demo.asOf },
    );
    const rate = new Map(rows.map((r) => [r.site_id, Number(r.pass_rate)]));
    const sites = planTrusts().flatMap((t) => t.sites).sort((a, b) => a.modernity - b.modernity);
    const mean = (ids: string[]) => ids.reduce((sum, id) => sum + (rate.get(id) ?? 0), 0) / ids.length;
    const worst = mean(sites.slice(0, 3).map((s) => s.siteId));
    const best = mean(sites.slice(-3).map((s) => s.siteId));
    expect(best).toBeGreaterThan(worst);
  });
});
