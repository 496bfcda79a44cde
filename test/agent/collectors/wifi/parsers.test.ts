import { describe, expect, it } from 'vitest';
import { parseIwDevInterfaces, parseIwLink, unescapeIwSsid } from '../../../../agent/collectors/wifi/parse-iw.js';
import { labelKey, netshLocationRefusal, parseNetshInterfaces } from '../../../../agent/collectors/wifi/parse-netsh.js';
import { fixtureText } from '../../../helpers/agent.js';
import { splitTerseLine } from '../../../../agent/collectors/wifi/parse-nmcli.js';
import {
  bandFromChannel,
  bandFromFrequency,
  channelFromFrequency,
  generationFromIwBitrate,
  generationFromPhy,
  networkManagerPercentToDbm,
  normaliseBssid,
  normaliseSecurity,
  windowsQualityToDbm,
} from '../../../../agent/collectors/wifi/radio-facts.js';
import { toWifiSample } from '../../../../agent/collectors/wifi/index.js';

describe('radio facts', () => {
  it('maps frequencies to bands and channels, including the 6 GHz grid', () => {
    expect([2412, 2484, 5180, 5825, 5955, 6115, 7115].map(bandFromFrequency)).toEqual([2.4, 2.4, 5, 5, 6, 6, 6]);
    expect([2412, 2484, 5180, 5825, 5955, 6115, 5935].map(channelFromFrequency)).toEqual([1, 14, 36, 165, 1, 33, 2]);
    expect(bandFromFrequency(900)).toBeUndefined();
    expect([1, 13, 36, 165, 200].map(bandFromChannel)).toEqual([2.4, 2.4, 5, 5, undefined]);
  });

  it('names the Wi-Fi generation from the PHY text or the iw bitrate line', () => {
    expect(['802.11n', '802.11ac', '802.11ax', '802.11be', '802.11g', '802.11 a/b/g/n/ac'].map(generationFromPhy)).toEqual([4, 5, 6, 7, 3, 5]);
    expect(generationFromPhy('Intel(R) Wireless')).toBeUndefined();
    expect(generationFromIwBitrate('2882.4 MBit/s 320MHz EHT-MCS 13 EHT-NSS 2 EHT-GI 0')).toBe(7);
    expect(generationFromIwBitrate('1201.0 MBit/s 80MHz HE-MCS 11 HE-NSS 2 HE-GI 0 HE-DCM 0')).toBe(6);
    expect(generationFromIwBitrate('866.7 MBit/s VHT-MCS 9 80MHz short GI VHT-NSS 2')).toBe(5);
    expect(generationFromIwBitrate('300.0 MBit/s MCS 15 40MHz short GI')).toBe(4);
    expect(generationFromIwBitrate('54.0 MBit/s')).toBeUndefined();
  });

  it('speaks one security vocabulary for every OS and language', () => {
    const cases: Array<[string, string | undefined]> = [
      ['WPA2 802.1X', 'WPA2-Enterprise'],
      ['WPA2', 'WPA2-Personal'],
      ['WPA3', 'WPA3-Personal'],
      ['WPA3 802.1X', 'WPA3-Enterprise'],
      ['WPA2 WPA3', 'WPA2/WPA3-Personal'],
      ['WPA1 WPA2', 'WPA/WPA2-Personal'],
      ['WPA2-Enterprise', 'WPA2-Enterprise'],
      ['WPA2 - Entreprise', 'WPA2-Enterprise'],
      ['WPA2 - Personnel', 'WPA2-Personal'],
      ['WPA-Personal', 'WPA-Personal'],
      ['Open', 'open'],
      ['Offen', 'open'],
      ['Ouvrir', 'open'],
      ['OWE', 'OWE'],
      ['WEP', 'WEP'],
      ['spairport_security_mode_none', 'open'],
      ['spairport_security_mode_wpa2_enterprise', 'WPA2-Enterprise'],
      ['spairport_security_mode_wpa3_transition', 'WPA2/WPA3-Personal'],
      ['spairport_security_mode_wpa2_personal_mixed', 'WPA/WPA2-Personal'],
      ['', undefined],
      ['Kerberos', undefined],
    ];
    for (const [raw, expected] of cases) expect(normaliseSecurity(raw), raw).toBe(expected);
  });

  it('turns quality percentages into dBm estimates by each OS documented scale', () => {
    expect([0, 50, 87, 100, 130].map(windowsQualityToDbm)).toEqual([-100, -75, -56.5, -50, -50]);
    expect([100, 64, 30, 10].map(networkManagerPercentToDbm)).toEqual([-20, -56, -90, -90]);
  });

  it('normalises BSSIDs and rejects placeholders', () => {
    expect(normaliseBssid('70-3A-0E-5C-21-B4')).toBe('70:3a:0e:5c:21:b4');
    expect(normaliseBssid('0:1a:1e:8b:77:21')).toBe('00:1a:1e:8b:77:21');
    expect(normaliseBssid('00:00:00:00:00:00')).toBeUndefined();
    expect(normaliseBssid('<redacted>')).toBeUndefined();
  });
});

