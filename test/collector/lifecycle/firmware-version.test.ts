import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFirmwareCatalogue } from '../../../collector/lifecycle/firmware-catalogue.js';
import { firmwareKey, type FirmwareKey } from '../../../collector/lifecycle/firmware-version.js';
import { networkLifecycleKey } from '../../../collector/lifecycle/keys.js';

const SHIPPED = readFileSync(new URL('../../../collector/lifecycle/firmware.yaml', import.meta.url), 'utf8');

const key = (os: string, firmware: string): FirmwareKey => {
  const made = firmwareKey(os, firmware);
  if ('unknown' in made) throw new Error(`${os} ${firmware}: ${made.unknown}`);
  return made;
};
/** Each list is in release order: every version must order strictly after the one before it. */
const ascending = (os: string, versions: string[]) => {
  const keys = versions.map((v) => key(os, v));
  for (let i = 1; i < keys.length; i++) expect(keys[i]!.order > keys[i - 1]!.order, `${versions[i - 1]} < ${versions[i]}`).toBe(true);
  return keys;
};

describe('firmware release order per vendor', () => {
  it('Cisco IOS-XE: maintenance letters after the number, padded ENTITY-MIB spelling the same release', () => {
    ascending('IOS-XE', ['17.9.4', '17.9.4a', '17.9.4b', '17.9.5', '17.9.10', '17.12.1']);
    expect(key('IOS-XE', '17.09.04a')).toEqual({ platform: 'cisco-ios-xe', train: '17.9', version: '17.9.4a', order: key('IOS-XE', '17.9.4a').order });
    // The end-of-life key reads the same train from the padded spelling.
    expect(networkLifecycleKey('IOS-XE', '17.09.04a')).toEqual(networkLifecycleKey('IOS-XE', '17.9.4a'));
    expect(networkLifecycleKey('IOS-XE', '17.09.04a')).toMatchObject({ product: 'cisco-ios-xe', version: '17.9' });
  });

  it('ArubaOS-Switch / ProCurve: KB.16.11.0020 after KB.16.11.0019, the platform letters not part of the release', () => {
    ascending('ArubaOS-Switch', ['KB.16.10.0025', 'KB.16.11.0019', 'KB.16.11.0020', 'KB.16.11.0100']);
    expect(key('ProCurve', 'WC.16.11.0020')).toEqual({ ...key('ArubaOS-Switch', 'KB.16.11.0020') });
    expect(key('ProCurve', 'KB.16.11.0020')).toMatchObject({ platform: 'arubaos-switch', train: '16.11', version: '16.11.0020' });
  });

  it('FortiOS: the whole version string with its build, ordered by the patch release', () => {
    ascending('FortiOS', ['7.2.9', 'v7.2.10,build1706,240910 (GA.M)', '7.4.0', 'v7.4.4,build2662,240514 (GA.F)']);
    expect(key('FortiOS', 'v7.2.8,build1639,240313 (GA.M)')).toMatchObject({ platform: 'fortios', train: '7.2', version: '7.2.8' });
  });

  it('NX-OS, ASA, Junos, PAN-OS, AireOS, AOS-CX, ArubaOS', () => {
    ascending('NX-OS', ['9.3(9)', '9.3(13)', '10.3(4)', '10.3(4a)M', '10.3(5)M']);
    ascending('ASA', ['9.18(3)', '9.18(3)56', '9.18(4)', '9.18(4.22)', '9.20(2)']);
    expect(key('ASA', '9.18(4)22').order).toBe(key('ASA', '9.18(4.22)').order);
    ascending('Junos', ['21.4R3', '21.4R3-S5', '21.4R3-S5.4', '21.4R3-S10', '22.4R1', '22.4R3-S2']);
    ascending('PAN-OS', ['10.2.9', '10.2.9-h1', '10.2.9-h12', '10.2.10', '11.1.2-h3']);
    ascending('AireOS', ['8.10.185.0', '8.10.190.0', '8.10.196.0']);
    ascending('AOS-CX', ['FL.10.13.1000', '10.13.1040', 'LL.10.14.1000']);
    ascending('ArubaOS', ['8.10.0.9', '8.10.0.12', '8.12.0.1']);
  });

  it('anything but a whole release of the platform has no key, with the reason', () => {
    const hostile: Array<[string, string]> = [
      ['IOS-XE', '17.9'], ['IOS-XE', 'Cisco IOS XE Software, Version 17.9.4a'], ['IOS-XE', '17.9.4a; 17.12.1'], ['IOS-XE', '017.009.0004a'],
      ['IOS-XE', '17.9.4a"},"order":"99999'], ['FortiOS', 'build1639'], ['Junos', '22.4X3'], ['PAN-OS', '10.2.9-h'],
      ['ArubaOS-Switch', 'KB.16.11'], ['Comware', '7.1.070'], ['', '17.9.4a'], ['IOS-XE', ''],
    ];
    for (const [os, firmware] of hostile) expect(firmwareKey(os, firmware), `${os} ${firmware}`).toHaveProperty('unknown');
    expect(firmwareKey('Comware', '7.1.070')).toEqual({ unknown: 'no firmware release catalogue is kept for Comware' });
  });
});

describe('firmware release catalogue file', () => {
  it('parses, every release dated and sourced in its train', () => {
    const catalogue = parseFirmwareCatalogue(SHIPPED);
    expect(catalogue.trains.every((t) => t.source.startsWith('https://'))).toBe(true);
    expect(catalogue.trains.filter((t) => t.confidence === 'estimated' && !t.note)).toEqual([]);
    expect(new Set(catalogue.trains.map((t) => t.platform))).toEqual(new Set(['pan-os', 'fortios', 'cisco-nx-os', 'cisco-asa']));
  });

  it('a bad file is refused with the line and the reason', () => {
    const head = 'revision: x\nreviewed: 2026-12-01\ntrains:\n  - platform: cisco-ios-xe\n    train: "17.9"\n    source: https://example.org/notes\n    releases:\n';
    expect(() => parseFirmwareCatalogue(`${head}      - { version: 17.9.4, release: soon }\n`, 'new.yaml')).toThrow(/^new\.yaml:8: trains\.0\.releases\.0\.release: Invalid ISO date/);
    expect(() => parseFirmwareCatalogue(`${head}      - { version: 17.12.1, release: 2026-01-01 }\n`, 'new.yaml')).toThrow('new.yaml:8: trains.0.releases.0.version: 17.12.1 belongs to train 17.12, not 17.9');
    expect(() => parseFirmwareCatalogue(`${head}      - { version: 17.9.4, release: 2026-01-01 }\n      - { version: 17.09.04, release: 2026-01-02 }\n`, 'new.yaml')).toThrow(/new\.yaml:9: trains\.0\.releases\.1\.version: repeats trains\.0\.releases\.0/);
    expect(() => parseFirmwareCatalogue(`${head}      - { version: seventeen, release: 2026-01-01 }\n`, 'new.yaml')).toThrow(/is not a IOS-XE release the collector can order/);
    expect(() => parseFirmwareCatalogue(`${head}      - { version: 17.9.4, release: 2026-12-02 }\n`, 'new.yaml')).toThrow('new.yaml:8: trains.0.releases.0.release: after the day the train is known to (2026-12-01)');
    expect(() => parseFirmwareCatalogue(head.replace('cisco-ios-xe', 'vrp') + '      - { version: 1, release: 2026-01-01 }\n', 'new.yaml')).toThrow(/trains\.0\.platform: must be one of/);
  });
});
