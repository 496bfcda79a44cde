import { describe, expect, it } from 'vitest';
import { rpmName } from '../../../../agent/collectors/patches/dnf-parse.js';
import { parseCheckUpgradeJson, parseRepoqueryNames } from '../../../../agent/collectors/patches/dnf5-json.js';
import { needsRestartingVerdict } from '../../../../agent/collectors/patches/linux-reboot.js';
import { isoInstant, parseYmdHms, systemZone, utcZone, zonedIso } from '../../../../agent/collectors/patches/local-time.js';
import { mergeDnfPending } from '../../../../agent/collectors/patches/patches.dnf.js';
import { familyFromOsRelease } from '../../../../agent/collectors/patches/patches.linux.js';
import { lastAptUpgrade } from '../../../../agent/collectors/patches/apt-history.js';
import { isSecurityIndex, securityRunTest, securityVersions } from '../../../../agent/collectors/patches/apt-security.js';
import { summarisePending } from '../../../../agent/collectors/patches/summary.js';
import { isMacSecurityUpdate, restartNeededForPatching } from '../../../../agent/collectors/patches/softwareupdate-list.js';
import { parseHotfixDate } from '../../../../agent/collectors/patches/windows-dates.js';
import { lastZypperUpdate, parseZypperPatches, zypperPending } from '../../../../agent/collectors/patches/zypper-parse.js';
import { fixtureText } from '../../../helpers/agent.js';
import { dotNetDate } from '../../../../agent/collectors/patches/windows-report.js';

const NOW = new Date('2024-11-21T12:00:00Z');
const day = (d: Date | undefined) => d?.toISOString().slice(0, 10);

describe('local times', () => {
  it('reads apt and dnf timestamps, rejects impossible ones', () => {
    expect(parseYmdHms('2024-11-20  10:12:33')).toEqual({ year: 2024, month: 11, day: 20, hour: 10, minute: 12, second: 33 });
    expect(utcZone({ year: 2024, month: 2, day: 30 })).toBeUndefined();
    expect(utcZone({ year: 2024, month: 1, day: 1, hour: 25 })).toBeUndefined();
    expect(isoInstant(utcZone({ year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59 })!)).toBe('2024-02-29T23:59:59Z');
  });
  it('the system zone agrees with Date for the same wall clock', () => {
    expect(systemZone({ year: 2024, month: 7, day: 1, hour: 12 })?.getTime()).toBe(new Date(2024, 6, 1, 12).getTime());
  });
  it('accepts only zoned ISO strings', () => {
    expect(zonedIso('2024-11-20T10:12:33+01:00')).toBe('2024-11-20T09:12:33Z');
    expect(zonedIso('2024-11-20T10:12:33')).toBeUndefined();
    expect(zonedIso('yesterday')).toBeUndefined();
  });
});

describe('Windows dates', () => {
  it('hotfix InstalledOn in every shape seen', () => {
    expect(day(parseHotfixDate('11/20/2024', NOW))).toBe('2024-11-20');
    expect(day(parseHotfixDate('20.11.2024', NOW))).toBe('2024-11-20');
    expect(day(parseHotfixDate('20/11/2024', NOW))).toBe('2024-11-20');
    expect(day(parseHotfixDate('2024-11-20', NOW))).toBe('2024-11-20');
    expect(day(parseHotfixDate('01d2c8e0f6c3a000', NOW))).toMatch(/^2017-/);
    // Month-first would be 11 December: in the future, so it must be day-first (12 November).
    expect(day(parseHotfixDate('12/11/2024', new Date('2024-11-20T00:00:00Z')))).toBe('2024-11-12');
    // Both readings in the past: the documented month-first wins.
    expect(day(parseHotfixDate('09/10/2024', NOW))).toBe('2024-09-10');
    expect(parseHotfixDate('31/31/2024', NOW)).toBeUndefined();
    expect(parseHotfixDate('', NOW)).toBeUndefined();
  });
  it('PowerShell 5.1 /Date()/ and ISO', () => {
    expect(dotNetDate('/Date(1731369600000)/')).toBe('2024-11-12T00:00:00Z');
    expect(dotNetDate('2024-11-12T00:00:00Z')).toBe('2024-11-12T00:00:00Z');
    expect(dotNetDate('12.11.2024')).toBeUndefined();
  });
});

