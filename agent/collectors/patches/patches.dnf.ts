import { type Patches, type PendingUpdate, unknown } from '../../../protocol/index.js';
import { type Advisory, lastDnfUpgrade, parseCheckUpdate, parseUpdateinfoList } from './dnf-parse.js';
import { parseAdvisoryListJson, parseCheckUpgradeJson, parseRepoqueryNames } from './dnf5-json.js';
import { type PatchEnv, commandFailure } from './env.js';
import { needsRestartingVerdict } from './linux-reboot.js';
import { type PendingSummary, byUrgency, clip, lastUpdate, pendingUnknown, summarisePending } from './summary.js';

export type RpmTool = 'dnf' | 'yum';

const RANK: Record<PendingUpdate['severity'], number> = { critical: 4, important: 3, moderate: 2, low: 1, unspecified: 0 };

/** Pure: pending package names plus the advisories that cover them → one pending item per package. */
export function mergeDnfPending(packages: readonly string[], advisories: readonly Advisory[]): PendingUpdate[] {
  const byPkg = new Map<string, Advisory[]>();
  for (const name of packages) byPkg.set(name, []);
  for (const a of advisories) byPkg.set(a.pkg, [...(byPkg.get(a.pkg) ?? []), a]);
  return [...byPkg.entries()]
    .map(([name, list]) => {
      const security = list.filter((a) => a.type === 'security');
      const worst = security.reduce<PendingUpdate['severity']>((w, a) => (RANK[a.severity] > RANK[w] ? a.severity : w), 'unspecified');
      const issued = security.map((a) => a.issued).filter((d): d is string => d !== undefined).sort()[0];
      const ids = [...new Set(list.map((a) => a.id))].join(' ');
      const item: PendingUpdate = { id: clip(name, 128), severity: worst, security: security.length > 0 };
      if (ids) item.title = clip(ids, 256);
      if (issued) item.released_at = issued;
      return item;
    })
    .sort(byUrgency);
}

async function rebootVerdict(env: PatchEnv, tool: RpmTool): Promise<Patches['reboot_required']> {
  // needs-restarting ships in dnf-utils / yum-utils; dnf4 also has it as a plugin subcommand.
  let result = await env.run('needs-restarting', ['-r'], 60_000);
  if (result.spawnError && tool === 'dnf') result = await env.run('dnf', ['-q', 'needs-restarting', '-r'], 60_000);
  if (result.spawnError) return unknown('needs-restarting is not installed (dnf-utils / yum-utils)');
  if (result.timedOut) return unknown('needs-restarting did not finish in time');
  return needsRestartingVerdict(result.exitCode, result.stdout) ?? unknown(commandFailure(result, 'needs-restarting -r', []) ?? 'needs-restarting gave no verdict');
}

interface PendingRead {
  packages?: string[];
  failure?: string;
}

interface AdvisoryRead {
  advisories?: Advisory[];
  reason: string;
}

/**
 * dnf5 (Fedora 41+) shortens its table columns when not on a terminal, so it is asked for JSON:
 * check-upgrade --json (5.4+), else repoquery --upgrades with an explicit format (every dnf5).
 * Undefined when dnf5 is not installed or gives neither, so the dnf4/yum text path runs.
 */
async function dnf5Pending(env: PatchEnv): Promise<PendingRead | undefined> {
  // -C: cache only. The system's own timer (dnf-makecache) keeps metadata fresh; we never download.
  const json = await env.run('dnf5', ['-q', '-C', 'check-upgrade', '--json'], 120_000);
  if (json.spawnError) return undefined;
  const fromJson = commandFailure(json, 'dnf5 check-upgrade --json', [0, 100]) ? undefined : parseCheckUpgradeJson(json.stdout);
  if (fromJson) return { packages: fromJson };
  const query = await env.run('dnf5', ['-q', '-C', 'repoquery', '--upgrades', '--queryformat', '%{name}\n'], 120_000);
  const failure = commandFailure(query, 'dnf5 repoquery --upgrades');
  const names = failure ? undefined : parseRepoqueryNames(query.stdout);
  return names ? { packages: names } : { failure: failure ?? 'dnf5 repoquery output not recognised' };
}

