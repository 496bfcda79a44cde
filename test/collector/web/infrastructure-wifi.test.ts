import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Operations } from '../../../collector/queries/operations.js';
import type { RunningCollector } from '../../../collector/service.js';
import type { NetworkDevice, Report } from '../../../protocol/index.js';
import { launchChromium, SCREENSHOTS, watchedPage, signInWithViewerToken } from '../../helpers/browser.js';
import { networkDeviceId } from '../../../collector/ingest/network-rows.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../../helpers/collector.js';
import { postReport } from '../../helpers/reports.js';
import { AS_OF, reportFor } from '../../helpers/scoring-fleet.js';
import { tempDir } from '../../helpers/temp.js';

const at = (hour: number) => `${AS_OF}T${String(hour).padStart(2, '0')}:00:00.000Z`;
type Radio = NonNullable<NetworkDevice['radios']>[number];
type Link = NonNullable<NetworkDevice['interfaces']>[number];
const link = (index: number, name: string, errorPct: number, physical?: boolean): Link => ({
  index, name, in_packets: 1e6, out_packets: 1e6, in_error_pct: errorPct, out_error_pct: 0, in_discard_pct: 0, out_discard_pct: 0, utilisation_pct: 10, ...(physical === undefined ? {} : { physical }),
});

/** A wireless controller's poll: its radios, and a physical uplink beside a virtual interface full of errors. */
const controller = (hour: number, apOneFive: Pick<Radio, 'channel_utilisation_pct' | 'clients'>): NetworkDevice => ({
  target: 'wlc-1', address: '127.0.0.1', polled_at: at(hour), snmp_version: 'v3', security_level: 'authPriv', default_community_accepted: false, community_enabled: false,
  vendor: 'Cisco', os: 'AireOS', model: 'AIR-CT5520-K9', firmware: '8.10.196.0',
  interfaces: [link(1, 'TenGigabitEthernet0/0/1', 0.01, true), link(2, 'Vlan10', 5, false)],
  radios: [
    { ap_name: 'ward-ap-1', ap_mac: '00:11:22:33:44:01', band: '5GHz', channel: 36, noise_dbm: -92, ...apOneFive },
    { ap_name: 'ward-ap-1', ap_mac: '00:11:22:33:44:01', band: '2.4GHz', channel: 6, channel_utilisation_pct: 75, noise_dbm: -85, clients: 3 },
    { ap_name: 'ward-ap-2', ap_mac: '00:11:22:33:44:02', band: '5GHz', channel: 149, channel_utilisation_pct: 20, noise_dbm: -95, clients: 0 },
  ],
});

/** A two-member stack whose sources disagreed on the version. */
const STACK: Partial<NetworkDevice> = {
  target: 'edge-sw', os: 'IOS-XE', vendor: 'Cisco', family: 'Catalyst 9200', model: 'C9200L-48P-4G', serial: 'JAE0000001', firmware: '17.09.04', firmware_train: '17.9', firmware_source: 'entity',
  identity_notes: ['sysDescr says 17.9.4, ENTITY-MIB 17.09.04: ENTITY-MIB wins'],
  stack_members: [
    { position: 1, model: 'C9200L-48P-4G', serial: 'JAE0000001', firmware: '17.09.04' },
    { position: 2, model: 'C9200L-24P-4G', serial: { unknown: 'entPhysicalSerialNum empty' }, firmware: '17.09.04' },
  ],
};

