import { readFile } from 'node:fs/promises';
import { systemInformation } from '../../probes/systeminformation.js';
import { type OperatingSystem, unknown } from '../../../protocol/index.js';
import { cleanText } from '../clean.js';
import { parseOsRelease } from './os-release.js';
import type { RawOsInfo } from './raw.js';

/** Pure: /etc/os-release text plus systeminformation's osInfo → protocol OS. */
export function mapLinuxOs(osReleaseText: string | undefined, info: RawOsInfo): OperatingSystem {
  const rel = parseOsRelease(osReleaseText ?? '');
  const name = cleanText(rel.NAME) ?? cleanText(info.distro) ?? 'Linux';
  const version = cleanText(rel.VERSION_ID, 64) ?? cleanText(info.release, 64);
  const build = cleanText(rel.BUILD_ID, 64) ?? cleanText(rel.IMAGE_VERSION, 64);
  const edition = cleanText(rel.VARIANT, 64) ?? cleanText(rel.VARIANT_ID, 64);
  const kernel = cleanText(info.kernel, 128);
  const noRelease = osReleaseText === undefined || Object.keys(rel).length === 0;
  return {
    family: 'linux',
    name,
    version: version ?? unknown(noRelease ? 'no readable /etc/os-release' : 'os-release has no VERSION_ID (rolling release?)'),
    build: build ?? unknown('distribution publishes no build id (BUILD_ID absent)'),
    edition: edition ?? unknown('distribution publishes no edition (VARIANT absent)'),
    kernel: kernel ?? unknown('kernel release not reported'),
    arch: cleanText(info.arch, 32) ?? process.arch,
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

export async function readLinuxOs(): Promise<OperatingSystem> {
  const [text, info] = await Promise.all([readOsRelease(), (await systemInformation()).osInfo()]);
  return mapLinuxOs(text, info);
}
