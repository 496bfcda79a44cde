import { describe, expect, it } from 'vitest';
import { resolveCredential } from '../../../agent/collectors/snmp/credentials.js';
import { parseDateAndTime } from '../../../agent/collectors/snmp/entity.js';
import { identify } from '../../../agent/collectors/snmp/identify.js';
import { counterDelta, judgeInterval } from '../../../agent/collectors/snmp/rates.js';
import { SnmpConfig } from '../../../agent/config/snmp.js';

describe('identify (real sysDescr strings)', () => {
  const cases: Array<[string, string, Record<string, unknown>]> = [
    ['1.3.6.1.4.1.9.1.1208', 'Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.2(7)E8, RELEASE SOFTWARE (fc1)', { vendor: 'Cisco', os: 'IOS', model: 'C2960X', firmware: '15.2(7)E8' }],
    ['1.3.6.1.4.1.9.1.2494', 'Cisco IOS Software [Bengaluru], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.6.5, RELEASE SOFTWARE (fc2)', { vendor: 'Cisco', os: 'IOS-XE', firmware: '17.6.5' }],
    ['1.3.6.1.4.1.9.1.1745', 'Cisco IOS Software, IOS-XE Software, Catalyst 4500 L3 Switch Software (cat4500e-UNIVERSALK9-M), Version 03.06.06.E RELEASE SOFTWARE (fc1)', { vendor: 'Cisco', os: 'IOS-XE', firmware: '03.06.06.E' }],
    ['1.3.6.1.4.1.14823.1.1.32', 'ArubaOS (MODEL: 7210), Version 8.10.0.7 (87393)', { vendor: 'Aruba', os: 'ArubaOS', model: '7210', firmware: '8.10.0.7' }],
    ['1.3.6.1.4.1.14823.1.2.111', 'ArubaOS (MODEL: 515), Version 8.10.0.6-8.10.0.6', { vendor: 'Aruba', model: '515', firmware: '8.10.0.6' }],
    ['1.3.6.1.4.1.47196.4.1.1.1.301', 'Aruba JL658A 6300M 24SFP+ 4SFP56 Swch FL.10.13.1000', { vendor: 'Aruba', os: 'AOS-CX', model: 'JL658A 6300M 24SFP+ 4SFP56', firmware: 'FL.10.13.1000' }],
    ['1.3.6.1.4.1.2636.1.1.1.2.63', 'Juniper Networks, Inc. ex4300-48t Ethernet Switch, kernel JUNOS 21.4R3-S4.9, Build date: 2023-04-20', { vendor: 'Juniper', os: 'Junos', model: 'ex4300-48t', firmware: '21.4R3-S4.9' }],
    ['1.3.6.1.4.1.11.2.3.7.11.153', 'HP J9772A 2530-48G-PoEP Switch, revision YA.16.10.0016, ROM YA.15.20 (/ws/swbuildm/rel_yakima_qaoff/code/build/lakes)', { vendor: 'HPE', os: 'ArubaOS-Switch', model: 'J9772A 2530-48G-PoEP', firmware: 'YA.16.10.0016' }],
    ['1.3.6.1.4.1.11.2.3.7.11.87', 'ProCurve J9146A Switch 2910al-24G, revision W.14.49, ROM W.14.04 (/sw/code/build/sbm(t4a))', { vendor: 'HPE', os: 'ProCurve', model: 'J9146A 2910al-24G', firmware: 'W.14.49' }],
    ['1.3.6.1.4.1.11.2.3.7.11.181', 'Aruba JL258A 2930F-8G-PoE+-2SFP+ Switch, revision WC.16.10.0012, ROM WC.16.01.0006', { vendor: 'Aruba', os: 'ArubaOS-Switch', firmware: 'WC.16.10.0012' }],
    ['1.3.6.1.4.1.12356.101.1.1004', 'FortiGate-100F v7.2.8,build1639,240313 (GA.M)', { vendor: 'Fortinet', os: 'FortiOS', model: 'FortiGate-100F', firmware: 'v7.2.8,build1639,240313 (GA.M)' }],
    ['1.3.6.1.4.1.41112.1.4.5', 'USW-24-PoE, 6.6.61.15220, Linux 3.6.5', { vendor: 'Ubiquiti', os: 'UniFi', model: 'USW-24-PoE', firmware: '6.6.61.15220' }],
    ['1.3.6.1.4.1.4413', 'EdgeSwitch 24-Port Lite, 1.9.3.5183671, Linux 3.6.5, 1.0.0.4857129', { vendor: 'Ubiquiti', os: 'EdgeSwitch', model: 'EdgeSwitch 24-Port Lite', firmware: '1.9.3.5183671' }],
    ['1.3.6.1.4.1.8072.3.2.10', 'UAP-AC-Pro 6.5.62.14788', { vendor: 'Ubiquiti', os: 'UniFi', model: 'UAP-AC-Pro', firmware: '6.5.62.14788' }],
  ];
  it.each(cases)('%s %s', (oid, descr, want) => {
    expect(identify(oid, descr)).toMatchObject(want);
  });
  it('a Foundry-numbered box is Extreme when its sysDescr says NetIron, whatever the product OID; FastIron stays Ruckus', () => {
    // The sysDescr is the ironware recording's (test/fixtures/snmp/ironware); the product OID beside it is
    // hand-written: another Foundry router number than the one products.ts pins. The ICX line is
    // hand-written too, in the form Ruckus ICX sysDescrs take (the index holds no ICX recording).
    const netIron = 'Extreme Networks NetIron CER, Extended route scalability, IronWare Version V6.2.0eT183 Compiled on Sep 30 2019 at 06:59:54 labeled as V6.2.00e';
    const other = identify('1.3.6.1.4.1.1991.1.3.51.2', netIron);
    expect(other).toMatchObject({ vendor: 'Extreme Networks', os: 'NetIron', firmware: '6.2.0eT183' });
    expect(other.family).toBeUndefined();
    expect(identify('1.3.6.1.4.1.1991.1.3.51.7', netIron)).toMatchObject({ vendor: 'Extreme Networks', os: 'NetIron', family: 'NetIron CER' });
    expect(identify('1.3.6.1.4.1.1991.1.3.62.2.1', 'Ruckus Wireless, Inc. ICX7150-48P, IronWare Version 08.0.95bT213')).toMatchObject({ vendor: 'Ruckus', family: 'ICX / FastIron' });
  });

  it('leaves an unknown vendor undefined with the enterprise number', () => {
    expect(identify('1.3.6.1.4.1.99999.1', 'Acme NetThing')).toEqual({ enterprise: 99999 });
  });
});

