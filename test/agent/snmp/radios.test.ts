import { describe, expect, it } from 'vitest';
import { AIRESPACE, airespaceRadios } from '../../../agent/collectors/snmp/radios-airespace.js';
import { AI_AP, arubaInstantRadios } from '../../../agent/collectors/snmp/radios-aruba.js';
import { bandOfChannel } from '../../../agent/collectors/snmp/radios-common.js';
import { RUCKUS_RADIO, ruckusApRadios } from '../../../agent/collectors/snmp/radios-ruckus.js';
import { radioSource } from '../../../agent/collectors/snmp/radios.js';
import { T, type Varbind } from '../../../agent/collectors/snmp/values.js';
import type { Column } from '../../../agent/collectors/snmp/walk.js';

/**
 * The radio parsers' bounds. The recorded walks (recorded-walks.test.ts) prove what real devices
 * answer; the rows here are hand-written edge cases no recording shows: a malformed index, values
 * outside their MIB's range, a text channel. Each starts from a row shape a recording has.
 */
const int = (value: number, type: number = T.Integer): Varbind => ({ oid: '', type, value });
const str = (value: string): Varbind => ({ oid: '', type: T.OctetString, value: Buffer.from(value) });
const column = (rows: Record<string, Varbind>): Column => new Map(Object.entries(rows));
const cols = (entries: Record<string, Record<string, Varbind>>) => new Map(Object.entries(entries).map(([oid, rows]) => [oid, column(rows)]));

describe('band from a channel number', () => {
  it('names a band only where one channel plan has the number', () => {
    const bands = [1, 2, 3, 6, 11, 13, 14, 20, 36, 100, 132, 144, 149, 165, 181, 233, 240].map((c) => [c, bandOfChannel(c)]);
    expect(bands).toEqual([
      [1, 'unknown'], // 2.4 GHz channel 1 or 6 GHz channel 1
      [2, 'unknown'], // 6 GHz has a channel 2
      [3, '2.4GHz'],
      [6, '2.4GHz'],
      [11, '2.4GHz'],
      [13, 'unknown'], // 6 GHz channel 13
      [14, '2.4GHz'],
      [20, 'unknown'], // in no 2.4 or 5 GHz plan, and not a 6 GHz 20 MHz channel
      [36, '5GHz'],
      [100, '5GHz'],
      [132, '5GHz'],
      [144, '5GHz'],
      [149, 'unknown'], // 5 GHz 149 or 6 GHz 149
      [165, 'unknown'],
      [181, '6GHz'],
      [233, '6GHz'],
      [240, 'unknown'],
    ]);
    expect(bandOfChannel(undefined)).toBe('unknown');
  });
});

describe('AIRESPACE-WIRELESS-MIB rows', () => {
  const ap = '20.22.157.36.236.128';
  it('drops a row whose index is not a MAC and a slot, and keeps the others whole', () => {
    const radios = airespaceRadios(
      cols({
        [AIRESPACE.ifType]: { [`${ap}.0`]: int(1), [`${ap}.1`]: int(2), '20.22.157.36.236.0': int(1), '20.22.157.36.236.999.0': int(1), [`${ap}.x`]: int(1) },
        [AIRESPACE.ifChannel]: { [`${ap}.0`]: int(1), [`${ap}.1`]: int(36) },
        [AIRESPACE.ifUsers]: { [`${ap}.0`]: int(3, T.Counter32), [`${ap}.1`]: int(2, T.Counter32) },
      }),
    );
    expect(radios.map((r) => [r.ap_mac, r.band, r.channel, r.clients])).toEqual([
      ['14:16:9d:24:ec:80', '2.4GHz', 1, 3],
      ['14:16:9d:24:ec:80', '5GHz', 36, 2],
    ]);
  });

  it('leaves out values outside their MIB range and clamps a client count to the protocol', () => {
    const [radio] = airespaceRadios(
      cols({
        [AIRESPACE.ifType]: { [`${ap}.0`]: int(6) },
        [AIRESPACE.ifChannel]: { [`${ap}.0`]: int(0) },
        [AIRESPACE.loadChannelUtil]: { [`${ap}.0`]: int(101) },
        [AIRESPACE.ifUsers]: { [`${ap}.0`]: int(4_000_000_000, T.Counter32) },
      }),
    );
    expect(radio).toEqual({ ap_name: '14:16:9d:24:ec:80', ap_mac: '14:16:9d:24:ec:80', band: '6GHz', clients: 10_000 });
  });

  it('takes the noise row of the radio\'s current channel, and only a noise floor below 0 dBm', () => {
    const table = cols({ [AIRESPACE.ifType]: { [`${ap}.0`]: int(1), [`${ap}.1`]: int(2) }, [AIRESPACE.ifChannel]: { [`${ap}.0`]: int(6), [`${ap}.1`]: int(36) } });
    const noise = column({ [`${ap}.0.1`]: int(-80), [`${ap}.0.6`]: int(-95), [`${ap}.1.36`]: int(5) });
    expect(airespaceRadios(table, noise).map((r) => r.noise_dbm)).toEqual([-95, undefined]);
  });
});