describe('dnf helpers', () => {
  it('rpm names from NEVRA', () => {
    expect(rpmName('kernel-core-5.14.0-503.14.1.el9_5.x86_64')).toBe('kernel-core');
    expect(rpmName('openssl-libs-1:3.2.2-6.el9_5.x86_64')).toBe('openssl-libs');
    expect(rpmName('tzdata-2024b-2.el9.noarch')).toBe('tzdata');
  });
  it('one item per package, the worst security advisory wins', () => {
    const items = mergeDnfPending(
      ['kernel', 'tzdata'],
      [
        { id: 'RHSA-1', type: 'security', severity: 'moderate', pkg: 'kernel', issued: '2024-11-01T00:00:00Z' },
        { id: 'RHSA-2', type: 'security', severity: 'critical', pkg: 'kernel', issued: '2024-11-10T00:00:00Z' },
        { id: 'RHBA-3', type: 'bugfix', severity: 'unspecified', pkg: 'tzdata' },
      ],
    );
    expect(items).toEqual([
      { id: 'kernel', title: 'RHSA-1 RHSA-2', severity: 'critical', security: true, released_at: '2024-11-01T00:00:00Z' },
      { id: 'tzdata', title: 'RHBA-3', severity: 'unspecified', security: false },
    ]);
  });
  it('needs-restarting verdicts', () => {
    expect(needsRestartingVerdict(1, 'Core libraries or services have been updated since boot-up:\n  * kernel\n\nReboot is required to fully utilize these updates.')).toBe(true);
    expect(needsRestartingVerdict(0, 'No core libraries or services have been updated since boot-up.\nReboot should not be necessary.')).toBe(false);
    expect(needsRestartingVerdict(1, '')).toBeUndefined();
    expect(needsRestartingVerdict(2, 'usage: needs-restarting [-h]')).toBeUndefined();
  });
  it('family from os-release', () => {
    expect(familyFromOsRelease('ID=ubuntu\nID_LIKE=debian')).toBe('apt');
    expect(familyFromOsRelease('ID="rocky"\nID_LIKE="rhel centos fedora"')).toBe('rpm');
    expect(familyFromOsRelease('ID=opensuse-leap\nID_LIKE="suse opensuse"')).toBe('suse');
    expect(familyFromOsRelease('ID="sles"\nID_LIKE="suse"')).toBe('suse');
    expect(familyFromOsRelease('ID="opensuse-tumbleweed"\nID_LIKE="opensuse suse"')).toBe('suse');
    expect(familyFromOsRelease('ID=arch')).toBeUndefined();
    expect(familyFromOsRelease(undefined)).toBeUndefined();
  });
});

describe('pending summary', () => {
  it('orders most severe first, caps at 200, dates the oldest security update', () => {
    const many = Array.from({ length: 250 }, (_, i) => ({ id: `pkg${i}`, severity: 'unspecified' as const, security: false }));
    const s = summarisePending(
      [...many, { id: 'late', severity: 'low', security: true, released_at: '2024-11-10T00:00:00Z' }, { id: 'crit', severity: 'critical', security: true, released_at: '2024-11-12T00:00:00Z' }],
      'n/a',
    );
    expect(s.pending_updates).toBe(252);
    expect(s.pending_security_updates).toBe(2);
    expect(s.pending).toHaveLength(200);
    expect(s.pending?.slice(0, 2).map((u) => u.id)).toEqual(['crit', 'late']);
    expect(s.oldest_pending_security_since).toBe('2024-11-10T00:00:00Z');
  });
  it('no security update pending: no "oldest" at all; undated ones: unknown with the reason', () => {
    expect(summarisePending([], 'x').oldest_pending_security_since).toBeUndefined();
    expect(summarisePending([{ id: 'a', severity: 'unspecified', security: true }], 'apt keeps no dates').oldest_pending_security_since).toEqual({ unknown: 'apt keeps no dates' });
  });
});

