import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../../collector/service.js';
import type { NetworkDevice, Report } from '../../../protocol/index.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../../helpers/collector.js';
import { postReport } from '../../helpers/reports.js';
import { tempDir } from '../../helpers/temp.js';

const hourAgo = () => new Date(Date.now() - 3600_000).toISOString();
const gear = (target: string, fields: Partial<NetworkDevice> = {}): NetworkDevice => ({
  target, address: '127.0.0.1', polled_at: hourAgo(), snmp_version: 'v3', security_level: 'authPriv',
  default_community_accepted: false, community_enabled: false, vendor: 'Cisco', os: 'IOS-XE', firmware: '17.12.4', ...fields,
} as NetworkDevice);
const report = (deviceId: string, network_devices: NetworkDevice[]): Report => ({
  schema: 'sf.report/v1', report_id: randomUUID(), device_id: deviceId, agent_version: '0.1.0', collected_at: new Date().toISOString(), network_devices,
});

// Finding 2 of issue 12: any endpoint could report network gear, overwrite a site's switch results
// and add phantom devices. Only a device enrolled with a site-poller secret may, for its own site only.
describe('network gear comes only from site pollers', () => {
  const dir = tempDir('net-poller');
  let collector: RunningCollector;
  let laptop: { device_id: string; node_key: string };
  let poller: { device_id: string; node_key: string };
  let otherSitePoller: { device_id: string; node_key: string };
  const gearOf = async (site: string) =>
    collector.store.query<{ target: string; security_level: string; poller_device_id: string }>(
      `SELECT target, security_level, poller_device_id FROM {db}.network_devices FINAL WHERE site_id = {s:String} ORDER BY target`,
      { s: site },
    );

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
    const admin = adminFor(collector.url, dir.path);
    laptop = await enroll(collector.url, await siteWithSecret(admin, 'north', 'rxa'), '1'.repeat(64));
    poller = await enroll(collector.url, await admin.createEnrollSecret('north', { role: 'poller' }), '2'.repeat(64));
    await admin.addSite({ site_id: 'south', trust_id: 'rxa', name: 'South' });
    otherSitePoller = await enroll(collector.url, await admin.createEnrollSecret('south', { role: 'poller' }), '3'.repeat(64));
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  it("refuses an endpoint's key that sends network_devices (403), storing nothing of the report", async () => {
    expect((await postReport(collector.url, poller.node_key, report(poller.device_id, [gear('core-sw', { snmp_version: 'v2c', security_level: 'community' })]))).status).toBe(202);
    const phantoms = Array.from({ length: 300 }, (_, i) => gear(`phantom-${i}`));
    const overwrite = report(laptop.device_id, [gear('core-sw'), ...phantoms]);
    const response = await postReport(collector.url, laptop.node_key, overwrite);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toMatch(/site poller/);
    // The switch still fails on what its real poller saw; no phantom devices.
    expect(await gearOf('north')).toEqual([{ target: 'core-sw', security_level: 'community', poller_device_id: poller.device_id }]);
    const [reports] = await collector.store.query<{ n: number }>(`SELECT count() AS n FROM {db}.reports WHERE report_id = {id:String}`, { id: overwrite.report_id });
    expect(Number(reports!.n)).toBe(0);
  });

  it("keeps a poller to its own site's gear: the same target name elsewhere is another device", async () => {
    expect((await postReport(collector.url, otherSitePoller.node_key, report(otherSitePoller.device_id, [gear('core-sw')]))).status).toBe(202);
    expect(await gearOf('north')).toEqual([{ target: 'core-sw', security_level: 'community', poller_device_id: poller.device_id }]);
    expect(await gearOf('south')).toEqual([{ target: 'core-sw', security_level: 'authPriv', poller_device_id: otherSitePoller.device_id }]);
  });

  it('refuses gear polled in the future (400 naming the field)', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const response = await postReport(collector.url, poller.node_key, report(poller.device_id, [gear('core-sw'), gear('edge', { polled_at: tomorrow })]));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain('network_devices.1.polled_at');
    const lastOk = await postReport(collector.url, poller.node_key, report(poller.device_id, [gear('core-sw', { error: 'timeout', last_ok_at: tomorrow })]));
    expect(lastOk.status).toBe(400);
    expect(await gearOf('north')).toEqual([{ target: 'core-sw', security_level: 'community', poller_device_id: poller.device_id }]);
  });

  it('lists the site pollers for an admin to review', async () => {
    const admin = adminFor(collector.url, dir.path);
    expect((await admin.listDevices({ role: 'poller' })).map((d) => [d.device_id, d.site_id, d.holds_key])).toEqual([
      [poller.device_id, 'north', 1],
      [otherSitePoller.device_id, 'south', 1],
    ]);
    expect((await admin.listDevices({ site: 'north' })).map((d) => d.role).sort()).toEqual(['endpoint', 'poller']);
  });

  it('retires a site once its poller is revoked: polled gear holds no key', async () => {
    const admin = adminFor(collector.url, dir.path);
    await admin.revokeDevice(otherSitePoller.device_id);
    expect(await admin.retireSite('south')).toMatchObject({ retired: 'south' });
  });
});