// Radios and interfaces go in through the real report path (a site poller's POST /v1/reports), and
// the IT-ops page, in Chromium, shows what the radios report beside what the site's laptops measured.
describe('infrastructure Wi-Fi, physical ports and a stack\'s identity in the dashboard', () => {
  const dir = tempDir('infra-wifi');
  let collector: RunningCollector;
  let browser: Browser | undefined;
  const viewer = async <T,>(path: string): Promise<T> => {
    const response = await fetch(`${collector.url}${path}`, { headers: { authorization: `Bearer ${collector.viewerToken}` } });
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
    const admin = adminFor(collector.url, dir.path);
    const agents = await siteWithSecret(admin, 'ward', 'rwi');
    for (const [n, variant] of (['good', 'weakwifi'] as const).entries()) {
      const laptop = await enroll(collector.url, agents, n.toString(16).padStart(64, 'a'));
      expect((await postReport(collector.url, laptop.node_key, reportFor(variant, laptop.device_id))).status).toBe(202);
    }
    const poller = await enroll(collector.url, await admin.createEnrollSecret('ward', { role: 'poller' }), 'b'.repeat(64));
    for (const [hour, apOneFive] of [[9, { channel_utilisation_pct: 40, clients: 10 }], [10, { channel_utilisation_pct: 60, clients: 12 }]] as const) {
      const gear: NetworkDevice[] = [controller(hour, apOneFive)];
      // A switch whose ports' kind the poller could not tell: counted as before.
      if (hour === 10) gear.push({ ...controller(hour, apOneFive), ...STACK, radios: undefined, interfaces: [link(1, 'Gi1/0/1', 0.5)] });
      const report: Report = { schema: 'sf.report/v1', report_id: randomUUID(), device_id: poller.device_id, agent_version: '0.1.0', collected_at: at(hour), network_devices: gear };
      expect((await postReport(collector.url, poller.node_key, report)).status).toBe(202);
    }
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await collector.close();
    dir.remove();
  });

  it('link errors count physical ports where the poller knows them, every port where it does not', async () => {
    const { devices } = await viewer<{ devices: Array<{ status: string; reason: string; evidence: string }> }>(`/v1/devices?as_of=${AS_OF}&kind=network&control=INF-NET-ERR`);
    expect(devices.map((d) => [d.status, d.reason]).sort()).toEqual([
      ['fail', 'Gi1/0/1: errors and discards 0.5 % of packets'],
      ['pass', ''],
    ]);
    expect(devices.find((d) => d.status === 'pass')!.evidence).toBe('worst interface TenGigabitEthernet0/0/1: 0.01 %');
  });

  it('shows each radio and the site beside the endpoint signal, in Chromium', async () => {
    const ops = await viewer<Operations>(`/v1/operations?as_of=${AS_OF}&trust=rwi`);
    const ward = ops.sites.find((s) => s.site_id === 'ward')!;
    expect(ward.wifi_judged).toBe(2);
    // Neither box's train is in the firmware catalogue: the IT-ops view names them for its next review.
    expect(ops.catalogue.warnings).toContain('2 network devices run firmware the firmware release catalogue does not list (cisco-aireos 8.10, cisco-ios-xe 17.9): their firmware currency is unknown until it does');

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const { page, errors, offsite } = await watchedPage(context);
    await signInWithViewerToken(page, collector.url, collector.viewerToken);
    await page.goto(`${collector.url}/ops?trust=rwi&as_of=${AS_OF}`);
    await page.waitForLoadState('networkidle');

    const site = page.locator('#infra-wifi-sites tr[data-site=ward]');
    const cell = async (name: string) => (await site.locator(`[data-value=${name}]`).textContent())?.trim();
    expect(await cell('endpoint-signal')).toBe(`${ward.wifi_p10_dbm} dBm`);
    expect(await cell('site-radios')).toBe('3');
    // Clients at each radio's last poll: 12 + 3 + 0.
    expect(await cell('site-clients')).toBe('15');
    expect(await cell('busiest')).toBe('75\u00a0%');
    expect(await cell('noisiest')).toBe('-85 dBm');

    const radios = await page.locator('#infra-wifi-radios tbody tr').evaluateAll((rows) =>
      rows.map((row) => [row.getAttribute('data-radio'), ...['utilisation', 'noise', 'clients'].map((v) => row.querySelector(`[data-value=${v}]`)?.textContent?.trim())]),
    );
    // Busiest first; ward-ap-1's 5 GHz radio over two polls: mean 50 %, clients at the last poll.
    expect(radios).toEqual([
      ['ward-ap-1/2.4GHz', '75\u00a0%', '-85 dBm', '3'],
      ['ward-ap-1/5GHz', '50\u00a0%', '-92 dBm', '12'],
      ['ward-ap-2/5GHz', '20\u00a0%', '-95 dBm', '0'],
    ]);
    expect(await page.locator('[data-value=catalogue-warning]').allTextContents()).toContain(ops.catalogue.warnings.at(-1));
    const gearColumns = await page.locator('#network-gear thead th').allTextContents();
    expect(gearColumns).toContain('CYB-NET-PATCH');
    await page.screenshot({ path: `${SCREENSHOTS}/ops-infrastructure-wifi.png`, fullPage: true });

    // The stack's own page: its identity as polled, the rule that settled the version, each member.
    await page.locator(`#network-gear tr[data-device=${networkDeviceId('rwi', 'ward', 'edge-sw')}] th a`).click();
    await page.waitForLoadState('networkidle');
    const fact = async (name: string) => (await page.locator(`#network-identity [data-value=${name}]`).textContent())?.trim();
    expect([await fact('family'), await fact('model'), await fact('serial'), await fact('firmware')]).toEqual(['Catalyst 9200', 'C9200L-48P-4G', 'JAE0000001', '17.09.04 (train 17.9), from ENTITY-MIB']);
    expect(await page.locator('#identity-notes li').allTextContents()).toEqual(['sysDescr says 17.9.4, ENTITY-MIB 17.09.04: ENTITY-MIB wins']);
    const members = await page.locator('#stack-members tbody tr').evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-position'), row.querySelector('[data-value=serial]')?.textContent]));
    expect(members).toEqual([['1', 'JAE0000001'], ['2', '–']]);
    await page.screenshot({ path: `${SCREENSHOTS}/device-network-stack.png`, fullPage: true });
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
  }, 120_000);
});
