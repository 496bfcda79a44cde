import { systemInformation } from '../../probes/systeminformation.js';
import { type OperatingSystem, unknown } from '../../../protocol/index.js';
import { cleanText } from '../clean.js';
import type { RawOsInfo } from './raw.js';

/** Pure: systeminformation's osInfo on macOS (from sw_vers) → protocol OS. */
export function mapDarwinOs(info: RawOsInfo): OperatingSystem {
  const version = cleanText(info.release, 64);
  const build = cleanText(info.build, 64);
  const kernel = cleanText(info.kernel, 128);
  return {
    family: 'macos',
    name: cleanText(info.distro) ?? 'macOS',
    version: version ?? unknown('sw_vers gave no product version'),
    build: build ?? unknown('sw_vers gave no build version'),
    edition: unknown('not applicable: macOS has no editions'),
    kernel: kernel ?? unknown('kernel release not reported'),
    arch: cleanText(info.arch, 32) ?? process.arch,
  };
}

export async function readDarwinOs(): Promise<OperatingSystem> {
  return mapDarwinOs(await (await systemInformation()).osInfo());
}