describe('macOS update classes', () => {
  it('security: Rapid Security Responses, Background Security Improvements, point releases, Safari; not Xcode/CLT/firmware', () => {
    // Labels as softwareupdate prints them: the RSR label is the one quoted from a real log in Macjutsu/super#52.
    const cases: Array<[string, string, boolean]> = [
      ['macOS Security Response 13.3.1 (a)-22E772610a', 'macOS Security Response 13.3.1 (a)', true],
      ['Background Security Improvement 26.1 (a)', 'Background Security Improvement', true],
      ['Security Update 2022-001 (Catalina)', 'Security Update 2022-001 (Catalina)', true],
      ['macOS Monterey 12.6.7-21G651', 'macOS Monterey 12.6.7', true],
      ['Safari18.1.1SonomaAuto-18.1.1', 'Safari', true],
      ['Command Line Tools for Xcode-14.2', 'Command Line Tools for Xcode', false],
      ['Xcode-16.1', 'Xcode', false],
      ['BridgeOSUpdateCustomer', 'BridgeOSUpdateCustomer', false],
      // A beta seed (kolide/launcher's genuine Ventura list): the next beta is always on offer.
      ['macOS Ventura 13.3 Beta 3-22E5236f', 'macOS Ventura 13.3 Beta 3', false],
    ];
    for (const [label, title, security] of cases) expect(isMacSecurityUpdate(label, title), label).toBe(security);
  });

  it('only a security fix that restarts makes patching need a reboot', () => {
    const u = (security: boolean, restart: boolean, upgrade?: boolean) => ({ id: 'x', title: 'x', severity: 'unspecified' as const, security, restart, ...(upgrade ? { upgrade } : {}) });
    expect(restartNeededForPatching([u(true, true)])).toBe(true);
    expect(restartNeededForPatching([u(false, true, true), u(false, false), u(true, false)])).toBe(false);
    expect(restartNeededForPatching([])).toBe(false);
  });
});

describe('dnf5 JSON', () => {
  it('check-upgrade --json (5.4+): every section counts, names only; not JSON is undefined', () => {
    // Shape from dnf5's doc/commands/check-upgrade.8.rst (no pasted output of 5.4 found yet).
    const json = JSON.stringify({ upgrades: [{ name: 'curl', arch: 'x86_64', evr: '8.9.1-3.fc41', repository: 'updates' }], 'Obsoleting packages': [{ name: 'dnf5', arch: 'x86_64', evr: '5.2.8.1-2.fc41', repository: 'updates', obsoletes: [{ name: 'dnf', arch: 'noarch', evr: '4.21.1-1.fc41', repository: '@System' }] }] });
    expect(parseCheckUpgradeJson(json)).toEqual(['curl', 'dnf5']);
    expect(parseCheckUpgradeJson('')).toEqual([]);
    expect(parseCheckUpgradeJson('Unknown argument "--json"')).toBeUndefined();
    expect(parseCheckUpgradeJson('{"upgrades": 3}')).toBeUndefined();
  });
  it('repoquery --upgrades names: one per line, anything else is not recognised', () => {
    expect(parseRepoqueryNames('curl\nkernel-core\ncurl\n')).toEqual(['curl', 'kernel-core']);
    expect(parseRepoqueryNames('')).toEqual([]);
    expect(parseRepoqueryNames('Error: Failed to load repositories\n')).toBeUndefined();
  });
});

