import { isUnknown, type OperatingSystem } from '../../protocol/index.js';
import type { EditionGroup } from './catalogue.js';
import { normaliseName, windowsKey, windowsRank } from './windows.js';

/**
 * What an OS is for lifecycle purposes: the catalogue is keyed the same way. `family` and `rank`
 * order the releases of one line (Windows clients by build, Ubuntu by year and month…), so a release
 * the catalogue does not list can still be told older than every catalogued one (unsupported) or
 * newer than the newest (not yet in the catalogue).
 */
export interface LifecycleKey {
  product: string;
  version: string;
  edition: EditionGroup;
  family: string;
  rank: number;
}

export type LifecycleKeyResult = LifecycleKey | { unknown: string };

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
const known = (value: OperatingSystem['version']) => (isUnknown(value) ? undefined : text(value));

/** Pure: maps the OS an agent reported onto the catalogue's key. Names and versions are matched whole, case-insensitively. */
export function lifecycleKey(os: OperatingSystem): LifecycleKeyResult {
  const name = text(os.name);
  if (!name) return { unknown: 'operating system name not reported' };
  const version = known(os.version);
  switch (os.family) {
    case 'windows':
      return windowsKey(name, version, known(os.build), known(os.edition));
    case 'macos':
      return macosKey(name, version);
    case 'linux':
      return linuxKey(name, version);
    default:
      return { unknown: `no lifecycle is known for operating system "${name}"` };
  }
}

/** Dotted versions in order: 22.04 → 22 004 000, 10.15 → 10 015 000, 17.9 → 17 009 000. */
export function dottedRank(version: string): number | undefined {
  const match = /^(\d{1,4})(?:\.(\d{1,3}))?(?:\.(\d{1,3}))?$/.exec(version);
  return match ? Number(match[1]) * 1_000_000 + Number(match[2] ?? 0) * 1_000 + Number(match[3] ?? 0) : undefined;
}

/** The order of a catalogued release within its family; the catalogue stores it beside each entry. */
export function releaseOrder(product: string, version: string): { family: string; rank: number } | undefined {
  if (product.startsWith('windows-')) {
    const rank = windowsRank(product, version);
    return rank === undefined ? undefined : { family: product === 'windows-server' ? 'windows-server' : 'windows', rank };
  }
  const rank = dottedRank(version);
  return rank === undefined ? undefined : { family: product, rank };
}

const MACOS_NAMES = new Set(['macos', 'mac os x', 'os x']);

function macosKey(name: string, version: string | undefined): LifecycleKeyResult {
  if (!MACOS_NAMES.has(normaliseName(name))) return { unknown: `"${name}" is not a macOS name the collector recognises` };
  if (!version) return { unknown: 'macOS version not reported' };
  const classic = /^10\.(\d{1,2})(?:\.\d{1,2})?$/.exec(version);
  if (classic) {
    // 10.16 is what macOS 11 and later report to software built for 10.x: it names no release.
    if (Number(classic[1]) > 15) return { unknown: `macOS ${version} is a compatibility version number, not a release` };
    return key('macos', `10.${Number(classic[1])}`);
  }
  const major = /^(\d{2})(?:\.\d{1,2}){0,2}$/.exec(version)?.[1];
  // Apple numbered 11 to 15, then jumped to 26 (the year): 16 to 25 are no release.
  if (!major || (Number(major) > 15 && Number(major) < 26)) return { unknown: `macOS version "${version}" is not a macOS release` };
  return key('macos', String(Number(major)));
}

/** os-release NAME (or the distribution's own name) → product, and how its VERSION_ID names a release. */
const DISTRIBUTIONS: Array<{ names: string[]; product: string; release: (version: string) => string | undefined }> = [
  { names: ['ubuntu'], product: 'ubuntu', release: (v) => /^(\d{2}\.(?:04|10))(?:\.\d{1,2})?(?: lts)?$/i.exec(v)?.[1] ?? (/^6\.06(?:\.\d)?(?: lts)?$/i.test(v) ? '6.06' : undefined) },
  { names: ['debian gnu/linux', 'debian'], product: 'debian', release: major },
  { names: ['red hat enterprise linux', 'red hat enterprise linux server', 'red hat enterprise linux workstation', 'rhel'], product: 'rhel', release: major },
  { names: ['centos linux', 'centos'], product: 'centos', release: major },
  { names: ['centos stream'], product: 'centos-stream', release: major },
  { names: ['rocky linux'], product: 'rocky', release: major },
  { names: ['almalinux'], product: 'almalinux', release: major },
  { names: ['oracle linux server', 'oracle linux'], product: 'oracle-linux', release: major },
  { names: ['sles', 'suse linux enterprise server'], product: 'sles', release: servicePack },
  { names: ['opensuse leap'], product: 'opensuse-leap', release: (v) => /^(\d{2}\.\d)$/.exec(v)?.[1] },
  { names: ['fedora', 'fedora linux'], product: 'fedora', release: (v) => /^(\d{1,2})$/.exec(v)?.[1] },
];

/** Major-version distributions: "9.4" → 9, "7" → 7 (the point release is a minor update of the same lifecycle). */
function major(version: string): string | undefined {
  const match = /^(\d{1,2})(?:\.\d{1,2}){0,2}$/.exec(version);
  return match ? String(Number(match[1])) : undefined;
}

/** SLES is supported per service pack: VERSION_ID "15.5" (or "15-SP5", "12") → "15.5". */
function servicePack(version: string): string | undefined {
  const match = /^(\d{2})(?:[.](\d)|-sp(\d))?$/i.exec(version);
  return match ? `${match[1]}.${match[2] ?? match[3] ?? '0'}` : undefined;
}

function linuxKey(name: string, version: string | undefined): LifecycleKeyResult {
  const normalised = normaliseName(name);
  const distribution = DISTRIBUTIONS.find((d) => d.names.includes(normalised));
  if (!distribution) return { unknown: `no lifecycle is known for "${name}${version ? ` ${version}` : ''}"` };
  if (!version) return { unknown: `${name} version not reported` };
  const release = distribution.release(version.trim());
  return release ? key(distribution.product, release) : { unknown: `${name} version "${version}" is not a release the collector recognises` };
}

function key(product: string, version: string): LifecycleKeyResult {
  const order = releaseOrder(product, version);
  return order ? { product, version, edition: 'any', ...order } : { unknown: `${product} ${version} cannot be ordered` };
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
  // ENTITY-MIB pads the numbers (IOS-XE "17.09.04"): the train is the same release line as 17.9.
  const train = family.train.exec(firmware.trim())?.[1]?.split('.').map(Number).join('.');
  return train ? key(family.product, train) : { unknown: `${os} firmware "${firmware || 'not reported'}" not recognised` };
}