async function dnf5Advisories(env: PatchEnv): Promise<AdvisoryRead | undefined> {
  const result = await env.run('dnf5', ['-q', '-C', 'advisory', 'list', '--json'], 120_000);
  if (result.spawnError || commandFailure(result, 'dnf5 advisory list --json')) return undefined; // before 5.2.4: no --json
  const parsed = parseAdvisoryListJson(result.stdout, env.zone);
  return parsed.ok ? { advisories: parsed.advisories, reason: 'no advisories' } : { reason: parsed.reason };
}

async function textPending(env: PatchEnv, tool: RpmTool): Promise<PendingRead> {
  const check = await env.run(tool, ['-q', '-C', 'check-update'], 120_000);
  // Exit 100 = updates available, 0 = none; anything else is an error (no cache, broken repo).
  const failure = commandFailure(check, `${tool} check-update`, [0, 100]);
  if (failure) return { failure };
  const packages = parseCheckUpdate(check.stdout);
  return packages ? { packages } : { failure: `${tool} check-update output not recognised` };
}

async function textAdvisories(env: PatchEnv, tool: RpmTool): Promise<AdvisoryRead> {
  const args = tool === 'dnf' ? ['-q', '-C', 'updateinfo', 'list', '--available'] : ['-q', '-C', 'updateinfo', 'list', 'available'];
  const info = await env.run(tool, args, 120_000);
  const failure = commandFailure(info, `${tool} updateinfo`);
  if (failure) return { reason: failure };
  const parsed = parseUpdateinfoList(info.stdout, env.zone);
  return parsed.ok ? { advisories: parsed.advisories, reason: 'no advisories' } : { reason: parsed.reason };
}

export async function readDnfPatches(env: PatchEnv, tool: RpmTool): Promise<Patches> {
  const [pendingRead, advisoryRead, history, reboot] = await Promise.all([
    (tool === 'dnf' ? dnf5Pending(env) : Promise.resolve(undefined)).then((r) => r ?? textPending(env, tool)),
    (tool === 'dnf' ? dnf5Advisories(env) : Promise.resolve(undefined)).then((r) => r ?? textAdvisories(env, tool)),
    env.run(tool, ['-q', 'history', 'list'], 60_000),
    rebootVerdict(env, tool),
  ]);
  const { packages, failure: checkFailure } = pendingRead;
  const { advisories, reason: infoReason } = advisoryRead;

  let pending: PendingSummary;
  if (packages === undefined) {
    pending = pendingUnknown(checkFailure ?? `${tool} pending update list not recognised`);
    if (advisories) pending.pending_security_updates = new Set(advisories.filter((a) => a.type === 'security').map((a) => a.pkg)).size;
  } else if (advisories === undefined) {
    pending = { ...pendingUnknown(infoReason), pending_updates: packages.length };
  } else if (advisories.length === 0 && packages.length > 0) {
    // Updates but not one advisory: the repositories publish no updateinfo (CentOS 7, many mirrors).
    const reason = 'pending updates carry no advisories: the repositories publish no updateinfo metadata';
    // The list is left out: every item would claim `security: false`, which nobody knows.
    pending = { pending_updates: packages.length, pending_security_updates: unknown(reason), oldest_pending_security_since: unknown(reason) };
  } else {
    pending = summarisePending(mergeDnfPending(packages, advisories), 'advisories give no issue date (dnf4 lists none)');
  }

  const historyFailure = commandFailure(history, `${tool} history list`);
  const last = historyFailure ? undefined : lastDnfUpgrade(history.stdout, env.zone);
  const lastReason = historyFailure ?? `${tool} history shows no upgrade transaction`;
  return {
    source: tool,
    ...lastUpdate(last, lastReason),
    ...pending,
    reboot_required: reboot,
  };
}
