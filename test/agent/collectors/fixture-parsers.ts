import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { mapHardware } from '../../../agent/collectors/hardware/map.js';
import { classifyVirtualisation } from '../../../agent/collectors/hardware/virtualisation.js';
import type { RawHardware } from '../../../agent/collectors/hardware/raw.js';
import { parsePingOutput, rttStats } from '../../../agent/collectors/latency/parse-ping.js';
import { mapDarwinOs } from '../../../agent/collectors/os/os.darwin.js';
import { mapLinuxOs } from '../../../agent/collectors/os/os.linux.js';
import { mapWindowsOs, parseRegQuery } from '../../../agent/collectors/os/os.win32.js';
import { bitLockerVolumeFacts, mapBitLocker, parseManageBdeStatus } from '../../../agent/collectors/security/bitlocker.win32.js';
import { createSecurityCollector } from '../../../agent/collectors/security/index.js';
import { WindowsPatchReport, mapWindowsPatches } from '../../../agent/collectors/patches/windows-report.js';
import { mapWindowsSecurity } from '../../../agent/collectors/security/security.win32.js';
import { createWifiCollector } from '../../../agent/collectors/wifi/index.js';
import type { CommandResult, CommandRunner } from '../../../agent/host/runner.js';
import { linuxReleaseFiles, testContextBase } from '../../helpers/agent.js';
import { bitLockerVolumeFromFormatList, defenderStatusFromFormatList, printedPowerShellError, tpmStatusFromFormatList } from './security/powershell-format-list.js';
import { FIXTURE_NOW, PARSERS as PATCH_PARSERS } from './patches/parser-table.js';
import { hotfixesFromWmicQfe } from './patches/wmic-qfe.js';
import { cannedFiles, cannedRunner, loadCase } from './security/fixtures.js';
import { virtSignalsFromCase } from './hardware/virt-fixtures.js';

/**
 * Which parser reads a fixture case: SOURCE.md's `parser:` names a key of FIXTURE_PARSERS. Each entry
 * turns the case folder into the value its expected.json writes down. The per-parser tests stay the
 * place for parser details; this table only says how to feed a whole case to the parser. The patches
 * parsers come from their own table (test/agent/collectors/patches/parser-table.ts), named without the dash.
 */
export interface FixtureParser {
  /** Files a case must hold besides SOURCE.md and expected.json. */
  files: readonly string[];
  /** The parser's answer for the case, shaped like expected.json (which is passed for optional parts). */
  run(dir: string, expected: unknown): unknown;
}

const read = (dir: string, file: string): string => readFileSync(path.join(dir, file), 'utf8');
const readOptional = (dir: string, file: string): string | undefined => (existsSync(path.join(dir, file)) ? read(dir, file) : undefined);
const readJson = <T>(dir: string, file: string): T => JSON.parse(read(dir, file)) as T;
/** Drops `undefined` properties, as expected.json cannot hold them. */
const plain = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

// Fixed, so that dated mappings (firmware age, "days since") give the same answer on any day.
const HARDWARE_NOW = new Date('2026-01-15T12:00:00Z');
const WIFI_TS = '2025-03-04T10:00:00.000Z';

const ping: FixtureParser = {
  files: ['output.txt'],
  run(dir, expected) {
    const parsed = parsePingOutput(read(dir, 'output.txt'));
    const wantsStats = typeof expected === 'object' && expected !== null && 'stats' in expected;
    const stats = wantsStats ? { stats: rttStats(parsed.rtts, parsed.sent ?? 0, parsed.received ?? 0) } : {};
    return plain({ sent: parsed.sent, received: parsed.received, rtts: parsed.rtts, failure: parsed.failure, ...stats });
  },
};

/** Wi-Fi cases: case.json says the platform, exit codes and stderr; each command's stdout is a file. */
interface WifiCase {
  platform: NodeJS.Platform;
  wireless?: string[];
  exit?: Record<string, number>;
  stderr?: Record<string, string>;
}

