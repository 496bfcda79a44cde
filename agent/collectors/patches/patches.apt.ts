import { gunzipSync } from 'node:zlib';
import type { Patches } from '../../../protocol/index.js';
import type { FileReader } from '../../host/files.js';
import { type AptUpgradeRun, lastAptUpgrade, upgradedNamesIn } from './apt-history.js';
import { isSecurityIndex, securityRunTest, securityVersions } from './apt-security.js';
import { type AptParse, parseAptSimulation, parseAptUpgradable } from './apt-pending.js';
import { type PatchEnv, commandFailure } from './env.js';
import type { LocalZone } from './local-time.js';
import { aptRebootRequired } from './linux-reboot.js';
import { lastUpdate, type PendingSummary, pendingUnknown, summarisePending } from './summary.js';

const NO_RELEASE_DATES = 'apt does not record when updates were released';
const LISTS_DIR = '/var/lib/apt/lists';
const HISTORY = '/var/log/apt/history.log';
// logrotate keeps 12 months by default: history.log.1, then .2.gz … .12.gz.
const ROTATED = 12;

/**
 * Simulation only (-s): reads the local package lists, needs no root, downloads nothing.
 * NoLocking lets it run while unattended-upgrades holds the lock.
 */
export const APT_SIMULATE = ['-s', '-o', 'Debug::NoLocking=1', '-o', 'APT::Get::Show-User-Simulation-Note=false', 'dist-upgrade'] as const;

async function hasPackageLists(files: FileReader): Promise<boolean> {
  const names = (await files.list(LISTS_DIR)) ?? [];
  return names.some((n) => /_Packages(\.\w+)?$/.test(n));
}

async function pendingFromApt(env: PatchEnv): Promise<PendingSummary> {
  // With no downloaded lists apt sees nothing to upgrade: that would be a false "up to date".
  if (!(await hasPackageLists(env.files))) return pendingUnknown('apt has no package lists (apt update never ran)');
  const sim = await env.run('apt-get', APT_SIMULATE, 120_000);
  let parsed: AptParse = { ok: false, reason: commandFailure(sim, 'apt-get -s dist-upgrade') ?? '' };
  if (parsed.reason === '') parsed = parseAptSimulation(sim.stdout);
  if (!parsed.ok) {
    // Fallback: apt list reads the same lists without resolving dependencies (its stderr warns
    // that its CLI is unstable; we read stdout only).
    const list = await env.run('apt', ['list', '--upgradable'], 60_000);
    const failure = commandFailure(list, 'apt list --upgradable');
    const fallback = failure ? undefined : parseAptUpgradable(list.stdout);
    if (!fallback?.ok) return pendingUnknown(`${parsed.reason}; ${failure ?? fallback?.reason ?? ''}`.slice(0, 480));
    parsed = fallback;
  }
  return summarisePending(parsed.updates, NO_RELEASE_DATES);
}

async function readMaybeGzipped(files: FileReader, path: string): Promise<string | undefined> {
  if (!path.endsWith('.gz')) return files.readText(path);
  const bytes = await files.readBytes(path);
  if (!bytes) return undefined;
  try {
    return gunzipSync(bytes).toString('utf8');
  } catch {
    return undefined; // a truncated archive is skipped like a missing one
  }
}

/** The security pockets' Packages indexes that apt downloaded (plain or .gz; .lz4/.xz are not readable here). */
async function securityIndexes(files: FileReader): Promise<string[]> {
  const names = ((await files.list(LISTS_DIR)) ?? []).filter(isSecurityIndex);
  const texts = await Promise.all(names.map((n) => readMaybeGzipped(files, `${LISTS_DIR}/${n}`)));
  return texts.filter((t): t is string => t !== undefined);
}

/**
 * Newest log first; stops at the first file with a security upgrade in it (see apt-security.ts
 * for what counts). Plain installs and non-security upgrades never count.
 */
export async function lastUpgradeFromLogs(files: FileReader, zone: LocalZone): Promise<AptUpgradeRun | 'no-logs' | 'no-upgrades'> {
  let sawLog = false;
  let indexes: string[] | undefined;
  const paths = [HISTORY, `${HISTORY}.1`, ...Array.from({ length: ROTATED - 1 }, (_, i) => `${HISTORY}.${i + 2}.gz`)];
  for (const path of paths) {
    const text = await readMaybeGzipped(files, path);
    if (text === undefined) continue;
    sawLog = true;
    const anyUpgrade = lastAptUpgrade(text, zone);
    if (!anyUpgrade) continue;
    // The newest upgrade was an unattended-upgrades run: no need to read the (large) security indexes.
    const unattended = lastAptUpgrade(text, zone, securityRunTest(new Map()));
    if (unattended && unattended.at === anyUpgrade.at) return unattended;
    indexes ??= await securityIndexes(files);
    const run = lastAptUpgrade(text, zone, securityRunTest(securityVersions(indexes, upgradedNamesIn(text))));
    if (run) return run;
  }
  return sawLog ? 'no-upgrades' : 'no-logs';
}

export async function readAptPatches(env: PatchEnv): Promise<Patches> {
  const [pending, last, reboot] = await Promise.all([
    pendingFromApt(env),
    lastUpgradeFromLogs(env.files, env.zone),
    aptRebootRequired(env.files, env.kernelRelease),
  ]);
  const lastReason =
    last === 'no-logs'
      ? 'no readable /var/log/apt/history.log'
      : 'apt history records no security update (no unattended-upgrades run, no version from a security pocket list), as far back as the logs go';
  return {
    source: 'apt',
    ...lastUpdate(typeof last === 'string' ? undefined : last, lastReason),
    ...pending,
    reboot_required: reboot,
  };
}
