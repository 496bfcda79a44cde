import { type Security, unknown } from '../../../protocol/index.js';
import type { FileReader } from '../../host/files.js';
import { parseMdatpHealth } from './antimalware.linux.js';
import type { LinuxProbeContext } from './security.linux.js';
import {
  mapDarwinSecureBoot,
  mapXProtect,
  parseFdesetupStatus,
  parsePfInfo,
  parsePlistVersion,
  parseSocketFilterState,
  parseXProtectHistory,
} from './parsers.darwin.js';
import { type CommandOutput, isoInstant, probe } from './probe.js';

export type DarwinProbeContext = LinuxProbeContext;

// macOS 10.15 moved XProtect to the read-only system volume's /Library/Apple; older releases keep it in /System.
const XPROTECT_BUNDLES = [
  '/Library/Apple/System/Library/CoreServices/XProtect.bundle/Contents',
  '/System/Library/CoreServices/XProtect.bundle/Contents',
];

async function readXProtectBundle(files: FileReader): Promise<{ version?: string; modifiedAt?: string }> {
  for (const dir of XPROTECT_BUNDLES) {
    for (const plist of ['Info.plist', 'version.plist']) {
      const version = parsePlistVersion(await files.readText(`${dir}/${plist}`));
      if (version) return { version, modifiedAt: isoInstant(await files.modifiedAt(`${dir}/${plist}`)) };
    }
  }
  return {};
}

export async function readDarwinSecurity(ctx: DarwinProbeContext): Promise<Security> {
  const run = (command: string, args: readonly string[], timeoutMs?: number): Promise<CommandOutput> =>
    probe(ctx.run, command, args, { signal: ctx.signal, timeoutMs });
  const [fde, socketFilter, pf, mdatp, history, bundle, ibridge, cpu] = await Promise.all([
    run('fdesetup', ['status']),
    run('/usr/libexec/ApplicationFirewall/socketfilterfw', ['--getglobalstate']),
    run('pfctl', ['-s', 'info']),
    run('mdatp', ['health', '--output', 'json']),
    // system_profiler can take many seconds on machines with a long install history.
    run('system_profiler', ['SPInstallHistoryDataType', '-json'], 60_000),
    readXProtectBundle(ctx.files),
    run('system_profiler', ['SPiBridgeDataType', '-json'], 30_000),
    run('sysctl', ['-n', 'machdep.cpu.brand_string']),
  ]);

  const disk_encryption = fde.ok ? parseFdesetupStatus(fde.stdout) : unknown(fde.reason);

  const profiles: Record<string, boolean> = {};
  const application = socketFilter.ok ? parseSocketFilterState(socketFilter.stdout) : unknown(socketFilter.reason);
  if (typeof application === 'boolean') profiles.application = application;
  // pf needs root to query; when it cannot answer it is simply left out, the application firewall decides.
  const packetFilter = pf.ok ? parsePfInfo(pf.stdout) : undefined;
  if (typeof packetFilter === 'boolean') profiles.pf = packetFilter;
  const firewall =
    Object.values(profiles).some(Boolean) || typeof application === 'boolean'
      ? { enabled: Object.values(profiles).some(Boolean), profiles }
      : unknown(`application firewall state unreadable: ${'unknown' in application ? application.unknown : ''}`);

  const defender = mdatp.ok ? parseMdatpHealth(mdatp.stdout) : undefined;
  const xprotect = mapXProtect(history.ok ? parseXProtectHistory(history.stdout) : undefined, bundle.version, bundle.modifiedAt);
  // A managed product with real-time protection on is the stronger claim; XProtect is the baseline.
  const antimalware = defender?.realtime_protection ? defender : xprotect;

  const secure_boot = mapDarwinSecureBoot(ibridge.ok ? ibridge.stdout : undefined, cpu.ok ? cpu.stdout : undefined);
  const tpm = unknown('not applicable: Apple devices use the Secure Enclave, not a TPM');
  return { disk_encryption, firewall, antimalware, secure_boot, tpm };
}
