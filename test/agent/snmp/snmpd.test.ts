import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentConfigInput } from '../../../agent/config/schema.js';
import { createSnmpCollector } from '../../../agent/collectors/snmp/index.js';
import type { CollectContext } from '../../../agent/collectors/types.js';
import type { NetworkDevice } from '../../../protocol/index.js';
import { testContextBase } from '../../helpers/agent.js';
import { type RunningSnmpd, freeUdpPort, startSnmpd, zeroCounters } from '../../helpers/snmpd.js';
import { VENDORS } from '../../helpers/snmp-vendors.js';
import { tempDir } from '../../helpers/temp.js';

// Real snmpd processes on 127.0.0.1 impersonating vendors, polled over v2c and v3 authPriv.
const USER = { name: 'sfpoller', auth: 'SHA-256' as const, authKey: 'auth-secret-123', priv: 'AES' as const, privKey: 'priv-secret-456' };
const env = { SF_RO: 'rx-ro-community', SF_AUTH: USER.authKey, SF_PRIV: USER.privKey, SF_BAD: 'not-the-password' };

function ctx(snmp: AgentConfigInput['snmp'], budgetMs = 60_000): CollectContext {
  const base = testContextBase({ snmp });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), budgetMs).unref();
  return { ...base, signal: controller.signal, deadline: Date.now() + budgetMs };
}

const credentials = {
  ro: { version: 'v2c' as const, community_env: 'SF_RO' },
  v3: { version: 'v3' as const, user: USER.name, auth_protocol: 'sha256' as const, auth_key_env: 'SF_AUTH', priv_protocol: 'aes' as const, priv_key_env: 'SF_PRIV' },
  v3bad: { version: 'v3' as const, user: USER.name, auth_protocol: 'sha256' as const, auth_key_env: 'SF_BAD', priv_protocol: 'aes' as const, priv_key_env: 'SF_PRIV' },
  v3nouser: { version: 'v3' as const, user: 'nobody', auth_protocol: 'sha256' as const, auth_key_env: 'SF_AUTH', priv_protocol: 'aes' as const, priv_key_env: 'SF_PRIV' },
  wrong: { version: 'v2c' as const, community_env: 'SF_BAD' },
};

const byTarget = (devices: NetworkDevice[] | undefined) => new Map((devices ?? []).map((d) => [d.target, d]));

