import { systemInformation } from '../../host/systeminformation.js';
import { type OperatingSystem, unknown } from '../../../protocol/index.js';
import { cleanText } from '../clean.js';
import { kernelAndArch, type RawOsInfo } from './raw.js';

/**
 * Pure: systeminformation's osInfo on macOS (from sw_vers) → protocol OS. The version is kept
 * whole ("15.7.2"); systeminformation appends sw_vers' ProductVersionExtra, the Rapid Security
 * Response letter ("13.3.1 (a)"), which is dropped from the version because the build
 * ("22E772610a") already names the response and a version must stay a plain release number.
 */
export function mapDarwinOs(info: RawOsInfo): OperatingSystem {
  // Cleaned again after the letter is dropped: systeminformation once reported the letter alone
  // ("(a)", systeminformation#809, May 2023), which must become unknown, never an empty version.
  const version = cleanText(cleanText(info.release, 64)?.replace(/\s*\([a-z]\)$/i, ''), 64);
  const build = cleanText(info.build, 64);
  return {
    family: 'macos',
    name: cleanText(info.distro) ?? 'macOS',
    version: version ?? unknown('sw_vers gave no product version'),
    build: build ?? unknown('sw_vers gave no build version'),
    edition: unknown('not applicable: macOS has no editions'),
    ...kernelAndArch(info),
  };
}

export async function readDarwinOs(): Promise<OperatingSystem> {
  return mapDarwinOs(await (await systemInformation()).osInfo());
}
