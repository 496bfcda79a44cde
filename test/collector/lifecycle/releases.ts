import type { OperatingSystem } from '../../../protocol/index.js';

/**
 * Operating systems as agents report them, with the catalogue's last day of support for each: the
 * oldest and the newest release of every family, and releases between. Dates are the shipped
 * catalogue's (collector/lifecycle/catalogue.yaml), each with its source there.
 */
export const win = (name: string, version: string | undefined, build: string | undefined, edition?: string): OperatingSystem => ({
  family: 'windows', name, version: version ?? { unknown: 'registry has no DisplayVersion' }, build: build ?? { unknown: 'not reported' },
  edition: edition ?? { unknown: 'not reported' }, kernel: 'k', arch: 'x64',
});
export const lin = (name: string, version: string): OperatingSystem => ({
  family: 'linux', name, version, build: { unknown: 'no BUILD_ID' }, edition: { unknown: 'no VARIANT' }, kernel: 'k', arch: 'x64',
});
export const mac = (version: string, name = 'macOS'): OperatingSystem => ({
  family: 'macos', name, version, build: '0A0', edition: { unknown: 'macOS has no editions' }, kernel: 'k', arch: 'arm64',
});

export interface DatedRelease {
  label: string;
  os: OperatingSystem;
  /** The last day the release is supported (in no extended programme). */
  lastDay: string;
}