describe('SNMP poller against real snmpd', () => {
  const dir = tempDir('snmpd');
  const agents: Record<string, RunningSnmpd> = {};
  let silent: Socket;
  let silentPort: number;

  beforeAll(async () => {
    const counters = [
      { ...zeroCounters(), inOctets: 1_000_000n, outOctets: 2_000_000n, inUcast: 10_000n, outUcast: 20_000n },
      { ...zeroCounters(), inOctets: 5_000_000n, outOctets: 7_000_000n, inUcast: 50_000n, outUcast: 70_000n },
    ];
    const names = ['ciscoIosXe', 'arubaCx', 'juniperEx', 'fortigate', 'procurve', 'unknownBox'] as const;
    await Promise.all(
      names.map(async (name) => {
        agents[name] = await startSnmpd(`${dir.path}/${name}`, { profile: VENDORS[name], communities: ['rx-ro-community'], users: [USER], counters });
      }),
    );
    silent = createSocket('udp4');
    await new Promise<void>((r) => silent.bind(0, '127.0.0.1', () => r()));
    silentPort = silent.address().port;
  }, 60_000);

  afterAll(async () => {
    await Promise.all(Object.values(agents).map((a) => a.stop()));
    silent?.close();
    dir.remove();
  });

  const target = (name: keyof typeof agents | string, credentialsName: string, extra: Record<string, unknown> = {}) => ({
    name: `${name}-${credentialsName}`,
    address: '127.0.0.1',
    port: agents[name]!.ports[0]!,
    credentials: credentialsName,
    site: 'Block A comms room',
    ...extra,
  });

  it('identifies vendor, OS, model, firmware and serial over v2c and v3 authPriv', async () => {
    const names = ['ciscoIosXe', 'arubaCx', 'juniperEx', 'fortigate', 'procurve'] as const;
    const collector = createSnmpCollector({ secrets: { env, readFile: () => '' } });
    const output = await collector.collect(
      ctx({ credentials, targets: names.flatMap((n) => [target(n, 'ro'), target(n, 'v3')]), timeout_ms: 1500, retries: 1 }),
    );
    expect(output.problem).toBeUndefined();
    const got = byTarget(output.network_devices);
    const expected = {
      ciscoIosXe: {
        vendor: 'Cisco',
        os: 'IOS-XE',
        family: 'Catalyst 9300',
        model: 'C9300-48P',
        firmware: '17.6.5',
        firmware_source: 'sysdescr',
        firmware_train: '17.6',
        identity_notes: ['sysDescr says 17.6.5, ENTITY-MIB 17.06.05 (same release written differently): sysDescr wins'],
        serial: 'FOC2231X0AB',
        manufacture_date: '2018-08-03',
      },
      arubaCx: { vendor: 'Aruba', os: 'AOS-CX', model: 'JL658A', firmware: 'FL.10.13.1000', serial: 'SG9ZKN1234', manufacture_date: '2021-11-22' },
      juniperEx: { vendor: 'Juniper', os: 'Junos', model: 'EX4300-48T', firmware: '21.4R3-S4.9', serial: 'PE3714AF0123' },
      fortigate: { vendor: 'Fortinet', os: 'FortiOS', model: 'FGT_100F', firmware: 'v7.2.8,build1639,240313 (GA.M)', firmware_train: '7.2', serial: 'FG100FTK20012345' },
      procurve: { vendor: 'HPE', os: 'ArubaOS-Switch', model: 'J9772A', firmware: 'YA.16.10.0016', firmware_train: 'YA.16.10', serial: 'CN55FP1234' },
    };
    for (const name of names) {
      for (const cred of ['ro', 'v3']) {
        const device = got.get(`${name}-${cred}`)!;
        expect(device.error, `${name}-${cred}`).toBeUndefined();
        expect(device, `${name}-${cred}`).toMatchObject({
          ...expected[name],
          snmp_version: cred === 'ro' ? 'v2c' : 'v3',
          security_level: cred === 'ro' ? 'community' : 'authPriv',
          sys_name: VENDORS[name].sysName,
          site: 'Block A comms room',
        });
        expect(device.interfaces?.map((i) => i.name)).toEqual(VENDORS[name].interfaces.map((i) => i.name));
        expect(device.interfaces?.[0]).toMatchObject({ in_octets: 1_000_000, out_octets: 2_000_000, in_packets: 10_000, counter_bits: 64, oper_up: true });
        expect(device.rates_note).toMatch(/first poll/);
        if (cred === 'ro') expect(device.community_enabled).toBe(true);
        else expect(device.community_enabled).toEqual({ unknown: expect.stringMatching(/v3/) });
        expect(device.default_community_accepted).toBe(false);
      }
    }
    expect(got.get('ciscoIosXe-ro')!.age_days).toBeGreaterThan(365 * 5);
  }, 60_000);

  it('keeps raw strings of an unknown vendor and reports it as unknown', async () => {
    const output = await createSnmpCollector({ secrets: { env, readFile: () => '' } }).collect(ctx({ credentials, targets: [target('unknownBox', 'v3')] }));
    const device = output.network_devices![0]!;
    expect(device.vendor).toEqual({ unknown: expect.stringMatching(/enterprise number 99999/) });
    expect(device.sys_descr).toBe('Acme NetThing 9000 firmware 3.1');
    expect(device.sys_object_id).toBe('1.3.6.1.4.1.99999.1.2');
    expect(device.serial).toEqual({ unknown: expect.any(String) });
  }, 30_000);

  it('ends wrong community, wrong v3 password, unknown user, closed port and silent target in clear errors within the timeout, others unaffected', async () => {
    const closedPort = await freeUdpPort();
    const collector = createSnmpCollector({ secrets: { env, readFile: () => '' } });
    const started = Date.now();
    const output = await collector.collect(
      ctx({
        credentials,
        timeout_ms: 800,
        retries: 0,
        concurrency: 8,
        check_default_communities: false,
        targets: [
          target('ciscoIosXe', 'wrong'),
          target('ciscoIosXe', 'v3bad'),
          target('ciscoIosXe', 'v3nouser'),
          { name: 'closed', address: '127.0.0.1', port: closedPort, credentials: 'ro' },
          { name: 'silent', address: '127.0.0.1', port: silentPort, credentials: 'v3' },
          target('arubaCx', 'v3'),
        ],
      }),
    );
    const elapsed = Date.now() - started;
    const got = byTarget(output.network_devices);
    expect(got.get('ciscoIosXe-wrong')!.error).toMatch(/^timeout after 800 ms \(no answer from 127\.0\.0\.1:\d+: wrong community/);
    expect(got.get('ciscoIosXe-v3bad')!.error).toMatch(/^authentication failure \(wrong v3 password/);
    expect(got.get('ciscoIosXe-v3nouser')!.error).toMatch(/^unknown user "nobody"/);
    expect(got.get('closed')!.error).toMatch(/^(timeout after 800 ms|connection refused)/);
    expect(got.get('silent')!.error).toMatch(/^timeout after 800 ms \(no answer from 127\.0\.0\.1:\d+: SNMP not enabled/);
    expect(got.get('arubaCx-v3')!.error).toBeUndefined();
    expect(got.get('arubaCx-v3')!.model).toBe('JL658A');
    expect(elapsed).toBeLessThan(800 * 3);
    expect(output.problem).toMatch(/^5 of 6 SNMP targets failed/);
    // Secrets never reach the report.
    const text = JSON.stringify(output);
    for (const secret of Object.values(env)) expect(text).not.toContain(secret);
  }, 30_000);

  it('gives correct rates across a 64-bit counter wrap and none across a reboot', async () => {
    const agent = agents.juniperEx!;
    const collector = createSnmpCollector({ secrets: { env, readFile: () => '' } });
    const cfg = { credentials, targets: [target('juniperEx', 'v3')], check_default_communities: false };
    const near64 = (1n << 64n) - 1_000n;
    agent.setCounters([{ ...zeroCounters(), inOctets: near64, outOctets: 10_000n, inUcast: 100n, outUcast: 100n, inErrors: 5, inDiscards: 1 }]);
    const first = (await collector.collect(ctx(cfg))).network_devices![0]!;
    expect(first.error).toBeUndefined();
    expect(first.interfaces![0]!.in_octets).toBeUndefined(); // beyond 2^53: not sent raw
    await new Promise((r) => setTimeout(r, 1500));
    // 125,999 octets in (1,000 up to the wrap + 124,999 after it), 1,000 packets, 1 error.
    agent.setCounters([{ ...zeroCounters(), inOctets: 124_999n, outOctets: 10_000n + 250_000n, inUcast: 1_100n, outUcast: 600n, inErrors: 6, inDiscards: 1 }]);
    const second = (await collector.collect(ctx(cfg))).network_devices![0]!;
    const s = second.rate_interval_seconds!;
    expect(s).toBeGreaterThan(1);
    expect(s).toBeLessThan(5);
    const iface = second.interfaces![0]!;
    expect(iface.in_bps).toBeCloseTo((125_999 * 8) / s, 0);
    expect(iface.out_bps).toBeCloseTo((250_000 * 8) / s, 0);
    expect(iface.in_pps).toBeCloseTo(1_000 / s, 1);
    expect(iface.in_error_pct).toBeCloseTo((1 / 1_001) * 100, 3);
    expect(iface.in_discard_pct).toBe(0);
    expect(iface.utilisation_pct).toBeGreaterThan(0);
    expect(iface.utilisation_pct).toBeLessThan(1);

    // Reboot: the box restarts (sysUpTime back near 0) with counters back near 0.
    await agent.restart();
    agent.setCounters([{ ...zeroCounters(), inOctets: 5_000n, outOctets: 5_000n, inUcast: 10n, outUcast: 10n }]);
    const third = (await collector.collect(ctx(cfg))).network_devices![0]!;
    expect(third.error).toBeUndefined();
    expect(third.rates_note).toMatch(/rebooted|restarted/);
    expect(third.interfaces![0]!.in_bps).toBeUndefined();
    // And the interval after the reboot has rates again.
    await new Promise((r) => setTimeout(r, 1200));
    agent.setCounters([{ ...zeroCounters(), inOctets: 15_000n, outOctets: 5_000n, inUcast: 20n, outUcast: 10n }]);
    const fourth = (await collector.collect(ctx(cfg))).network_devices![0]!;
    expect(fourth.interfaces![0]!.in_bps).toBeCloseTo((10_000 * 8) / fourth.rate_interval_seconds!, 0);
  }, 60_000);

  it('reports a default community accepted (hygiene)', async () => {
    const dirPublic = `${dir.path}/public`;
    const open = await startSnmpd(dirPublic, { profile: VENDORS.procurve, communities: ['public'], users: [USER] });
    try {
      const output = await createSnmpCollector({ secrets: { env, readFile: () => '' } }).collect(
        ctx({ credentials, targets: [{ name: 'open', address: '127.0.0.1', port: open.ports[0]!, credentials: 'v3' }], timeout_ms: 800 }),
      );
      expect(output.network_devices![0]).toMatchObject({ security_level: 'authPriv', default_community_accepted: true, community_enabled: true });
    } finally {
      await open.stop();
    }
  }, 30_000);
});
