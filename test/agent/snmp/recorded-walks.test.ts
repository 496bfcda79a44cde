import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOC_PATH, END, START, withTable } from '../../../scripts/network-compatibility.js';
import { type WalkResult, listWalks, pollWalks, renderNetworkCompatibility, rightShare } from '../../helpers/snmpd-walks.js';

/**
 * Recorded walks of real devices (LibreNMS's public test data, test/fixtures/snmp) served by one
 * real snmpd on 127.0.0.1 and polled by the snmp collector, judged against LibreNMS's published
 * discovery results.
 */
describe('SNMP poller on recorded walks of real devices', () => {
  let results: WalkResult[] = [];
  beforeAll(async () => {
    results = await pollWalks();
  }, 600_000);

  it('has at least 73 recordings, each with its source', () => {
    expect(listWalks().length).toBeGreaterThanOrEqual(73);
    for (const device of listWalks()) {
      const source = readFileSync(new URL(`../../fixtures/snmp/${device}/SOURCE.md`, import.meta.url), 'utf8');
      expect(source, device).toMatch(/^repository: \S+/m);
      expect(source, device).toMatch(/^commit: [0-9a-f]{40}$/m);
      expect(source, device).toMatch(/^licence: /m);
    }
  });

  it('identifies none wrong and crashes on none', () => {
    const bad = results.filter((r) => r.verdict === 'wrong' || r.verdict === 'crashed');
    expect(bad.map((r) => `${r.device}: ${JSON.stringify(r.fields)} ${r.error ?? ''}`)).toEqual([]);
  });

  it('identifies at least 90 % right (vendor, model, firmware, serial wherever LibreNMS states them)', () => {
    expect(rightShare(results)).toBeGreaterThanOrEqual(90);
    // Disputes are few and each carries its reason in expected.json.
    expect(results.filter((r) => r.verdict === 'disputed').length).toBeLessThanOrEqual(3);
  });

  it('keeps versions whole with their train, and reports stacks as members', () => {
    const byName = new Map(results.map((r) => [r.device, r.got!]));
    expect(byName.get('vrp')).toMatchObject({ firmware: 'V200R003C01SPC900', firmware_train: 'V200R003', firmware_source: 'sysdescr' });
    expect(byName.get('procurve_50-procurve')).toMatchObject({ firmware: 'K.15.04.0007', firmware_train: 'K.15.04', firmware_source: 'sysdescr' });
    expect(byName.get('fortigate_100e')).toMatchObject({ firmware: 'v5.4.4,build7650,170529 (GA)', firmware_train: '5.4', firmware_source: 'vendor_mib' });
    expect(byName.get('ios_2960x')?.stack_members).toEqual([
      expect.objectContaining({ model: 'WS-C2960X-48FPS-L', serial: 'FCW1929B68S' }),
      expect.objectContaining({ model: 'WS-C2960X-24PS-L', serial: 'FCW1931A06Z' }),
      expect.objectContaining({ model: 'WS-C2960X-48FPS-L', serial: 'FCW1929B6BP' }),
    ]);
    expect(byName.get('arubaos-cx_6300m')?.stack_members?.map((m) => m.serial)).toEqual(['SG19KMX0MQ', 'SG19KMX0SH']);
  });

  it('identifies the families issue 16 named without a recording (SmartZone, Unleashed, FTD, VOSS, NetIron, Meraki, OS10)', () => {
    const byName = new Map(results.map((r) => [r.device, r.got!]));
    // SmartZone: serial scalar and the first row of the node table (model column 3, version column 9).
    expect(byName.get('ruckuswireless-sz')).toMatchObject({ vendor: 'Ruckus', family: 'SmartZone', model: 'SZ104', firmware: '3.6.2.0.78', firmware_source: 'vendor_mib', serial: '211838000212' });
    expect(byName.get('ruckuswireless-unleashed')).toMatchObject({ vendor: 'Ruckus', model: 'T300', serial: '231603507471' });
    // FTD's own release, not the ASA engine's (9.7(1)19) under it.
    expect(byName.get('ftd')).toMatchObject({ vendor: 'Cisco', os: 'FTD', firmware: '6.2.0.4 (Build 85)', firmware_source: 'sysdescr' });
    expect(byName.get('voss_xa1440')).toMatchObject({ vendor: 'Extreme Networks', os: 'VOSS', model: 'XA1440', firmware: '8.2.0.0_B020', serial: '1931C-W0153' });
    // A Foundry-enterprise NetIron is Extreme's, not Ruckus ICX.
    expect(byName.get('ironware')).toMatchObject({ vendor: 'Extreme Networks', os: 'NetIron', model: 'NetIron CER 2024F-4X', firmware: '6.2.0eT183', serial: 'CKM1234L567' });
    expect(byName.get('merakims')).toMatchObject({ vendor: 'Cisco Meraki', model: 'Meraki MS' });
    // OS10's recording holds no software version: unknown, never the hardware revision A03.
    expect(byName.get('dell-os10')).toMatchObject({ vendor: 'Dell', os: 'OS10', model: 'S4128F-ON', firmware: { unknown: expect.any(String) } });
  });

  it('never names a generic agent as the vendor', () => {
    const byName = new Map(results.map((r) => [r.device, r.got!]));
    // sysObjectID 1.3.6.1.4.1.8072.3.2.10 (Net-SNMP): CHECKPOINT-MIB and UBNT-UniFi-MIB answer instead.
    expect(byName.get('gaia_1100')).toMatchObject({ vendor: 'Check Point', model: 'CP 1100', firmware: 'R77.20' });
    expect(byName.get('unifi_nanohd')).toMatchObject({ vendor: 'Ubiquiti', model: 'UAP-nanoHD' });
    for (const r of results) expect(JSON.stringify(r.got?.vendor), r.device).not.toMatch(/^"(net-snmp|broadcom|frogfoot|ucd)/i);
  });

  // Every value below is in the recording (test/fixtures/snmp/<device>/walk.snmprec); the MIB clause
  // each is read by is in agent/collectors/snmp/radios-*.ts and docs/network-compatibility.md.
  it('reads a Cisco Business Wireless controller\'s radios from AIRESPACE-WIRELESS-MIB', () => {
    const cbw = new Map(results.map((r) => [r.device, r.got!])).get('ciscowlc_cbw240ac')!.radios!;
    // bsnAPIfType 1/2 per slot, bsnAPIfPhyChannelNumber, bsnAPIfLoadChannelUtilization, bsnApIfNoOfUsers.
    expect(cbw.map((r) => [r.ap_mac, r.band, r.channel, r.channel_utilisation_pct, r.clients])).toEqual([
      ['14:16:9d:24:ec:80', '2.4GHz', 1, 7, 0],
      ['14:16:9d:24:ec:80', '5GHz', 36, 40, 2],
      ['a0:0f:37:1a:08:80', '2.4GHz', 1, 12, 3],
      ['a0:0f:37:1a:08:80', '5GHz', 36, 45, 3],
      ['a0:0f:37:1a:0a:c0', '2.4GHz', 1, 9, 5],
      ['a0:0f:37:1a:0a:c0', '5GHz', 36, 30, 4],
      ['a0:0f:37:1a:10:e0', '2.4GHz', 1, 31, 0],
      ['a0:0f:37:1a:10:e0', '5GHz', 36, 28, 7],
    ]);
    // The clients add up to the controller's own count for its SSIDs in LibreNMS's full recording
    // (bsnDot11EssNumberOfMobileStations: 24, not kept in the trimmed walk).
    expect(cbw.reduce((sum, r) => sum + (r.clients ?? 0), 0)).toBe(24);
    // The recording has no bsnAPIfChannelNoiseInfoTable: no noise rather than a guess.
    expect(cbw.every((r) => r.noise_dbm === undefined && r.ap_name === '<apnameprivate>')).toBe(true);
  });

  it('reads an Aruba Instant cluster\'s radios from AI-AP-MIB, noise floor included', () => {
    const instant = new Map(results.map((r) => [r.device, r.got!])).get('aruba-instant_105')!.radios!;
    // aiRadioChannel 388 = primary channel 132 with the secondary-channel bit; aiRadioNoiseFloor 93 read as −93 dBm.
    expect(instant).toEqual([
      { ap_name: '24:de:c6:c3:50:a4', ap_mac: '24:de:c6:c3:50:a4', band: '5GHz', channel: 132, channel_utilisation_pct: 0, noise_dbm: -93 },
      // Channel 1 is a 2.4 GHz and a 6 GHz channel, and AI-AP-MIB names no band.
      { ap_name: '24:de:c6:c3:50:a4', ap_mac: '24:de:c6:c3:50:a4', band: 'unknown', channel: 1, channel_utilisation_pct: 21, noise_dbm: -94 },
      { ap_name: '24:de:c6:c3:52:da', ap_mac: '24:de:c6:c3:52:da', band: '5GHz', channel: 100, channel_utilisation_pct: 0, noise_dbm: -93 },
      { ap_name: '24:de:c6:c3:52:da', ap_mac: '24:de:c6:c3:52:da', band: '2.4GHz', channel: 11, channel_utilisation_pct: 13, noise_dbm: -94 },
    ]);
    // Instant 6.4 has no aiRadioClientNum (ArubaOS 8.4 added it): no client count.
    expect(instant.some((r) => 'clients' in r)).toBe(false);
  });

  it('reads a Ruckus AP\'s radios from RUCKUS-RADIO-MIB', () => {
    const ruckus = new Map(results.map((r) => [r.device, r.got!])).get('ruckuswireless-hotzone')!.radios!;
    // ruckusRadioNoiseFloor and ruckusRadioStatsNumSta per radio; the recording holds neither mode nor channel.
    expect(ruckus).toEqual([
      { ap_name: '<private>', band: 'unknown', noise_dbm: -111, clients: 1 },
      { ap_name: '<private>', band: 'unknown', noise_dbm: -99, clients: 0 },
    ]);
  });

  it('reads a UniFi AP\'s radios from UBNT-UniFi-MIB', () => {
    const unifi = new Map(results.map((r) => [r.device, r.got!])).get('unifi_nanohd')!.radios!;
    expect(unifi.map((r) => [r.band, r.channel, r.clients])).toEqual([
      ['2.4GHz', 6, 4],
      ['5GHz', 157, 14],
    ]);
  });

  it('reports no radios where the recording holds no radio table', () => {
    const byName = new Map(results.map((r) => [r.device, r.got!]));
    // ArubaOS controllers (WLSX-WLAN-MIB not recorded), a ZoneDirector (no ruckusZDWLANAPRadioStatsTable recorded).
    for (const device of ['arubaos_aruba7210', 'arubaos_vmc', 'ruckuswireless_zd1200']) expect(byName.get(device)?.radios, device).toBeUndefined();
    const withRadios = results.filter((r) => (r.got?.radios?.length ?? 0) > 0).map((r) => r.device);
    expect(withRadios).toEqual(['aruba-instant_105', 'ciscowlc_cbw240ac', 'ruckuswireless-hotzone', 'unifi_nanohd']);
  });

  it('tells physical ports from virtual interfaces', () => {
    const all = results.flatMap((r) => r.got?.interfaces ?? []);
    expect(all.some((i) => i.physical === true)).toBe(true);
    expect(all.some((i) => i.physical === false)).toBe(true);
    expect(all.filter((i) => i.type === 24 || i.type === 53 || i.type === 135 || i.type === 161).every((i) => i.physical === false)).toBe(true);
  });

  it('docs/network-compatibility.md is current (run: npm run docs:network-compat)', () => {
    const doc = readFileSync(DOC_PATH, 'utf8');
    expect(doc).toContain(START);
    expect(doc).toContain(END);
    expect(doc).toBe(withTable(doc, renderNetworkCompatibility(results)));
  });
});
