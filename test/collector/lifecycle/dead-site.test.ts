import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../../collector/service.js';
import type { OperatingSystem, Report } from '../../../protocol/index.js';
import { launchChromium, SCREENSHOTS, watchedPage, signInWithViewerToken } from '../../helpers/browser.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../../helpers/collector.js';
import { postReport } from '../../helpers/reports.js';
import { AS_OF, reportFor } from '../../helpers/scoring-fleet.js';
import { tempDir } from '../../helpers/temp.js';
import { DATED_RELEASES, HOSTILE, lin, mac, win } from './releases.js';

/**
 * Devices reported through the real ingest path (enrol, POST /v1/reports) and scored by the real
 * engine: a site made only of long-dead operating systems — every other control passing — is held
 * at level 2 by the supported-software gate, in /v1/scores and on the CIO view alike; hostile OS
 * descriptions never pass CYB-OS-SUPPORTED; current releases do.
 */
const LONG_DEAD: Array<[string, OperatingSystem]> = [
  ['Windows XP', win('Microsoft Windows XP Professional', undefined, '2600')],
  ['Windows Server 2003', win('Microsoft(R) Windows(R) Server 2003, Standard Edition', undefined, '3790')],
  ['Windows 7', win('Windows 7 Professional', undefined, '7601.24214', 'Professional')],
  ['Windows 10 1607', win('Windows 10 Enterprise', '1607', '14393.0', 'Enterprise')],
  ['Windows 2000 (older than the catalogue)', win('Windows 2000 Professional', undefined, '2195')],
  ['CentOS 6', lin('CentOS', '6.10')],
  ['CentOS Linux 7', lin('CentOS Linux', '7')],
  ['Debian 7', lin('Debian GNU/Linux', '7')],
  ['Debian 6 (older than the catalogue)', lin('Debian GNU/Linux', '6.0.10')],
  ['Mac OS X 10.9', mac('10.9.5', 'Mac OS X')],
  ['Ubuntu 12.04', lin('Ubuntu', '12.04')],
  ['RHEL 5', lin('Red Hat Enterprise Linux Server', '5.11')],
];

const CURRENT = DATED_RELEASES.filter((r) => r.lastDay > AS_OF);

function reportWith(os: OperatingSystem, deviceId: string): Report {
  const report = reportFor('good', deviceId);
  return { ...report, inventory: { ...report.inventory, os } };
}