describe('zypper helpers', () => {
  it('history: the latest install from an update repository, not any install', () => {
    const log = [
      '2024-11-20 10:12:33|install|curl|8.6.0-150600.4.12.1|x86_64|root@ward7|repo-sle-update|4567ef01|',
      '2024-11-21 09:00:00|install|htop|3.3.0-150600.1.1|x86_64|root@ward7|repo-oss|89ab|',
      '2024-11-22 09:00:00|remove |nano|7.2-1.1|x86_64|root@ward7|',
      '2024-11-22 10:00:00|install|kernel-default|6.4.0-150600.23.25.1|x86_64||SLE-Module-Basesystem15-SP6-Updates|cafe|',
    ].join('\n');
    expect(lastZypperUpdate(log, utcZone)).toEqual({ at: '2024-11-22T10:00:00Z', id: 'kernel-default 6.4.0-150600.23.25.1' });
    expect(lastZypperUpdate('2024-11-21 09:00:00|install|htop|3.3.0|x86_64|root@x|repo-oss|89ab|', utcZone)).toBeUndefined();
  });
  it('pending: needed patches only, security by category', () => {
    const patches = parseZypperPatches(fixtureText('patches', 'zypper-patches-leap-15.6-mixed', 'output.xml'));
    expect(patches.ok && zypperPending(patches.items).map((p) => [p.id, p.security, p.severity])).toEqual([
      ['openSUSE-SLE-15.6-2024-4101', true, 'important'],
      ['openSUSE-SLE-15.6-2024-4090', true, 'moderate'],
      ['openSUSE-SLE-15.6-2024-4077', false, 'low'],
    ]);
  });
});

describe('apt security runs', () => {
  it('security indexes by file name; versions kept only for the wanted packages', () => {
    expect(isSecurityIndex('security.ubuntu.com_ubuntu_dists_noble-security_main_binary-amd64_Packages')).toBe(true);
    expect(isSecurityIndex('deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.gz')).toBe(true);
    expect(isSecurityIndex('archive.ubuntu.com_ubuntu_dists_noble-updates_main_binary-amd64_Packages')).toBe(false);
    expect(isSecurityIndex('deb.debian.org_debian-security_dists_bookworm-security_InRelease')).toBe(false);
    const versions = securityVersions(['Package: openssl\nVersion: 3.0.15-1~deb12u1\n\nPackage: curl\nVersion: 7.88.1-10+deb12u8\n'], new Set(['openssl']));
    expect([...versions.entries()].map(([k, v]) => [k, [...v]])).toEqual([['openssl', ['3.0.15-1~deb12u1']]]);
  });
  it('a run is security when unattended-upgrades ran it or it installed a listed security version', () => {
    const test = securityRunTest(new Map([['openssl', new Set(['3.0.15-1~deb12u1'])]]));
    expect(test({ commandline: '/usr/bin/unattended-upgrade', packages: [{ name: 'tzdata', version: '2024b-0+deb12u1' }] })).toBe(true);
    expect(test({ commandline: 'apt-get upgrade -y', packages: [{ name: 'openssl', version: '3.0.15-1~deb12u1' }] })).toBe(true);
    expect(test({ commandline: 'apt-get upgrade -y', packages: [{ name: 'openssl', version: '3.0.14-1~deb12u2' }] })).toBe(false);
    expect(test({ commandline: 'apt install unattended-upgrades', packages: [{ name: 'unattended-upgrades', version: '2.9.1+nmu3' }] })).toBe(false);
  });
  it('genuine history logs: an unattended-upgrades run is a security update, apt install is not', () => {
    const uu = securityRunTest(new Map());
    expect(lastAptUpgrade(fixtureText('patches', 'apt-history-debian-9-unattended', 'history.log'), utcZone, uu)).toEqual({ at: '2019-09-03T06:39:31Z', id: 'libnghttp2-14', packages: 1 });
    expect(lastAptUpgrade(fixtureText('patches', 'apt-history-debian-9-installs-only', 'history.log'), utcZone, uu)).toBeUndefined();
  });
});
