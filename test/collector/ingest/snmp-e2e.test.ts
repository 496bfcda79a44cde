import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSnmpCollector } from '../../../agent/collectors/snmp/index.js';
import { buildReport } from '../../../agent/cycle/build-report.js';
import type { RunningCollector } from '../../../collector/service.js';
import { networkDeviceId } from '../../../collector/ingest/network-rows.js';
import { testContextBase } from '../../helpers/agent.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../../helpers/collector.js';
import { postReport } from '../../helpers/reports.js';
import { type RunningSnmpd, startSnmpd, zeroCounters } from '../../helpers/snmpd.js';
import { VENDORS } from '../../helpers/snmp-vendors.js';
import { tempDir } from '../../helpers/temp.js';

// Poller (real snmpd on loopback) → report → collector over HTTP → rows read back from the embedded engine.
describe('SNMP poll end to end', () => {
  const dir = tempDir('snmp-e2e');
  let collector: RunningCollector;
  let snmpd: RunningSnmpd;

  beforeAll(async () => {
    [collector, snmpd] = await Promise.all([
      startTestCollector(`${dir.path}/collector`),
      startSnmpd(`${dir.path}/snmpd`, {
        profile: VENDORS.ciscoIosXe,
        communities: ['rx-ro'],
        counters: [{ ...zeroCounters(), inOctets: 1_000n, outOctets: 1_000n, inUcast: 10n, outUcast: 10n }],
      }),
    ]);
  }, 90_000);
  afterAll(async () => {
    await snmpd?.stop();
    await collector?.close();
    dir.remove();
  });

  it('stores network devices (kind network) and interface samples with rates', async () => {
    const secret = await siteWithSecret(adminFor(collector.url, `${dir.path}/collector`), 'rxa-ngh', 'rxa', { role: 'poller' });
    const poller = await enroll(collector.url, secret, 'e5'.repeat(32));
    const base = testContextBase({
      snmp: {
        credentials: { ro: { version: 'v2c', community_env: 'SF_E2E_RO' } },
        targets: [{ name: 'core-sw1', address: '127.0.0.1', port: snmpd.ports[0]!, credentials: 'ro', site: 'Block A' }],
        check_default_communities: false,
      },
    });
    const snmp = createSnmpCollector({ secrets: { env: { SF_E2E_RO: 'rx-ro' }, readFile: () => '' } });
    const poll = async () => {
      const output = await snmp.collect({ ...base, signal: new AbortController().signal, deadline: Date.now() + 30_000 });
      const report = buildReport({ deviceId: poller.device_id, collectedAt: new Date(), network_devices: output.network_devices!, collectors: [{ collector: 'snmp', ok: true, duration_ms: 1 }] });
      const response = await postReport(collector.url, poller.node_key, report);
      expect(response.status).toBe(202);
      return report;
    };
    await poll();
    await new Promise((r) => setTimeout(r, 1100));
    snmpd.setCounters([{ ...zeroCounters(), inOctets: 101_000n, outOctets: 1_000n, inUcast: 110n, outUcast: 10n, inErrors: 1 }]);
    const second = await poll();

    const [device] = await collector.store.query<Record<string, unknown>>(
      `SELECT target, vendor, os, model, firmware, serial, snmp_version, security_level, error, interface_count, target_site, toString(report_id) AS report_id
       FROM {db}.network_devices FINAL WHERE site_id = 'rxa-ngh'`,
    );
    expect(device).toEqual({
      target: 'core-sw1',
      vendor: 'Cisco',
      os: 'IOS-XE',
      model: 'C9300-48P',
      firmware: '17.6.5',
      serial: 'FOC2231X0AB',
      snmp_version: 'v2c',
      security_level: 'community',
      error: '',
      interface_count: 2,
      target_site: 'Block A',
      report_id: second.report_id,
    });

    const [registry] = await collector.store.query<Record<string, unknown>>(
      `SELECT device_id, kind, site_id, hostname, platform FROM {db}.devices FINAL WHERE kind = 'network'`,
    );
    expect(registry).toEqual({ device_id: networkDeviceId('rxa', 'rxa-ngh', 'core-sw1'), kind: 'network', site_id: 'rxa-ngh', hostname: 'rxa-core-sw1', platform: 'cisco' });

    const samples = await collector.store.query<{ name: string; in_bps: number | null; in_error_pct: number | null; report: string; at_ms: number }>(
      `SELECT name, in_bps, in_error_pct, toString(report_id) AS report, toUnixTimestamp64Milli(ts) AS at_ms FROM {db}.interface_samples FINAL WHERE target = 'core-sw1' ORDER BY ts, if_index`,
    );
    expect(samples).toHaveLength(4);
    expect(samples.slice(0, 2).every((s) => s.in_bps === null)).toBe(true);
    const latest = samples[2]!;
    expect(latest.name).toBe('Gi1/0/1');
    // 100,000 octets between the two polls, over the time between them (more than the 1.1 s
    // pause when the machine is busy; the agent times the polls with the device's uptime).
    const seconds = (Number(latest.at_ms) - Number(samples[0]!.at_ms)) / 1000;
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(latest.in_bps).toBeGreaterThan(((100_000 * 8) / seconds) * 0.8);
    expect(latest.in_bps).toBeLessThan(((100_000 * 8) / seconds) * 1.2);
    expect(latest.in_error_pct).toBeCloseTo((1 / 101) * 100, 2);
  }, 60_000);
});
