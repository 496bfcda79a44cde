import { systemInformation } from '../../host/systeminformation.js';
import { type OperatingSystem, unknown } from '../../../protocol/index.js';
import type { CommandRunner } from '../../host/runner.js';
import { cleanText } from '../clean.js';
import type { RawOsInfo } from './raw.js';

const EDITIONS = ['Enterprise', 'Education', 'Pro', 'Home', 'Datacenter', 'Standard', 'Essentials', 'IoT'];
const CURRENT_VERSION_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion';

/** Pure: `reg query <key>` output → value name → data. */
export function parseRegQuery(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = line.match(/^\s+(\S.*?)\s+(REG_[A-Z_]+)\s+(.*)$/);
    if (match) values[match[1] as string] = (match[3] as string).trim();
  }
  return values;
}

/**
 * The registry's ProductName stayed "Windows 10 …" on Windows 11 for compatibility (a fresh Windows 11
 * 21H2, build 22000, reads "Windows 10 Pro": https://github.com/shirou/gopsutil/issues/1143); only the
 * build tells them apart, Windows 11 starting at 22000. Used only when systeminformation gave no caption:
 * calling a Windows 11 machine Windows 10 would be a false end-of-life finding.
 */
function registryProductName(productName: string | undefined, buildNumber: string | undefined): string | undefined {
  const name = cleanText(productName);
  const build = Number.parseInt(buildNumber ?? '', 10);
  return name && build >= 22000 ? name.replace(/^Windows 10\b/i, 'Windows 11') : name;
}

/** Pure: osInfo ("Microsoft Windows 11 Pro", "10.0.22631") plus CurrentVersion values → protocol OS. */
export function mapWindowsOs(info: RawOsInfo, currentVersion: Record<string, string>): OperatingSystem {
  const distro = cleanText(info.distro)?.replace(/^Microsoft\s+/i, '');
  const displayVersion = cleanText(currentVersion.DisplayVersion, 64) ?? cleanText(currentVersion.ReleaseId, 64);
  const buildNumber = cleanText(currentVersion.CurrentBuildNumber, 32) ?? cleanText(info.build, 32);
  const ubr = currentVersion.UBR ? Number.parseInt(currentVersion.UBR, 16) : Number.NaN;
  const build = buildNumber ? (Number.isFinite(ubr) ? `${buildNumber}.${ubr}` : buildNumber) : undefined;
  const name = distro ?? registryProductName(currentVersion.ProductName, buildNumber) ?? 'Windows';
  const edition = EDITIONS.find((e) => new RegExp(`\\b${e}\\b`, 'i').test(name)) ?? cleanText(currentVersion.EditionID, 64);
  return {
    family: 'windows',
    name,
    version: displayVersion ?? unknown('registry has no DisplayVersion or ReleaseId'),
    build: build ?? unknown('build number not reported'),
    edition: edition ?? unknown('edition not recognised from product name'),
    kernel: cleanText(info.release, 128) ?? cleanText(info.kernel, 128) ?? unknown('kernel version not reported'),
    arch: cleanText(info.arch, 32) ?? process.arch,
  };
}

export async function readWindowsOs(run: CommandRunner, signal: AbortSignal): Promise<OperatingSystem> {
  const info = await (await systemInformation()).osInfo();
  const reg = await run('reg', ['query', CURRENT_VERSION_KEY], { timeoutMs: 10_000, signal });
  return mapWindowsOs(info, reg.exitCode === 0 ? parseRegQuery(reg.stdout) : {});
}