describe('AI-AP-MIB rows', () => {
  const ap = '36.222.198.195.80.164';
  it('reads the primary channel from an integer or a text form, and the noise floor as dBm', () => {
    const radios = arubaInstantRadios(
      cols({
        [AI_AP.channel]: { [`${ap}.0`]: int(388), [`${ap}.1`]: str('36E'), [`${ap}.2`]: str('none') },
        [AI_AP.noiseFloor]: { [`${ap}.0`]: int(93), [`${ap}.1`]: int(-91), [`${ap}.2`]: int(0) },
        [AI_AP.clients]: { [`${ap}.0`]: int(12) },
        [AI_AP.utilisation64]: { [`${ap}.1`]: int(140) },
      }),
    );
    expect(radios.map((r) => [r.band, r.channel, r.noise_dbm, r.clients, r.channel_utilisation_pct])).toEqual([
      ['5GHz', 132, -93, 12, undefined],
      ['5GHz', 36, -91, undefined, undefined],
      ['unknown', undefined, undefined, undefined, undefined],
    ]);
  });

  it('drops a row whose index is not a MAC and a radio number', () => {
    const radios = arubaInstantRadios(cols({ [AI_AP.noiseFloor]: { [`${ap}.0`]: int(93), '36.222.198.195.80.0': int(93), [`${ap}.256.1`]: int(93) } }));
    expect(radios.map((r) => r.ap_mac)).toEqual(['24:de:c6:c3:50:a4']);
  });
});

describe('RUCKUS-RADIO-MIB rows', () => {
  it('names the band from ruckusRadioMode, else from the channel, and drops a non-numeric index', () => {
    const radios = ruckusApRadios(
      cols({
        [RUCKUS_RADIO.mode]: { '1': int(3), '2': int(8), '3': int(6) },
        [RUCKUS_RADIO.channel]: { '1': int(6), '2': int(44), '3': int(36) },
        [RUCKUS_RADIO.noiseFloor]: { '1': int(-111), '2': int(12), 'x.1': int(-90) },
        [RUCKUS_RADIO.stations]: { '1': int(1, T.Counter32), '2': int(0, T.Counter32) },
      }),
      'ap-lobby',
    );
    expect(radios).toEqual([
      { ap_name: 'ap-lobby', band: '2.4GHz', channel: 6, noise_dbm: -111, clients: 1 },
      { ap_name: 'ap-lobby', band: '5GHz', channel: 44, clients: 0 },
      { ap_name: 'ap-lobby', band: '5GHz', channel: 36 },
    ]);
  });
});

describe('which devices are asked for radios', () => {
  it('only wireless controllers and APs of the vendors read', () => {
    expect(radioSource('Cisco', 'AireOS', 'CBW240AC-B')).toBe('airespace');
    expect(radioSource('Cisco', 'IOS-XE', 'C9800-40-K9')).toBe('airespace');
    expect(radioSource('Cisco', 'IOS', 'WS-C2960X-48FPS-L')).toBeUndefined();
    expect(radioSource('Aruba', 'ArubaOS', '105', 'Access Point')).toBe('aruba-instant');
    expect(radioSource('Aruba', 'ArubaOS', 'Aruba7210', 'Mobility Controller')).toBeUndefined();
    expect(radioSource('Aruba', 'AOS-CX', 'JL658A', 'AOS-CX switch')).toBeUndefined();
    expect(radioSource('Ruckus', undefined, 'Ruckus Wireless Inc (C) 2006', 'Ruckus AP')).toBe('ruckus-ap');
    expect(radioSource('Ruckus', undefined, 'ZD1200', 'ZoneDirector / Unleashed')).toBeUndefined();
    expect(radioSource('Ruckus', 'FastIron', 'ICX7150-48P', 'ICX / FastIron')).toBeUndefined();
    expect(radioSource('Ubiquiti', 'UniFi', 'UAP-nanoHD')).toBe('unifi');
  });
});
