import { type Security, unknown } from '../../../protocol/index.js';
import type { FileReader } from '../../host/files.js';
import type { CommandRunner } from '../../host/runner.js';
import { type Antimalware, type FoundAntimalware, mapClamAv, parseClamVersion, parseMdatpHealth, parseSigtoolInfo } from './antimalware.linux.js';
import { readLinuxSecureBoot, readLinuxTpm } from './boot.linux.js';
import { type DiskEncryption, mapRootEncryption, parseFindmntRoot, parseLsblkJson, parseLsblkPairs } from './disk.linux.js';
import { type Firewall, combineLinuxFirewalls } from './firewall.linux.js';
import { type CommandOutput, probe } from './probe.js';

export interface LinuxProbeContext {
  run: CommandRunner;
  files: FileReader;
  signal?: AbortSignal;
}

type Run = (command: string, args: readonly string[], okExitCodes?: readonly number[]) => Promise<CommandOutput>;

function runner(ctx: LinuxProbeContext): Run {
  return (command, args, okExitCodes) => probe(ctx.run, command, args, { signal: ctx.signal, okExitCodes });
}

export async function readLinuxDiskEncryption(run: Run): Promise<DiskEncryption> {
  const mount = await run('findmnt', ['-no', 'SOURCE,FSTYPE', '/']);
  if (!mount.ok) return unknown(`cannot find the root filesystem: ${mount.reason}`);
  const root = parseFindmntRoot(mount.stdout);
  if ('unknown' in root) return root;
  const json = await run('lsblk', ['-J', '-s', '-o', 'NAME,TYPE,FSTYPE', root.source]);
  if (json.ok) return mapRootEncryption(parseLsblkJson(json.stdout));
  // util-linux before 2.27 has no -J: key="value" pairs carry the same columns.
  const pairs = await run('lsblk', ['-P', '-s', '-o', 'NAME,TYPE,FSTYPE', root.source]);
  if (pairs.ok) return mapRootEncryption(parseLsblkPairs(pairs.stdout));
  return unknown(`lsblk could not describe ${root.source}: ${pairs.reason}`);
}

export async function readLinuxFirewall(run: Run): Promise<Firewall> {
  const [ufw, firewalld, nftables, iptables] = await Promise.all([
    run('ufw', ['status']),
    run('firewall-cmd', ['--state'], [0, 252]),
    run('nft', ['list', 'ruleset']),
    run('iptables', ['-S']),
  ]);
  return combineLinuxFirewalls({ ufw, firewalld, nftables, iptables });
}

async function isRunning(run: Run, processName: string): Promise<boolean> {
  // pgrep exits 0 when a process matched and 1 when none did; both are answers.
  const result = await run('pgrep', ['-x', processName], [0, 1]);
  return result.ok && result.exitCode === 0;
}

async function readClamAv(run: Run): Promise<FoundAntimalware | undefined> {
  let version: ReturnType<typeof parseClamVersion>;
  for (const binary of ['clamscan', 'clamd']) {
    const output = await run(binary, ['--version']);
    version = output.ok ? parseClamVersion(output.stdout) : undefined;
    if (version) break;
  }
  if (!version) return undefined;
  let sigtool: ReturnType<typeof parseSigtoolInfo>;
  if (!version.databaseAt) {
    // freshclam leaves daily.cld after incremental updates and daily.cvd after a full download.
    for (const file of ['/var/lib/clamav/daily.cld', '/var/lib/clamav/daily.cvd']) {
      const output = await run('sigtool', ['--info', file]);
      sigtool = output.ok ? parseSigtoolInfo(output.stdout) : undefined;
      if (sigtool?.databaseAt) break;
    }
  }
  return mapClamAv(version, await isRunning(run, 'clamonacc'), sigtool);
}

export async function readLinuxAntimalware(run: Run): Promise<Antimalware> {
  const mdatp = await run('mdatp', ['health', '--output', 'json']);
  const defender = mdatp.ok ? parseMdatpHealth(mdatp.stdout) : undefined;
  if (defender && defender.realtime_protection) return defender;
  const clam = await readClamAv(run);
  if (clam && (clam.realtime_protection || !defender)) return clam;
  if (defender) return defender;
  if (!mdatp.ok && !mdatp.missing) return unknown(`Microsoft Defender is installed but ${mdatp.reason}`);
  if (mdatp.ok) return unknown('Microsoft Defender is installed but mdatp health gave no readable answer');
  return unknown('no anti-malware product found (looked for Microsoft Defender for Endpoint and ClamAV)');
}

export async function readLinuxSecurity(ctx: LinuxProbeContext): Promise<Security> {
  const run = runner(ctx);
  const [disk_encryption, firewall, antimalware, secure_boot, tpm] = await Promise.all([
    readLinuxDiskEncryption(run),
    readLinuxFirewall(run),
    readLinuxAntimalware(run),
    readLinuxSecureBoot(ctx.files, () => run('mokutil', ['--sb-state'])),
    readLinuxTpm(ctx.files),
  ]);
  return { disk_encryption, firewall, antimalware, secure_boot, tpm };
}
