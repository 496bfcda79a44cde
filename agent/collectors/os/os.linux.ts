import { readFile } from 'node:fs/promises';
import { systemInformation } from '../../host/systeminformation.js';
import { type OperatingSystem, unknown } from '../../../protocol/index.js';
import { cleanText } from '../clean.js';
import { parseOsRelease } from './os-release.js';
import { kernelAndArch, type RawOsInfo } from './raw.js';

/**
 * Pure: the whole version, point release included. VERSION_ID is often only the major
 * ("24.04" on Ubuntu 24.04.3, "12" on Debian 12.11); the point release is in VERSION
 * ("24.04.3 LTS (Noble Numbat)") or, on Debian, in /etc/debian_version ("12.11") or, from Debian 13,
 * os-release's DEBIAN_VERSION_FULL. A longer
 * version is taken only when it extends VERSION_ID, so Ubuntu's "trixie/sid" or a stray
 * number never replaces it.
 */
export function wholeLinuxVersion(rel: Record<string, string>, debianVersionText?: string): string | undefined {
  const versionId = cleanText(rel.VERSION_ID, 64);
  if (versionId === undefined) return undefined;
  const extends_ = (candidate: string | undefined) => candidate !== undefined && candidate.startsWith(`${versionId}.`);
  const fromVersion = rel.VERSION?.match(/^\s*(\d+(?:\.\d+)+)/)?.[1];
  if (extends_(fromVersion)) return fromVersion;
  const debian = debianVersionText?.trim();
  if (debian && /^\d+(\.\d+)+$/.test(debian) && extends_(debian)) return debian;
  // Debian 13's os-release carries the point release itself (DEBIAN_VERSION_FULL="13.1"), for
  // images without /etc/debian_version.
  const debianFull = rel.DEBIAN_VERSION_FULL?.trim();
  if (debianFull && /^\d+(\.\d+)+$/.test(debianFull) && extends_(debianFull)) return debianFull;
  return versionId;
}

/** Pure: /etc/os-release text (and /etc/debian_version where present) plus systeminformation's osInfo → protocol OS. */
export function mapLinuxOs(osReleaseText: string | undefined, info: RawOsInfo, debianVersionText?: string): OperatingSystem {
  const rel = parseOsRelease(osReleaseText ?? '');
  const name = cleanText(rel.NAME) ?? cleanText(info.distro) ?? 'Linux';
  const version = wholeLinuxVersion(rel, debianVersionText) ?? cleanText(info.release, 64);
  const build = cleanText(rel.BUILD_ID, 64) ?? cleanText(rel.IMAGE_VERSION, 64);
  const edition = cleanText(rel.VARIANT, 64) ?? cleanText(rel.VARIANT_ID, 64);
  const noRelease = osReleaseText === undefined || Object.keys(rel).length === 0;
  return {
    family: 'linux',
    name,
    version: version ?? unknown(noRelease ? 'no readable /etc/os-release' : 'os-release has no VERSION_ID (rolling release?)'),
    build: build ?? unknown('distribution publishes no build id (BUILD_ID absent)'),
    edition: edition ?? unknown('distribution publishes no edition (VARIANT absent)'),
    ...kernelAndArch(info),
  };
}

async function readOsRelease(): Promise<string | undefined> {
  for (const file of ['/etc/os-release', '/usr/lib/os-release']) {
    try {
      return await readFile(file, 'utf8');
    } catch {
      // try the next location the spec allows
    }
  }
  return undefined;
}

async function readDebianVersion(): Promise<string | undefined> {
  try {
    return await readFile('/etc/debian_version', 'utf8');
  } catch {
    return undefined; // not a Debian family system
  }
}

export async function readLinuxOs(): Promise<OperatingSystem> {
  const [text, info, debianVersion] = await Promise.all([readOsRelease(), (await systemInformation()).osInfo(), readDebianVersion()]);
  return mapLinuxOs(text, info, debianVersion);
}