describe('a site made only of devices on long-dead releases', () => {
  const dir = tempDir('dead-site');
  let collector: RunningCollector;
  let browser: Browser | undefined;
  const hostileIds = new Map<string, string>();
  let viewer: <T>(path: string) => Promise<T>;

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
    const admin = adminFor(collector.url, dir.path);
    let n = 0;
    const post = async (site: string, trust: string, oses: OperatingSystem[]) => {
      const secret = await siteWithSecret(admin, site, trust);
      const ids: string[] = [];
      for (const os of oses) {
        const device = await enroll(collector.url, secret, (n++).toString(16).padStart(64, 'd'));
        expect((await postReport(collector.url, device.node_key, reportWith(os, device.device_id))).status).toBe(202);
        ids.push(device.device_id);
      }
      return ids;
    };
    await post('museum', 'legacy', LONG_DEAD.map(([, os]) => os));
    const ids = await post('hostile', 'mixed', HOSTILE.map((h) => h.os));
    ids.forEach((id, i) => hostileIds.set(id, HOSTILE[i]!.label));
    await post('current', 'mixed', CURRENT.map((r) => r.os));
    // An agent cannot send its own lifecycle key: the section is not in the wire contract, and the collector derives it.
    const forgedSecret = await siteWithSecret(admin, 'forged', 'mixed');
    const forger = await enroll(collector.url, forgedSecret, 'f'.repeat(64));
    const forged = reportWith(win('Microsoft Windows XP Professional', undefined, '2600'), forger.device_id);
    const lifecycle = { product: 'windows-11', version: '25H2', edition: 'enterprise-education', family: 'windows', rank: 26200 };
    expect((await postReport(collector.url, forger.node_key, { ...forged, inventory: { ...forged.inventory, lifecycle } })).status).toBe(202);
    viewer = async <T,>(path: string) => {
      const response = await fetch(`${collector.url}${path}`, { headers: { authorization: `Bearer ${collector.viewerToken}` } });
      expect(response.status, path).toBe(200);
      return (await response.json()) as T;
    };
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await collector.close();
    dir.remove();
  });

  type Site = { site_id: string; level: number; band_level: number; capped_by: Array<{ gate: string; controls: string[]; fail: number }>; controls: Array<{ control_id: string; pass: number; fail: number; unknown: number }> };
  type Trust = { trust_id: string; level: number; level_name: string; sites: Site[] };

  it('every device fails CYB-OS-SUPPORTED, each with a reason naming its release; the gate holds the level at 2 in /v1/scores', async () => {
    const { trusts } = await viewer<{ trusts: Trust[] }>(`/v1/scores?as_of=${AS_OF}&trust=legacy`);
    const site = trusts[0]!.sites[0]!;
    expect(site.controls.find((c) => c.control_id === 'CYB-OS-SUPPORTED')).toMatchObject({ pass: 0, fail: LONG_DEAD.length, unknown: 0 });
    // Everything else passes, so only the gate keeps the score's band from counting.
    expect(site.band_level).toBeGreaterThanOrEqual(3);
    expect(site.level).toBeLessThanOrEqual(2);
    expect(trusts[0]!.level).toBeLessThanOrEqual(2);
    expect(site.capped_by).toEqual(expect.arrayContaining([expect.objectContaining({ controls: expect.arrayContaining(['CYB-OS-SUPPORTED']), fail: LONG_DEAD.length })]));

    const list = await viewer<{ total: number; devices: Array<{ reason: string }> }>(`/v1/devices?as_of=${AS_OF}&site=museum&list=unsupported`);
    expect(list.total).toBe(LONG_DEAD.length);
    const reasons = list.devices.map((d) => d.reason).sort();
    expect(reasons).toEqual(expect.arrayContaining([
      expect.stringMatching(/^windows-2000 \* is older than every windows release in the end-of-life catalogue; the oldest it lists, windows-xp \*, was supported until 2014-04-08$/),
      expect.stringMatching(/^debian 6 is older than every debian release in the end-of-life catalogue; the oldest it lists, debian 7, was supported until 2020-06-30$/),
      'CentOS Linux 7 out of support since 2024-06-30',
      'Mac OS X 10.9.5 out of support since 2016-09-20',
    ]));
  });

  it('hostile or malformed OS descriptions never pass CYB-OS-SUPPORTED', async () => {
    const { devices } = await viewer<{ devices: Array<{ device_id: string; status: string; reason: string }> }>(`/v1/devices?as_of=${AS_OF}&site=hostile&control=CYB-OS-SUPPORTED&limit=1000`);
    expect(devices).toHaveLength(HOSTILE.length);
    for (const device of devices) expect([hostileIds.get(device.device_id), device.status]).not.toEqual([hostileIds.get(device.device_id), 'pass']);
    for (const device of devices) expect(device.reason, hostileIds.get(device.device_id)).not.toBe('');
  });

  it('a lifecycle key sent by the agent is ignored: the collector derives its own', async () => {
    const { devices } = await viewer<{ devices: Array<{ status: string; reason: string; os: string }> }>(`/v1/devices?as_of=${AS_OF}&site=forged&control=CYB-OS-SUPPORTED`);
    expect(devices).toEqual([expect.objectContaining({ status: 'fail', reason: 'Microsoft Windows XP Professional ? out of support since 2014-04-08' })]);
    // The label shows the name alone when the version is unknown, never the agent's {"unknown": …} JSON.
    expect(devices[0]).toMatchObject({ os: 'Microsoft Windows XP Professional' });
  });

  it('current releases of every family pass', async () => {
    const { devices } = await viewer<{ devices: Array<{ status: string; reason: string }> }>(`/v1/devices?as_of=${AS_OF}&site=current&control=CYB-OS-SUPPORTED&limit=1000`);
    expect(devices).toHaveLength(CURRENT.length);
    expect(devices.filter((d) => d.status !== 'pass')).toEqual([]);
  });

  it('the CIO view shows the same level and the gate holding it down', async () => {
    const { trusts } = await viewer<{ trusts: Trust[] }>(`/v1/scores?as_of=${AS_OF}&trust=legacy`);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const { page, errors, offsite } = await watchedPage(context);
    await signInWithViewerToken(page, collector.url, collector.viewerToken);
    await page.goto(`${collector.url}/?trust=legacy&as_of=${AS_OF}`);
    await page.waitForLoadState('networkidle');
    const level = (await page.locator('#headline [data-value=level]').first().textContent())?.replace(/\s+/g, ' ').trim();
    expect(level).toBe(`Level ${trusts[0]!.level} · ${trusts[0]!.level_name}`);
    const gates = await page.locator('#headline p.cap').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-gate')));
    expect(gates).toEqual(expect.arrayContaining([trusts[0]!.sites[0]!.capped_by.find((g) => g.controls.includes('CYB-OS-SUPPORTED'))!.gate]));
    await page.screenshot({ path: `${SCREENSHOTS}/cio-long-dead-site.png`, fullPage: true });
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
  }, 120_000);
});