describe('parsers, edge cases', () => {
  it('splits nmcli terse lines honouring \\: and \\\\ escapes', () => {
    expect(splitTerseLine('yes:Ward 7\\: Printers:00\\:11\\:22\\:33\\:44\\:55:C\\\\D')).toEqual(['yes', 'Ward 7: Printers', '00:11:22:33:44:55', 'C\\D']);
    expect(splitTerseLine('no:::')).toEqual(['no', '', '', '']);
  });

  it('decodes iw SSID escapes, keeping inner spaces', () => {
    expect(unescapeIwSsid('Caf\\xc3\\xa9 Guest')).toBe('Café Guest');
    expect(unescapeIwSsid('\\x20lead')).toBe(' lead');
  });

  it('iw link: not connected and unrelated text are not readings', () => {
    expect(parseIwLink('Not connected.\n', 'wlan0')).toBeUndefined();
    expect(parseIwLink('command failed: No such device (-19)\n', 'wlan0')).toBeUndefined();
  });

  it('iw link: an idle legacy tx rate takes the generation from the rx bitrate', () => {
    const text = 'Connected to 00:11:22:33:44:55 (on wlan0)\n\tSSID: x\n\tfreq: 5180\n\tsignal: -60 dBm\n\trx bitrate: 1200.9 MBit/s 80MHz HE-MCS 11 HE-NSS 2\n\ttx bitrate: 6.0 MBit/s\n';
    expect(parseIwLink(text, 'wlan0')).toMatchObject({ generation: 6, tx_rate_mbps: 6, channel: 36 });
  });

  it('netsh labels compare the same whether accents survived the code page or not', () => {
    expect(labelKey('Übertragungsrate (MBit/s)')).toBe(labelKey('\uFFFDbertragungsrate (MBit/s)'));
    expect(labelKey('État')).toBe(labelKey('\uFFFDtat'));
  });

  it('netsh: a radio type inside the adapter description is not the link PHY', () => {
    const text = '    Name : Wi-Fi\n    Description : Realtek 802.11ac PCIe Adapter\n    SSID : x\n    Signal : 50%\n';
    expect(parseNetshInterfaces(text)).toEqual([{ interface: 'Wi-Fi', ssid: 'x', signal_dbm: -75, signal_estimated: true }]);
  });

  it('a 6 GHz link counts as at least Wi-Fi 6 (6E) and out-of-range values are left out', () => {
    const sample = toWifiSample({ interface: 'en0', band_ghz: 6, generation: 4, channel: 0, tx_rate_mbps: -1, signal_dbm: -130 }, '2025-01-01T00:00:00.000Z', false);
    expect(sample).toEqual({ kind: 'wifi', ts: '2025-01-01T00:00:00.000Z', interface: 'en0', band_ghz: 6, generation: 6, signal_dbm: -120 });
  });
});

describe('netsh in any language, read by shape', () => {
  it('gives the same reading when every label is in a script the agent has no word list for', () => {
    // The genuine English sample with each label replaced by what a Russian, Japanese or Chinese
    // label looks like after the OEM code page was read as UTF-8: U+FFFD runs. Values untouched.
    const english = fixtureText('wifi', 'windows10-en-heatmapper', 'netsh.txt');
    const unreadable = english.replace(/^(\s+)([^:\r\n]+?)(\s*:)/gm, (_m, indent: string, label: string, colon: string) =>
      label === 'SSID' ? `${indent}${label}${colon}` : `${indent}${'\uFFFD'.repeat(label.length)}${colon}`);
    expect(unreadable).not.toContain('Channel');
    expect(parseNetshInterfaces(unreadable)).toEqual(parseNetshInterfaces(english));
    expect(parseNetshInterfaces(unreadable)[0]).toMatchObject({ interface: 'Wi-Fi', bssid: 'fe:dc:ba:09:87:02', channel: 44, tx_rate_mbps: 103, security: 'WPA2-Personal' });
  });

  it('the Windows 11 24H2 location refusal is recognised by its Settings URI, in any language', () => {
    expect(netshLocationRefusal(fixtureText('wifi', 'windows11-24h2-en-location-denied', 'netsh.txt'))).toMatch(/^Windows location access is off for this app: /);
    // Hand-written: the notice in another language keeps the URI untranslated.
    expect(netshLocationRefusal('Netzwerkshellbefehle benötigen die Standortberechtigung …\r\nms-settings:privacy-location\r\n')).toBeDefined();
    expect(netshLocationRefusal('The Wireless AutoConfig Service (wlansvc) is not running.')).toBeUndefined();
  });
});

describe('iw dev', () => {
  it('keeps managed (or untyped) interfaces; a P2P device after an untyped one does not lend it its type', () => {
    const text = 'phy#1\n\tInterface wlan1\n\t\tifindex 5\nphy#0\n\tUnnamed/non-netdev interface\n\t\ttype P2P-device\n\tInterface wlan0\n\t\ttype managed\n\tInterface ap0\n\t\ttype AP\n';
    expect(parseIwDevInterfaces(text)).toEqual(['wlan1', 'wlan0']);
  });
});
