import { describe, expect, it } from 'vitest';
import { lifecycleKey, networkLifecycleKey } from '../../../collector/lifecycle/keys.js';
import { DATED_RELEASES, HOSTILE, lin, mac, NEWER_THAN_CATALOGUE, OLDER_THAN_CATALOGUE, win } from './releases.js';

// The pure key function: exact, case-insensitive, no substring of a free-text name selects a product.
describe('lifecycle key of a reported operating system', () => {
  it.each([
    [win('Windows 11 Pro', '23H2', '22631.4460', 'Pro'), { product: 'windows-11', version: '23H2', edition: 'home-pro', family: 'windows', rank: 22631 }],
    [win('Microsoft Windows 11 Enterprise', '23H2', '22631.4460', 'Enterprise'), { product: 'windows-11', version: '23H2', edition: 'enterprise-education' }],
    [win('WINDOWS 11 PRO EDUCATION', '24H2', '26100.2314', 'Pro'), { product: 'windows-11', version: '24H2', edition: 'home-pro' }],
    [win('Windows 10 Pro', '23H2', '22631.1', 'Professional'), { product: 'windows-11', version: '23H2' }], // a Windows 11 registry says "Windows 10"; the build decides
    [win('Windows 10 Education', '2009', '19045.5131', 'Education'), { product: 'windows-10', version: '22H2', edition: 'enterprise-education' }],
    [win('Windows 10 Enterprise', '1809', '17763.6414', 'EnterpriseS'), { product: 'windows-10', version: '2019', edition: 'ltsc' }],
    [win('Windows 10 IoT Enterprise LTSC 2021', '21H2', '19044.5131', 'IoT'), { product: 'windows-10', version: '2021', edition: 'iot-ltsc' }],
    [win('Microsoft Windows 10 Enterprise N LTSC 2019 Evaluation', '1809', '17763.1', 'EnterpriseSN'), { product: 'windows-10', version: '2019', edition: 'ltsc' }],
    [win('Windows 11 Enterprise Evaluation', '24H2', '26100.1', 'Enterprise'), { product: 'windows-11', version: '24H2', edition: 'enterprise-education' }],
    [win('Windows 11 Pro for Workstations', '25H2', '26200.1', 'ProfessionalWorkstation'), { product: 'windows-11', version: '25H2', edition: 'home-pro' }],
    [win('Windows XP Professional x64 Edition', undefined, '3790'), { product: 'windows-xp', version: '*' }],
    [win('Windows 7 Home Premium N', undefined, '7601'), { product: 'windows-7', version: '*' }],
    [win('Microsoft Windows Server 2019 Datacenter Evaluation', '1809', '17763.1'), { product: 'windows-server', version: '2019' }],
    [win('Windows', '23H2', '22631.1', 'ProfessionalWorkstation'), { product: 'windows-11', version: '23H2', edition: 'home-pro' }],
    [win('Windows Server 2012 R2 Standard', '6.3', '9600.22074', 'Standard'), { product: 'windows-server', version: '2012 R2', edition: 'any', family: 'windows-server' }],
    [win('Windows Server Standard', '1809', '17763.1'), { product: 'windows-server', version: '1809' }],
    [win('Windows 7 Professional', '6.1', '7601.24214', 'Professional'), { product: 'windows-7', version: '*', edition: 'any', rank: 7601 }],
    [mac('14.7.6'), { product: 'macos', version: '14', edition: 'any', family: 'macos', rank: 14_000_000 }],
    [mac('10.15.7'), { product: 'macos', version: '10.15', rank: 10_015_000 }],
    [lin('Ubuntu', '22.04'), { product: 'ubuntu', version: '22.04', rank: 22_004_000 }],
    [lin('Ubuntu', '24.04.1 LTS'), { product: 'ubuntu', version: '24.04' }], // a point release is the release
    [lin('Debian GNU/Linux', '12'), { product: 'debian', version: '12' }],
    [lin('Red Hat Enterprise Linux', '9.4'), { product: 'rhel', version: '9' }],
    [lin('SLES', '15-SP5'), { product: 'sles', version: '15.5' }],
    [lin('CentOS Stream', '9'), { product: 'centos-stream', version: '9' }],
  ])('%o', (os, expected) => {
    expect(lifecycleKey(os)).toMatchObject(expected);
  });

  it('every dated, older and newer release gets a key; its line orders it', () => {
    for (const { label, os } of [...DATED_RELEASES, ...OLDER_THAN_CATALOGUE, ...NEWER_THAN_CATALOGUE]) {
      const key = lifecycleKey(os);
      expect(key, label).toHaveProperty('rank');
      expect((key as { rank: number }).rank, label).toBeGreaterThan(0);
    }
  });

  it('says why when it cannot tell', () => {
    expect(lifecycleKey(lin('Gentoo', '2.15'))).toEqual({ unknown: 'no lifecycle is known for "Gentoo 2.15"' });
    expect(lifecycleKey(win('Not Windows 11 Home lol', '24H2', '26100.1', 'Home'))).toEqual({ unknown: '"Not Windows 11 Home lol" is not a Windows release name the collector recognises' });
    expect(lifecycleKey(win('Windows 11 Pro', '22H2', '19045.1', 'Pro'))).toEqual({ unknown: '"Windows 11 Pro" reports build 19045, which is a Windows 10 build' });
    expect(lifecycleKey(win('Windows 11 Pro', '24H2', '22631.1', 'Pro'))).toEqual({ unknown: '"Windows 11 Pro" reports version 24H2 but build 22631 is version 23H2' });
    expect(lifecycleKey(win('Windows 10 Enterprise LTSC 2019', '21H2', '19044.1', 'Enterprise'))).toEqual({ unknown: '"Windows 10 Enterprise LTSC 2019" names LTSC 2019 but build 19044 is LTSC 2021' });
    expect(lifecycleKey(mac('10.16'))).toEqual({ unknown: 'macOS 10.16 is a compatibility version number, not a release' });
    expect(lifecycleKey(lin('Ubuntu', '24.041'))).toEqual({ unknown: 'Ubuntu version "24.041" is not a release the collector recognises' });
  });

  it('a build outside every known range keeps its number, so the catalogue can call it unknown and count the gap', () => {
    expect(lifecycleKey(win('Windows 11 Pro', '24H2', '99999.1', 'Pro'))).toMatchObject({ unknown: expect.any(String) });
    expect(lifecycleKey(win('Windows 11 Pro', undefined, '29000.1', 'Pro'))).toMatchObject({ product: 'windows-11', version: 'build 29000', rank: 29000 });
    expect(lifecycleKey(win('Windows 11 Pro', undefined, '22700.1', 'Pro'))).toMatchObject({ version: 'build 22700' });
  });

  it.each(HOSTILE.map((h) => [h.label, h.os] as const))('hostile: %s — never a key the catalogue could call supported', (_label, os) => {
    const key = lifecycleKey(os);
    // Either no key at all, or a key that names no catalogued release (checked against the engine in eol.test.ts).
    if (!('unknown' in key)) expect(key.version === '7' && key.product === 'centos' ? 'dead release' : key.version).toMatch(/^build \d+$|^dead release$/);
  });

  it('network firmware trains', () => {
    expect(networkLifecycleKey('IOS-XE', '17.9.4a')).toMatchObject({ product: 'cisco-ios-xe', version: '17.9', family: 'cisco-ios-xe', rank: 17_009_000 });
    expect(networkLifecycleKey('', '1.0')).toEqual({ unknown: 'network operating system not identified' });
  });
});
