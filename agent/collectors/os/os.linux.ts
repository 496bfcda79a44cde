import { readFile } from 'node:fs/promises';
import { systemInformation } from '../../host/systeminformation.js';
import { type OperatingSystem, unknown } from '../../../protocol/index.js';
import { cleanText } from '../clean.js';
import { parseOsRelease } from './os-release.js';
import { kernelAndArch, type RawOsInfo } from './raw.js';

/** The release files beside os-release that carry a point release, by their name under /etc. */
export interface ReleaseFiles {
  debian_version?: string;
  'centos-release'?: string;
}

/** Files the agent reads for ReleaseFiles, in the order it reads them. */
const RELEASE_FILES = ['debian_version', 'centos-release'] as const;

/**
 * Pure: the whole version, point release included. VERSION_ID is often only the major
 * ("24.04" on Ubuntu 24.04.3, "12" on Debian 12.11, "8" on CentOS Linux 8.1.1911); the point release
 * is in VERSION ("24.04.3 LTS (Noble Numbat)") or, on Debian, in /etc/debian_version ("12.11") or,
 * from Debian 13, os-release's DEBIAN_VERSION_FULL, or on CentOS Linux 7 and 8 only in
 * /etc/centos-release ("CentOS Linux release 8.1.1911 (Core)"). A longer version is taken only when
 * it extends VERSION_ID, so Ubuntu's "trixie/sid" or a stray number never replaces it.
 */
export function wholeLinuxVersion(rel: Record<string, string>, files: ReleaseFiles = {}): string | undefined {
  const versionId = cleanText(rel.VERSION_ID, 64);
  if (versionId === undefined) return undefined;
  const wholeNumber = (candidate: string | undefined) => (candidate && /^\d+(\.\d+)+$/.test(candidate) && candidate.startsWith(`${versionId}.`) ? candidate : undefined);
  return (
    wholeNumber(rel.VERSION?.match(/^\s*(\d+(?:\.\d+)+)/)?.[1]) ??
    wholeNumber(files.debian_version?.trim()) ??
    // Debian 13's os-release carries the point release itself, for images without /etc/debian_version.
    wholeNumber(rel.DEBIAN_VERSION_FULL?.trim()) ??
    wholeNumber(files['centos-release']?.match(/\brelease\s+(\d+(?:\.\d+)+)/)?.[1]) ??
    versionId
  );
}

/** Pure: /etc/os-release text (and the release files beside it where present) plus systeminformation's osInfo → protocol OS. */
export function mapLinuxOs(osReleaseText: string | undefined, info: RawOsInfo, files: ReleaseFiles = {}): OperatingSystem {
  const rel = parseOsRelease(osReleaseText ?? '');
  const name = cleanText(rel.NAME) ?? cleanText(info.distro) ?? 'Linux';
  const version = wholeLinuxVersion(rel, files) ?? cleanText(info.release, 64);
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

async function readReleaseFiles(): Promise<ReleaseFiles> {
  const files: ReleaseFiles = {};
  for (const name of RELEASE_FILES) {
    try {
      files[name] = await readFile(`/etc/${name}`, 'utf8');
    } catch {
      // absent outside its distribution family
    }
  }
  return files;
}

export async function readLinuxOs(): Promise<OperatingSystem> {
  const [text, info, files] = await Promise.all([readOsRelease(), (await systemInformation()).osInfo(), readReleaseFiles()]);
  return mapLinuxOs(text, info, files);
}