describe('counterDelta', () => {
  it('plain increase', () => expect(counterDelta(100n, 250n, 64)).toBe(150n));
  it('32-bit wrap', () => expect(counterDelta(4_294_967_000n, 1_000n, 32)).toBe(1_296n));
  it('64-bit wrap', () => expect(counterDelta((1n << 64n) - 10n, 5n, 64)).toBe(15n));
  it('a 64-bit counter going back a lot is a reset, not a wrap', () => expect(counterDelta(10_000_000_000n, 5n, 64)).toBeUndefined());
  it('reboot (uptime went back) gives no delta even if counters grew', () => expect(counterDelta(100n, 5_000n, 64, 900_000, 1_000)).toBeUndefined());
  it('an implausible jump for the link speed is rejected', () => expect(counterDelta(0n, 10n ** 15n, 64, 0, 100, 10n ** 9n)).toBeUndefined());
});

describe('judgeInterval', () => {
  const prev = { at: 0, sysUpTime: 100_000, interfaces: new Map() };
  it('uses the device clock when it advanced like the wall clock', () => expect(judgeInterval(prev, 300_000, 130_000).seconds).toBe(300));
  it('reboot: sysUpTime went back', () => expect(judgeInterval(prev, 300_000, 500).note).toMatch(/rebooted/));
  it('restart inside the interval: uptime advanced less than the wall clock', () => expect(judgeInterval(prev, 300_000, 100_500).note).toMatch(/restarted/));
  it('sysUpTime wrap after 497 days is not a reboot', () => {
    const p = { at: 0, sysUpTime: 2 ** 32 - 10_000, interfaces: new Map() };
    expect(judgeInterval(p, 300_000, 20_000).seconds).toBe(300);
  });
});

describe('config and credentials', () => {
  it('names the setting of a missing credential', () => {
    const parsed = SnmpConfig.safeParse({ targets: [{ address: '127.0.0.2', credentials: 'nope' }] });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error!.issues)).toMatch(/no credentials named \\"nope\\"/);
  });
  it('resolves secrets from env or a file and never puts them in errors', () => {
    const cred = SnmpConfig.parse({ credentials: { core: { version: 'v3', user: 'u', auth_key_env: 'A', priv_key_file: '/k' } } }).credentials.core!;
    expect(resolveCredential('core', cred, { env: { A: 'authsecret1' }, readFile: () => 'privsecret1\n' })).toMatchObject({ authKey: 'authsecret1', privKey: 'privsecret1', authProtocol: 'sha256', privProtocol: 'aes' });
    expect(() => resolveCredential('core', cred, { env: {}, readFile: () => '' })).toThrow('snmp.credentials.core.auth_key_env: environment variable A is not set');
    expect(() => resolveCredential('core', cred, { env: { A: 'short' }, readFile: () => 'x' })).toThrow(/at least 8 characters/);
  });
  it('parses DateAndTime', () => {
    expect(parseDateAndTime(Buffer.from([0x07, 0xe2, 8, 3, 0, 0, 0, 0]))).toBe('2018-08-03');
    expect(parseDateAndTime(Buffer.alloc(8))).toBeUndefined();
  });
});