export const DATED_RELEASES: DatedRelease[] = [
  // Windows clients: XP is the oldest catalogued; Windows 11 26H2 the newest release (26H1, for new devices only, the highest build).
  { label: 'Windows XP', os: win('Microsoft Windows XP Professional', undefined, '2600'), lastDay: '2014-04-08' },
  { label: 'Windows Vista', os: win('Windows Vista Business', undefined, '6002'), lastDay: '2017-04-11' },
  { label: 'Windows 7', os: win('Windows 7 Professional', undefined, '7601.24214', 'Professional'), lastDay: '2020-01-14' },
  { label: 'Windows 8', os: win('Windows 8 Pro', undefined, '9200'), lastDay: '2016-01-12' },
  { label: 'Windows 8.1', os: win('Windows 8.1 Enterprise', undefined, '9600.20000'), lastDay: '2023-01-10' },
  { label: 'Windows 10 1507', os: win('Windows 10 Pro', undefined, '10240.17000', 'Professional'), lastDay: '2017-05-09' },
  { label: 'Windows 10 1607 Enterprise', os: win('Windows 10 Enterprise', '1607', '14393.0', 'Enterprise'), lastDay: '2019-04-09' },
  { label: 'Windows 10 1809 Home', os: win('Windows 10 Home', '1809', '17763.100', 'Core'), lastDay: '2020-11-10' },
  { label: 'Windows 10 22H2 Pro', os: win('Windows 10 Pro', '22H2', '19045.6093', 'Pro'), lastDay: '2025-10-14' },
  { label: 'Windows 11 21H2 Home', os: win('Windows 11 Home', '21H2', '22000.100', 'Home'), lastDay: '2023-10-10' },
  { label: 'Windows 11 23H2 Education', os: win('Windows 11 Education', '23H2', '22631.5472', 'Education'), lastDay: '2026-11-10' },
  { label: 'Windows 11 25H2 Pro', os: win('Windows 11 Pro', '25H2', '26200.7000', 'Pro'), lastDay: '2027-10-12' },
  { label: 'Windows 11 25H2 Enterprise', os: win('Windows 11 Enterprise', '25H2', '26200.7000', 'Enterprise'), lastDay: '2028-10-10' },
  { label: 'Windows 11 26H1 Pro', os: win('Windows 11 Pro', '26H1', '28000.100', 'Pro'), lastDay: '2028-03-14' },
  { label: 'Windows 11 26H2 Enterprise', os: win('Windows 11 Enterprise', '26H2', '26300.9457', 'Enterprise'), lastDay: '2029-10-09' },
  // Long-term servicing: 2015 LTSB is the oldest, IoT LTSC 2024 the newest.
  { label: 'Windows 10 LTSB 2015', os: win('Windows 10 Enterprise 2015 LTSB', undefined, '10240.20000', 'Enterprise'), lastDay: '2025-10-14' },
  { label: 'Windows 10 IoT LTSB 2016', os: win('Windows 10 IoT Enterprise 2016 LTSB', undefined, '14393.7000', 'IoT'), lastDay: '2026-10-13' },
  { label: 'Windows 10 LTSC 2021', os: win('Windows 10 Enterprise LTSC 2021', '21H2', '19044.5131', 'Enterprise'), lastDay: '2027-01-12' },
  { label: 'Windows 10 IoT LTSC 2021', os: win('Windows 10 IoT Enterprise LTSC', '21H2', '19044.5131', 'IoTEnterpriseS'), lastDay: '2032-01-13' },
  { label: 'Windows 11 IoT LTSC 2024', os: win('Windows 11 IoT Enterprise LTSC', '24H2', '26100.4000', 'IoTEnterpriseS'), lastDay: '2034-10-10' },
  // Windows Server: 2003 is the oldest catalogued, 2025 the newest; the semi-annual and annual channel between.
  { label: 'Windows Server 2003', os: win('Microsoft(R) Windows(R) Server 2003, Standard Edition', undefined, '3790'), lastDay: '2015-07-14' },
  { label: 'Windows Server 2003 R2', os: win('Windows Server 2003 R2 Enterprise Edition', undefined, '3790'), lastDay: '2015-07-14' },
  { label: 'Windows Server 2008 R2', os: win('Windows Server 2008 R2 Standard', undefined, '7601'), lastDay: '2020-01-14' },
  { label: 'Windows Server 2016', os: win('Windows Server 2016 Datacenter', '1607', '14393.8000', 'Datacenter'), lastDay: '2027-01-12' },
  { label: 'Windows Server 2022 Azure Edition', os: win('Windows Server 2022 Datacenter: Azure Edition', '21H2', '20348.3000'), lastDay: '2031-10-14' },
  { label: 'Windows Server 2025', os: win('Windows Server 2025 Standard', '24H2', '26100.4000', 'Standard'), lastDay: '2034-11-14' },
  { label: 'Windows Server 1709', os: win('Windows Server Datacenter', '1709', '16299.100'), lastDay: '2019-04-09' },
  { label: 'Windows Server 23H2', os: win('Windows Server Datacenter', '23H2', '25398.1000'), lastDay: '2025-10-24' },
  // macOS (the project's rule: supported until the third successor ships).
  { label: 'Mac OS X 10.4', os: mac('10.4.11', 'Mac OS X'), lastDay: '2011-07-20' },
  { label: 'Mac OS X 10.9', os: mac('10.9.5', 'Mac OS X'), lastDay: '2016-09-20' },
  { label: 'macOS 10.15', os: mac('10.15.7'), lastDay: '2022-10-24' },
  { label: 'macOS 14', os: mac('14.7.6'), lastDay: '2026-09-14' },
  { label: 'macOS 26', os: mac('26.1'), lastDay: '2028-09-15' },
  { label: 'macOS 27', os: mac('27.0'), lastDay: '2029-09-15' },
  // Ubuntu: 12.04 the oldest, 26.10 the newest; interim releases between.
  { label: 'Ubuntu 12.04', os: lin('Ubuntu', '12.04'), lastDay: '2017-04-28' },
  { label: 'Ubuntu 12.10', os: lin('Ubuntu', '12.10'), lastDay: '2014-05-16' },
  { label: 'Ubuntu 16.04', os: lin('Ubuntu', '16.04'), lastDay: '2021-04-30' },
  { label: 'Ubuntu 23.10', os: lin('Ubuntu', '23.10'), lastDay: '2024-07-11' },
  { label: 'Ubuntu 24.04.1 LTS', os: lin('Ubuntu', '24.04.1 LTS'), lastDay: '2029-05-31' },
  { label: 'Ubuntu 25.10', os: lin('ubuntu', '25.10'), lastDay: '2026-07-09' },
  { label: 'Ubuntu 26.04', os: lin('Ubuntu', '26.04'), lastDay: '2031-05-31' },
  { label: 'Ubuntu 26.10', os: lin('Ubuntu', '26.10'), lastDay: '2027-07-15' },
  // Debian 7 to 13.
  { label: 'Debian 7', os: lin('Debian GNU/Linux', '7'), lastDay: '2018-05-31' },
  { label: 'Debian 11', os: lin('Debian GNU/Linux', '11'), lastDay: '2026-08-31' },
  { label: 'Debian 13', os: lin('Debian GNU/Linux', '13'), lastDay: '2030-06-30' },
  // Red Hat and its rebuilds.
  { label: 'RHEL 5', os: lin('Red Hat Enterprise Linux Server', '5.11'), lastDay: '2017-03-31' },
  { label: 'RHEL 7', os: lin('Red Hat Enterprise Linux', '7.9'), lastDay: '2024-06-30' },
  { label: 'RHEL 10', os: lin('Red Hat Enterprise Linux', '10.0'), lastDay: '2035-05-31' },
  { label: 'CentOS 5', os: lin('CentOS', '5.11'), lastDay: '2017-03-31' },
  { label: 'CentOS Linux 7', os: lin('CentOS Linux', '7'), lastDay: '2024-06-30' },
  { label: 'CentOS Linux 8', os: lin('CentOS Linux', '8'), lastDay: '2021-12-31' },
  { label: 'CentOS Stream 8', os: lin('CentOS Stream', '8'), lastDay: '2024-05-31' },
  { label: 'CentOS Stream 10', os: lin('CentOS Stream', '10'), lastDay: '2030-01-01' },
  { label: 'Rocky Linux 8', os: lin('Rocky Linux', '8.10'), lastDay: '2029-05-31' },
  { label: 'Rocky Linux 10', os: lin('Rocky Linux', '10.0'), lastDay: '2035-05-31' },
  { label: 'AlmaLinux 8', os: lin('AlmaLinux', '8.10'), lastDay: '2029-03-01' },
  { label: 'AlmaLinux 10', os: lin('AlmaLinux', '10.0'), lastDay: '2035-05-31' },
  { label: 'Oracle Linux 5', os: lin('Oracle Linux Server', '5.11'), lastDay: '2017-06-30' },
  { label: 'Oracle Linux 10', os: lin('Oracle Linux Server', '10.0'), lastDay: '2035-06-30' },
  // SUSE.
  { label: 'SLES 11 SP4', os: lin('SLES', '11.4'), lastDay: '2019-03-31' },
  { label: 'SLES 12 SP5', os: lin('SLES', '12.5'), lastDay: '2024-10-31' },
  { label: 'SLES 15 SP7', os: lin('SLES', '15.7'), lastDay: '2031-07-31' },
  { label: 'SLES 16.0', os: lin('SLES', '16.0'), lastDay: '2027-11-30' },
  { label: 'openSUSE Leap 42.1', os: lin('openSUSE Leap', '42.1'), lastDay: '2017-05-17' },
  { label: 'openSUSE Leap 16.0', os: lin('openSUSE Leap', '16.0'), lastDay: '2027-10-31' },
  // Fedora 30 to 45.
  { label: 'Fedora 30', os: lin('Fedora', '30'), lastDay: '2020-05-26' },
  { label: 'Fedora 45', os: lin('Fedora Linux', '45'), lastDay: '2027-12-08' },
];