function wifiOutputFile(command: string, args: readonly string[]): string {
  if (command === 'iw') return args.length === 1 ? 'iw-dev.txt' : `iw-link-${args[1]}.txt`;
  if (command === 'nmcli') return args.includes('--rescan') ? 'nmcli.txt' : 'nmcli-norescan.txt';
  if (command === 'netsh') return 'netsh.txt';
  if (command === 'system_profiler') return 'system_profiler.json';
  return `${path.basename(command)}.txt`;
}

function wifiRunner(dir: string, spec: WifiCase): CommandRunner {
  return async (command, args): Promise<CommandResult> => {
    const file = wifiOutputFile(command, args);
    const full = path.join(dir, file);
    if (!existsSync(full)) return { stdout: '', stderr: '', exitCode: null, timedOut: false, truncated: false, spawnError: `spawn ${command} ENOENT` };
    const key = file.replace(/\.[a-z]+$/, '');
    return { stdout: readFileSync(full, 'utf8'), stderr: spec.stderr?.[key] ?? '', exitCode: spec.exit?.[key] ?? 0, timedOut: false, truncated: false };
  };
}

const wifi: FixtureParser = {
  files: ['case.json'],
  async run(dir) {
    const spec = readJson<WifiCase>(dir, 'case.json');
    const collector = createWifiCollector({ listWirelessInterfaces: async () => spec.wireless });
    const base = testContextBase({ privacy: { send_hostname: false, send_ssid: true } });
    const output = await collector.collect({
      ...base,
      run: wifiRunner(dir, spec),
      platform: spec.platform,
      clock: { now: () => new Date(WIFI_TS) },
      signal: new AbortController().signal,
      deadline: Date.now() + 30_000,
    });
    const samples = (output.samples ?? []).map((s) => {
      const { kind: _kind, ts: _ts, ...rest } = s as unknown as Record<string, unknown>;
      return rest;
    });
    return plain({ samples, problem: output.problem });
  },
};

const security: FixtureParser = {
  files: ['case.json'],
  async run(dir) {
    const name = path.basename(dir);
    const spec = loadCase(name);
    const collector = createSecurityCollector({ files: cannedFiles(name, spec) });
    const output = await collector.collect({
      ...testContextBase(),
      run: cannedRunner(name, spec),
      platform: spec.platform,
      signal: new AbortController().signal,
      deadline: Date.now() + 30_000,
    });
    return plain(output.inventory?.security);
  },
};

const patchParsers = Object.fromEntries(
  Object.entries(PATCH_PARSERS).map(([prefix, parser]): [string, FixtureParser] => [
    prefix.replace(/-$/, ''),
    { files: [parser.input], run: (dir) => plain(parser.parse(read(dir, parser.input))) },
  ]),
);

