import { isUnknown, type OperatingSystem } from '../../protocol/index.js';
import type { EditionGroup } from './catalogue.js';

/** What an OS is for lifecycle purposes: the catalogue is keyed the same way. */
export interface LifecycleKey {
  product: string;
  version: string;
  edition: EditionGroup;
}

export type LifecycleKeyResult = LifecycleKey | { unknown: string };

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

// LTSB/LTSC releases are named by year; the build number tells which one a device runs.
const LTSC_BY_BUILD: Record<string, string> = { '10240': '2015', '14393': '2016', '17763': '2019', '19044': '2021', '26100': '2024' };

/** Pure: maps the OS an agent reported onto the catalogue's (product, version, edition) key. */
export function lifecycleKey(os: OperatingSystem): LifecycleKeyResult {
  const name = os.name;
  const version = isUnknown(os.version) ? undefined : text(os.version);
  switch (os.family) {
    case 'windows':
      return windowsKey(name, version, isUnknown(os.build) ? undefined : text(os.build), isUnknown(os.edition) ? undefined : text(os.edition));
    case 'macos': {
      const match = version && /^(10\.\d+|\d+)/.exec(version);
      return match ? { product: 'macos', version: match[1]!, edition: 'any' } : { unknown: 'macOS version not reported' };
    }
    case 'linux':
      return linuxKey(name, version);
    default:
      return { unknown: `no lifecycle is known for operating system "${name}"` };
  }
}

function windowsKey(name: string, version: string | undefined, build: string | undefined, edition: string | undefined): LifecycleKeyResult {
  const server = /Server\s+(\d{4})(\s+R2)?/i.exec(name);
  if (server) return { product: 'windows-server', version: `${server[1]}${server[2] ? ' R2' : ''}`, edition: 'any' };
  if (/Windows\s+7\b/i.test(name)) return { product: 'windows-7', version: '*', edition: 'any' };
  if (/Windows\s+8\.1\b/i.test(name)) return { product: 'windows-8.1', version: '*', edition: 'any' };
  const buildNumber = build?.split('.')[0];
  const major = /Windows\s+11\b/i.test(name) || Number(buildNumber) >= 22000 ? 'windows-11' : /Windows\s+10\b/i.test(name) || buildNumber ? 'windows-10' : undefined;
  if (!major) return { unknown: `Windows release not recognised from "${name}"` };
  const ltsc = /\bLTS[BC]\b/i.test(name) || /^(IoT)?EnterpriseS/i.test(edition ?? '');
  if (ltsc) {
    const year = /\bLTS[BC]\s+(\d{4})\b/i.exec(name)?.[1] ?? (buildNumber ? LTSC_BY_BUILD[buildNumber] : undefined);
    if (!year) return { unknown: `LTSC release not recognised (build ${build ?? 'unknown'})` };
    return { product: major, version: year, edition: /\bIoT\b/i.test(name) || /^IoT/i.test(edition ?? '') ? 'iot-ltsc' : 'ltsc' };
  }
  if (!version) return { unknown: 'Windows version (e.g. 23H2) not reported' };
  const group = editionGroup(name, edition);
  return group ? { product: major, version, edition: group } : { unknown: `Windows edition not recognised from "${name}"` };
}

/** Microsoft scopes lifecycles to "Home and Pro" (incl. Pro Education, Pro for Workstations) and "Enterprise and Education". */
function editionGroup(name: string, edition: string | undefined): EditionGroup | undefined {
  // `edition` may be a word from the product name or a registry EditionID (ProfessionalWorkstation, CoreN…).
  const id = edition ?? '';
  if (/\b(Pro|Professional|Home)\b/i.test(name) || /^(Pro|Professional|Home|Core)/i.test(id)) return 'home-pro';
  if (/\b(Enterprise|Education)\b/i.test(name) || /^(Enterprise|Education)/i.test(id)) return 'enterprise-education';
  return undefined;
}

function linuxKey(name: string, version: string | undefined): LifecycleKeyResult {
  if (!version) return { unknown: `${name} version not reported` };
  const major = /^(\d+)/.exec(version)?.[1];
  if (/ubuntu/i.test(name)) {
    const release = /^(\d{2}\.\d{2})/.exec(version)?.[1];
    return release ? { product: 'ubuntu', version: release, edition: 'any' } : { unknown: `Ubuntu version "${version}" not recognised` };
  }
  if (/debian/i.test(name) && major) return { product: 'debian', version: major, edition: 'any' };
  if (/red hat enterprise linux|^rhel/i.test(name) && major) return { product: 'rhel', version: major, edition: 'any' };
  return { unknown: `no lifecycle is known for "${name} ${version}"` };
}

/** Network operating systems as the SNMP poller names them → catalogue product; the version is the release train. */
const NETWORK_TRAINS: Record<string, { product: string; train: RegExp }> = {
  'IOS-XE': { product: 'cisco-ios-xe', train: /^(\d+\.\d+)/ },
  IOS: { product: 'cisco-ios', train: /^(\d+\.\d+)/ },
  Junos: { product: 'junos', train: /^(\d+\.\d+)/ },
  FortiOS: { product: 'fortios', train: /^v?(\d+\.\d+)/ },
  ArubaOS: { product: 'arubaos', train: /^(\d+\.\d+)/ },
  'AOS-CX': { product: 'aos-cx', train: /^(?:[A-Z]+\.)?(\d+\.\d+)/ },
  'ArubaOS-Switch': { product: 'arubaos-switch', train: /^(?:[A-Z]+\.)?(\d+\.\d+)/ },
  ProCurve: { product: 'arubaos-switch', train: /^(?:[A-Z]+\.)?(\d+\.\d+)/ },
};

/** Pure: the catalogue key of a network device's firmware (`IOS-XE`, `17.9.4a` → cisco-ios-xe 17.9). */
export function networkLifecycleKey(os: string, firmware: string): LifecycleKeyResult {
  if (!os) return { unknown: 'network operating system not identified' };
  const family = NETWORK_TRAINS[os];
  if (!family) return { unknown: `no lifecycle is known for ${os}` };
  const train = family.train.exec(firmware.trim())?.[1];
  return train ? { product: family.product, version: train, edition: 'any' } : { unknown: `${os} firmware "${firmware || 'not reported'}" not recognised` };
}
