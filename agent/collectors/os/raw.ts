import { type OperatingSystem, unknown } from '../../../protocol/index.js';
import { cleanText } from '../clean.js';

/** systeminformation's osInfo fields the OS mappers read; loosely typed, fixtures garble them. */
export interface RawOsInfo {
  platform?: unknown;
  distro?: unknown;
  release?: unknown;
  codename?: unknown;
  kernel?: unknown;
  arch?: unknown;
  build?: unknown;
  servicepack?: unknown;
}

/** The kernel release and architecture as systeminformation reports them on macOS, Linux and the rest (not Windows, whose kernel is its release). */
export function kernelAndArch(info: RawOsInfo, noKernel = 'kernel release not reported'): Pick<OperatingSystem, 'kernel' | 'arch'> {
  return {
    kernel: cleanText(info.kernel, 128) ?? unknown(noKernel),
    arch: cleanText(info.arch, 32) ?? process.arch,
  };
}
