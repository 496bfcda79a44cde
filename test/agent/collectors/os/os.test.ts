import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OperatingSystem } from '../../../../protocol/index.js';
import { mapDarwinOs } from '../../../../agent/collectors/os/os.darwin.js';
import { mapLinuxOs, wholeLinuxVersion } from '../../../../agent/collectors/os/os.linux.js';
import { mapWindowsOs, parseRegQuery } from '../../../../agent/collectors/os/os.win32.js';
import { parseOsRelease } from '../../../../agent/collectors/os/os-release.js';
import { hashHostname, reportedHostname } from '../../../../agent/collectors/os/index.js';
import { FIXTURES, fixtureCases, fixtureJson, fixtureText, linuxReleaseFiles } from '../../../helpers/agent.js';

const linuxCases = fixtureCases('os').filter((c) => existsSync(path.join(FIXTURES, 'os', c, 'os-release')));

describe('Linux OS mapping (os-release fixtures)', () => {
  for (const name of linuxCases) {
    it(name, () => {
      const files = linuxReleaseFiles(path.join(FIXTURES, 'os', name));
      const mapped = mapLinuxOs(fixtureText('os', name, 'os-release'), fixtureJson('os', name, 'osinfo.json'), files);
      const expected = JSON.parse(fixtureText('os', name, 'expected.json').replace('__PROCESS_ARCH__', process.arch));
      expect(mapped).toEqual(expected);
      expect(OperatingSystem.safeParse(mapped).success).toBe(true);
    });
  }

  it('treats a missing file like an empty one', () => {
    expect(mapLinuxOs(undefined, {}).version).toEqual({ unknown: 'no readable /etc/os-release' });
  });
});

describe('os-release parser', () => {
  it('unquotes and unescapes', () => {
    expect(parseOsRelease('NAME="A \\"B\\" C"\nID=\'x\'\nBAD LINE\n#C=1\nV=plain')).toEqual({ NAME: 'A "B" C', ID: 'x', V: 'plain' });
  });
  it('returns nothing for empty input', () => {
    expect(parseOsRelease('')).toEqual({});
  });
});

describe('Windows and macOS mapping', () => {
  it('windows-11: product name, DisplayVersion and UBR', () => {
    const reg = parseRegQuery(fixtureText('os', 'windows-11', 'reg-query.txt'));
    expect(reg.DisplayVersion).toBe('23H2');
    const mapped = mapWindowsOs(fixtureJson('os', 'windows-11', 'osinfo.json'), reg);
    expect(mapped).toEqual(fixtureJson('os', 'windows-11', 'expected.json'));
    expect(OperatingSystem.safeParse(mapped).success).toBe(true);
  });
  it('windows without registry answers says what it could not read', () => {
    const mapped = mapWindowsOs({ distro: 'Microsoft Windows 10 Pro', release: '10.0.19045', build: '19045', arch: 'x64' }, {});
    expect(mapped.version).toEqual({ unknown: 'registry has no DisplayVersion or ReleaseId' });
    expect(mapped.edition).toBe('Pro');
    expect(mapped.build).toBe('19045');
  });
  it('macOS versions stay whole; a Rapid Security Response letter is left to the build', () => {
    expect(mapDarwinOs({ release: '15.7.2', build: '24G325' })).toMatchObject({ version: '15.7.2', build: '24G325' });
    expect(mapDarwinOs({ release: '13.3.1 (a)', build: '22E772610a' })).toMatchObject({ version: '13.3.1', build: '22E772610a' });
  });
  it('Windows build keeps the UBR (registry REG_DWORD in hex)', () => {
    const mapped = mapWindowsOs({ distro: 'Microsoft Windows 11 Pro', arch: 'x64' }, { CurrentBuildNumber: '26100', UBR: '0x122c', DisplayVersion: '24H2' });
    expect(mapped.build).toBe('26100.4652');
  });
  it('Linux point releases: VERSION, /etc/debian_version or /etc/centos-release only when they extend VERSION_ID', () => {
    expect(wholeLinuxVersion({ VERSION_ID: '24.04', VERSION: '24.04.3 LTS (Noble Numbat)' }, { debian_version: 'trixie/sid\n' })).toBe('24.04.3');
    expect(wholeLinuxVersion({ VERSION_ID: '12', VERSION: '12 (bookworm)' }, { debian_version: '12.11\n' })).toBe('12.11');
    expect(wholeLinuxVersion({ VERSION_ID: '12', VERSION: '12 (bookworm)' }, { debian_version: '11.9\n' })).toBe('12');
    expect(wholeLinuxVersion({ VERSION_ID: '9.4', VERSION: '9.4 (Plow)' })).toBe('9.4');
    // Debian 13 images without /etc/debian_version: os-release's own DEBIAN_VERSION_FULL.
    expect(wholeLinuxVersion({ VERSION_ID: '13', VERSION: '13 (trixie)', DEBIAN_VERSION_FULL: '13.1' })).toBe('13.1');
    expect(wholeLinuxVersion({ VERSION_ID: '13', VERSION: '13 (trixie)', DEBIAN_VERSION_FULL: '12.9' })).toBe('13');
    expect(wholeLinuxVersion({ VERSION_ID: '12.1', VERSION: '12-SP1' })).toBe('12.1');
    // CentOS Linux 7 and 8 name the point release only in /etc/centos-release; Stream has none.
    expect(wholeLinuxVersion({ VERSION_ID: '7', VERSION: '7 (Core)' }, { 'centos-release': 'CentOS Linux release 7.9.2009 (Core)\n' })).toBe('7.9.2009');
    expect(wholeLinuxVersion({ VERSION_ID: '8', VERSION: '8' }, { 'centos-release': 'CentOS Stream release 8\n' })).toBe('8');
    expect(wholeLinuxVersion({ VERSION_ID: '8', VERSION: '8 (Core)' }, { 'centos-release': 'CentOS Linux release 7.9.2009 (Core)\n' })).toBe('8');
    expect(wholeLinuxVersion({ VERSION: '2024.1' })).toBeUndefined();
  });
  it('macos-14', () => {
    const mapped = mapDarwinOs(fixtureJson('os', 'macos-14', 'osinfo.json'));
    expect(mapped).toEqual(fixtureJson('os', 'macos-14', 'expected.json'));
  });
});

describe('hostname privacy', () => {
  it('hashes by default, case-insensitively', () => {
    expect(reportedHostname('PC-042', false)).toBe(hashHostname('pc-042'));
    expect(reportedHostname('PC-042', false)).toMatch(/^[0-9a-f]{64}$/);
    expect(reportedHostname('PC-042', true)).toBe('PC-042');
  });
});
