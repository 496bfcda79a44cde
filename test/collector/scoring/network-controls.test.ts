import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../../collector/service.js';
import type { NetworkDevice, Report } from '../../../protocol/index.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../../helpers/collector.js';
import { postReport } from '../../helpers/reports.js';
import { AS_OF } from '../../helpers/scoring-fleet.js';
import { tempDir } from '../../helpers/temp.js';

const polledAt = `${AS_OF}T10:00:00.000Z`;
const gear = (target: string, fields: Partial<NetworkDevice>): NetworkDevice => ({
  target, address: '127.0.0.1', polled_at: polledAt, snmp_version: 'v3', security_level: 'authPriv',
  default_community_accepted: false, community_enabled: false, ...fields,
} as NetworkDevice);
const link = (errorPct: number) => ({ index: 1, name: 'Gi1/0/1', in_packets: 1e6, out_packets: 1e6, in_error_pct: errorPct, out_error_pct: 0, in_discard_pct: 0, out_discard_pct: 0 });

// Network gear scored on firmware support (catalogue), firmware currency, link health and SNMP hygiene.
describe('network controls', () => {
  const dir = tempDir('netscore');
  let collector: RunningCollector;
  let poller: { device_id: string; node_key: string };

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
    const secret = await siteWithSecret(adminFor(collector.url, dir.path), 'core', 't', { role: 'poller' });
    poller = await enroll(collector.url, secret, 'e'.repeat(64));
    const report: Report = {
      schema: 'sf.report/v1', report_id: randomUUID(), device_id: poller.device_id, agent_version: '0.1.0', collected_at: polledAt,
      network_devices: [
        gear('fw-1', { vendor: 'Fortinet', os: 'FortiOS', model: 'FortiGate-100F', firmware: '7.4.3', interfaces: [link(0.01)] }),
        gear('core-sw', { vendor: 'Cisco', os: 'IOS-XE', model: 'C9300-48P', firmware: '17.9.4a', snmp_version: 'v2c', security_level: 'community', interfaces: [link(0.5)] }),
        gear('mystery', { vendor: { unknown: 'enterprise 99999 not recognised' }, firmware: { unknown: 'no version in sysDescr' }, default_community_accepted: true }),
      ],
    };
    expect((await postReport(collector.url, poller.node_key, report)).status).toBe(202);
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  it('judges each device on firmware, links and management, with reasons', async () => {
    const list = async (control: string) => {
      const body = (await (await fetch(`${collector.url}/v1/devices?as_of=${AS_OF}&kind=network&control=${control}`, { headers: { authorization: `Bearer ${collector.viewerToken}` } })).json()) as { devices: Array<{ model: string; status: string; reason: string }> };
      return body.devices.map((d) => [d.status, d.reason]).sort();
    };
    expect(await list('CYB-NET-FW')).toEqual([
      ['fail', 'Cisco C9300-48P IOS-XE 17.9.4a out of support since 2026-07-31'],
      ['pass', ''],
      ['unknown', 'network operating system not identified'],
    ]);
    // Firmware currency, by the shipped firmware release catalogue: FortiOS 7.4.4 came out on 15 May 2024.
    expect(await list('CYB-NET-PATCH')).toEqual([
      ['fail', 'Fortinet FortiGate-100F FortiOS 7.4.3: a newer fortios 7.4 release, 7.4.4 (2024-05-15), has been out 919 days (more than 14); latest 7.4.11 (2026-01-27)'],
      ['unknown', 'network operating system not identified'],
      ['unknown', 'not in the firmware catalogue: cisco-ios-xe train 17.9 is not a train it keeps'],
    ]);
    expect(await list('INF-NET-ERR')).toEqual([
      ['fail', 'Gi1/0/1: errors and discards 0.5 % of packets'],
      ['pass', ''],
      ['unknown', 'no interface rates in the last 7 days'],
    ]);
    expect(await list('CYB-NET-MGMT')).toEqual([
      ['fail', 'accepts a default SNMP community (public/private)'],
      ['fail', 'managed over SNMP v2c (community), not v3 authPriv'],
      ['pass', ''],
    ]);
  });

  it('scores a past date on the gear as polled by then, not as polled later', async () => {
    const nextDay = new Date(Date.parse(polledAt) + 86_400_000).toISOString();
    const upgraded: Report = {
      schema: 'sf.report/v1', report_id: randomUUID(), device_id: poller.device_id, agent_version: '0.1.0', collected_at: nextDay,
      network_devices: [gear('core-sw', { vendor: 'Cisco', os: 'IOS-XE', model: 'C9300-48P', firmware: '17.12.4', polled_at: nextDay, interfaces: [link(0)] })],
    };
    expect((await postReport(collector.url, poller.node_key, upgraded)).status).toBe(202);
    const coreSwitch = async (asOf: string) => {
      const body = (await (await fetch(`${collector.url}/v1/devices?as_of=${asOf}&kind=network&control=CYB-NET-MGMT`, { headers: { authorization: `Bearer ${collector.viewerToken}` } })).json()) as { devices: Array<{ os: string; status: string }> };
      return body.devices.filter((d) => d.os.startsWith('IOS-XE')).map((d) => d.status);
    };
    // Forced re-evaluation: the first test already made a run for AS_OF before this poll arrived.
    await collector.scoring.reevaluate(AS_OF);
    expect(await coreSwitch(AS_OF)).toEqual(['fail']);
    expect(await coreSwitch(nextDay.slice(0, 10))).toEqual(['pass']);
  });
});