/** Releases older than every catalogued release of their line: unsupported, with a reason naming them. */
export const OLDER_THAN_CATALOGUE: Array<{ label: string; os: OperatingSystem; names: string }> = [
  { label: 'Windows 2000', os: win('Windows 2000 Professional', undefined, '2195'), names: 'windows-2000' },
  { label: 'Windows NT 4.0', os: win('Windows NT 4.0', undefined, '1381'), names: 'windows-nt-4.0' },
  { label: 'Windows 2000 Server', os: win('Windows 2000 Advanced Server', undefined, '2195'), names: 'windows-server 2000' },
  { label: 'Mac OS X 10.3', os: mac('10.3.9', 'Mac OS X'), names: 'macos 10.3' },
  { label: 'Ubuntu 10.04', os: lin('Ubuntu', '10.04'), names: 'ubuntu 10.04' },
  { label: 'Debian 6', os: lin('Debian GNU/Linux', '6.0.10'), names: 'debian 6' },
  { label: 'RHEL 4', os: lin('Red Hat Enterprise Linux', '4.9'), names: 'rhel 4' },
  { label: 'CentOS 4', os: lin('CentOS', '4.9'), names: 'centos 4' },
  { label: 'SLES 11 SP3', os: lin('SLES', '11.3'), names: 'sles 11.3' },
  { label: 'Fedora 29', os: lin('Fedora', '29'), names: 'fedora 29' },
];