export const FIXTURE_PARSERS: Record<string, FixtureParser> = {
  ping,
  'os-linux': {
    files: ['os-release', 'osinfo.json'],
    // /etc/debian_version or /etc/centos-release carries the point release os-release leaves out (Debian 12.11, CentOS 8.1.1911); optional.
    run: (dir) => plain(mapLinuxOs(read(dir, 'os-release'), readJson(dir, 'osinfo.json'), linuxReleaseFiles(dir))),
  },
  'os-windows': {
    files: [],
    // Either half may be absent: without reg-query.txt the registry gave nothing (as when `reg query` fails),
    // without osinfo.json systeminformation gave nothing. Arch then falls back to the test process's, so it is left out.
    run(dir) {
      const info = existsSync(path.join(dir, 'osinfo.json')) ? readJson<Record<string, unknown>>(dir, 'osinfo.json') : {};
      const reg = readOptional(dir, 'reg-query.txt');
      const os = plain(mapWindowsOs(info, reg === undefined ? {} : parseRegQuery(reg))) as Record<string, unknown>;
      if (info.arch === undefined) delete os.arch;
      return os;
    },
  },
  'os-darwin': { files: ['osinfo.json'], run: (dir) => plain(mapDarwinOs(readJson(dir, 'osinfo.json'))) },
  virtualisation: { files: ['dmidecode.txt'], run: (dir) => plain(classifyVirtualisation(virtSignalsFromCase(dir))) },
  hardware: { files: ['si.json'], run: (dir) => plain(mapHardware(readJson<RawHardware>(dir, 'si.json'), HARDWARE_NOW)) },
  wifi,
  security,
  // BitLocker state from `manage-bde -status` text (any language) and from Get-BitLockerVolume's properties.
  'manage-bde': {
    files: ['manage-bde.txt'],
    run(dir) {
      const facts = parseManageBdeStatus(read(dir, 'manage-bde.txt'));
      return plain({ facts, disk_encryption: 'unknown' in facts ? facts : mapBitLocker(facts) });
    },
  },
  'bitlocker-volume': {
    files: ['get-bitlockervolume.txt'],
    run(dir) {
      const volume = bitLockerVolumeFromFormatList(read(dir, 'get-bitlockervolume.txt'));
      return plain({ volume, disk_encryption: mapBitLocker(bitLockerVolumeFacts(volume)) });
    },
  },
  // get-tpm.txt: the TPM object as printed; error.txt instead: Get-Tpm's printed error (the script then sends ok: false).
  'get-tpm': {
    files: [],
    run(dir) {
      const error = readOptional(dir, 'error.txt');
      if (error !== undefined) {
        const probe = { ok: false, ...printedPowerShellError(error) };
        return plain({ probe, tpm: mapWindowsSecurity({ schema: 1, tpm: probe }).tpm });
      }
      const status = tpmStatusFromFormatList(read(dir, 'get-tpm.txt'));
      return plain({ status, tpm: mapWindowsSecurity({ schema: 1, tpm: { ok: true, value: status } }).tpm });
    },
  },
  // Get-MpComputerStatus as printed (Format-List) → the script's `defender` value → the anti-malware answer
  // when Security Center lists no other product.
  // error.txt instead of the printout: Get-MpComputerStatus's printed error (the script then sends ok: false).
  'get-mpcomputerstatus': {
    files: [],
    run(dir) {
      const error = readOptional(dir, 'error.txt');
      if (error !== undefined) {
        const probe = { ok: false, ...printedPowerShellError(error) };
        return plain({ probe, antimalware: mapWindowsSecurity({ schema: 1, defender: probe, securityCenter: { ok: true, value: null } }).antimalware });
      }
      const status = defenderStatusFromFormatList(read(dir, 'get-mpcomputerstatus.txt'));
      return plain({ status, antimalware: mapWindowsSecurity({ schema: 1, defender: { ok: true, value: status }, securityCenter: { ok: true, value: null } }).antimalware });
    },
  },
  'confirm-securebootuefi': {
    files: ['error.txt'],
    run(dir) {
      const probe = { ok: false, ...printedPowerShellError(read(dir, 'error.txt')) };
      return plain({ probe, secure_boot: mapWindowsSecurity({ schema: 1, secureBoot: probe }).secure_boot });
    },
  },
  // The hotfix half of the Windows patch report: `wmic qfe` prints the same Win32_QuickFixEngineering
  // HotFixID and raw InstalledOn the script sends; the answer is the last dated installation.
  'win-qfe': {
    files: ['wmic-qfe.txt'],
    run(dir) {
      const hotfixes = hotfixesFromWmicQfe(read(dir, 'wmic-qfe.txt'));
      const patches = mapWindowsPatches(WindowsPatchReport.parse({ schema: 1, hotfixes, rebootFlags: [] }), FIXTURE_NOW);
      return plain({ hotfixes: hotfixes.length, last_update_at: patches.last_update_at, last_update_id: patches.last_update_id });
    },
  },
  ...patchParsers,
};
