import { type Patches, unknown } from '../../../protocol/index.js';
import { type PatchEnv, commandFailure } from './env.js';
import { lastZypperUpdate, parseZypperPatches, parseZypperUpdates, zypperPending } from './zypper-parse.js';
import { lastUpdate, type PendingSummary, pendingUnknown, summarisePending } from './summary.js';

const HISTORY = '/var/log/zypp/history';
// --no-refresh: the system's own timer refreshes; the agent never downloads metadata.
const GLOBAL = ['--non-interactive', '--no-refresh', '--xmlout'] as const;
// zypper exit codes (zypper(8)): 100 = updates needed, 101 = security updates needed, 102 = reboot needed.
const INFO_CODES = [0, 100, 101, 102, 103];

/**
 * Pending patches are what SUSE publishes as fixes (category security / recommended / optional,
 * each with a severity); package updates outside any patch count towards the total only.
 */
async function pendingFromZypper(env: PatchEnv): Promise<PendingSummary> {
  const [patchesRun, updatesRun] = await Promise.all([env.run('zypper', [...GLOBAL, 'list-patches'], 180_000), env.run('zypper', [...GLOBAL, 'list-updates'], 180_000)]);
  const patchFailure = commandFailure(patchesRun, 'zypper list-patches', INFO_CODES);
  const patches = patchFailure ? { ok: false as const, reason: patchFailure } : parseZypperPatches(patchesRun.stdout);
  if (!patches.ok) return pendingUnknown(patches.reason);
  const items = zypperPending(patches.items);
  const summary = summarisePending(items, 'zypper gave no issue date for a security patch');
  const updateFailure = commandFailure(updatesRun, 'zypper list-updates', INFO_CODES);
  const updates = updateFailure ? undefined : parseZypperUpdates(updatesRun.stdout);
  // Packages with a newer version but no patch (Tumbleweed has no patches at all) still pend.
  if (updates?.ok) summary.pending_updates = Math.max(items.length, updates.items.length);
  return summary;
}

async function rebootVerdict(env: PatchEnv): Promise<Patches['reboot_required']> {
  // zypper needs-rebooting (zypper 1.14.35+): exit 102 when a core package changed since boot, 0 when not.
  const result = await env.run('zypper', ['needs-rebooting'], 60_000);
  if (!result.spawnError && !result.timedOut && result.exitCode === 102) return true;
  if (!result.spawnError && !result.timedOut && result.exitCode === 0) return false;
  // Older zypper: libzypp touches /run/reboot-needed when an installed patch asks for a reboot.
  if ((await env.files.readText('/run/reboot-needed')) !== undefined) return true;
  return unknown(commandFailure(result, 'zypper needs-rebooting', [0, 102]) ?? 'zypper needs-rebooting gave no verdict');
}

export async function readZypperPatches(env: PatchEnv): Promise<Patches> {
  const [pending, history, reboot] = await Promise.all([pendingFromZypper(env), env.files.readText(HISTORY), rebootVerdict(env)]);
  const last = history === undefined ? undefined : lastZypperUpdate(history, env.zone);
  const lastReason = history === undefined ? `no readable ${HISTORY}` : 'zypper history shows no install from an update repository';
  return {
    source: 'zypper',
    ...lastUpdate(last, lastReason),
    ...pending,
    reboot_required: reboot,
  };
}