/** Releases newer than every catalogued release of their line: unknown, "not yet in the catalogue". */
export const NEWER_THAN_CATALOGUE: Array<{ label: string; os: OperatingSystem }> = [
  { label: 'Ubuntu 27.04', os: lin('Ubuntu', '27.04') },
  { label: 'Debian 14', os: lin('Debian GNU/Linux', '14') },
  { label: 'RHEL 11', os: lin('Red Hat Enterprise Linux', '11.0') },
  { label: 'macOS 28', os: mac('28.0') },
  { label: 'Fedora 46', os: lin('Fedora', '46') },
  { label: 'Windows 11 build 29000', os: win('Windows 11 Pro', undefined, '29000.1', 'Pro') },
];

/** Hostile or malformed descriptions: none may ever come out supported. */
export const HOSTILE: Array<{ label: string; os: OperatingSystem }> = [
  { label: 'Windows 11 Pro with build 99999', os: win('Windows 11 Pro', '24H2', '99999.1', 'Pro') },
  { label: 'a sentence that contains a product name', os: win('Not Windows 11 Home lol', '24H2', '26100.1', 'Home') },
  { label: 'a product name with words after it', os: win('Windows 11 Home lol', '24H2', '26100.1', 'Home') },
  { label: 'Ubuntu 24.04 reported under a made-up name', os: lin('MyUbuntu-ish 99', '24.04') },
  { label: 'empty name and version', os: lin('', '') },
  { label: 'empty Windows name and build', os: win('', '', '', '') },
  { label: 'CentOS Linux 7 (dead distribution)', os: lin('CentOS Linux', '7') },
  { label: 'CentOS Linux 7 with the version in the name', os: lin('CentOS Linux 7', '7') },
  { label: 'a huge version number', os: lin('Ubuntu', '99999999999.04') },
  { label: 'a version that only starts like a release', os: lin('Ubuntu', '24.041') },
  { label: 'a release with text after it', os: lin('Debian GNU/Linux', '12-evil') },
  { label: 'Cyrillic o in Windows', os: win('Wind\u043ews 11 Pro', '24H2', '26100.1', 'Pro') },
  { label: 'full-width Ubuntu', os: lin('\uff35\uff42\uff55\uff4e\uff54\uff55', '24.04') },
  { label: 'a zero-width space after the name', os: win('Windows 11 Pro\u200b', '24H2', '26100.1', 'Pro') },
  { label: 'a Windows 10 build under a Windows 11 name', os: win('Windows 11 Pro', '22H2', '19045.1', 'Pro') },
  { label: 'a DisplayVersion the build contradicts', os: win('Windows 11 Pro', '24H2', '22631.1', 'Pro') },
  { label: 'an LTSC year the build contradicts', os: win('Windows 10 Enterprise LTSC 2019', '21H2', '19044.1', 'Enterprise') },
  { label: 'a server year the build contradicts', os: win('Windows Server 2022 Standard', '1809', '17763.1', 'Standard') },
  { label: 'a build that is not a number', os: win('Windows 11 Pro', '24H2', '26100abc', 'Pro') },
  { label: 'an edition the collector does not know', os: win('Windows 11 Pro Home Enterprise', '24H2', '26100.1', 'Pro') },
  { label: 'macOS compatibility version 10.16', os: mac('10.16') },
  { label: 'a macOS version Apple never shipped', os: mac('19.0') },
  { label: 'RHEL with text in the name', os: lin('Red Hat Enterprise Linux 9 (fake)', '9.4') },
  { label: 'a Windows name on another family', os: { ...win('Windows 11 Pro', '24H2', '26100.1', 'Pro'), family: 'other' } },
  { label: 'a Linux name reported as Windows', os: win('Ubuntu', '24.04', undefined) },
  { label: 'Windows 11 insider build between releases', os: win('Windows 11 Pro', undefined, '22700.1', 'Pro') },
];
