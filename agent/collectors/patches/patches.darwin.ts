import { type Patches, unknown } from '../../../protocol/index.js';
import { type PatchEnv, commandFailure } from './env.js';
import { type HistoryParse, parseInstallHistoryJson, parseSoftwareUpdateHistory } from './macos-history.js';
import { parseSoftwareUpdateList, restartNeededForPatching } from './softwareupdate-list.js';
import { pendingUnknown, summarisePending } from './summary.js';

// softwareupdate --list asks Apple's catalogue (or the configured server): slow links need time.
const LIST_TIMEOUT_MS = 240_000;

async function lastInstall(env: PatchEnv): Promise<HistoryParse> {
  const profiler = await env.run('system_profiler', ['-json', 'SPInstallHistoryDataType'], 120_000);
  const profilerFailure = commandFailure(profiler, 'system_profiler');
  const fromProfiler = profilerFailure ? undefined : parseInstallHistoryJson(profiler.stdout);
  if (fromProfiler?.ok) return fromProfiler;
  // macOS before 10.15 has no -json; fall back to the locale-formatted table.
  const history = await env.run('softwareupdate', ['--history', '--all'], 60_000);
  const historyFailure = commandFailure(history, 'softwareupdate --history');
  if (historyFailure) return { ok: false, reason: `${profilerFailure ?? fromProfiler?.reason}; ${historyFailure}`.slice(0, 480) };
  return parseSoftwareUpdateHistory(history.stdout, env.zone);
}

/** The running macOS version ("14.7.1"), to tell a newer major offered as an upgrade from a fix. */
async function runningVersion(env: PatchEnv): Promise<string | undefined> {
  const result = await env.run('sw_vers', ['-productVersion'], 10_000);
  const version = commandFailure(result, 'sw_vers') ? undefined : result.stdout.trim();
  return version && /^\d+(\.\d+)*$/.test(version) ? version : undefined;
}

export async function readDarwinPatches(env: PatchEnv): Promise<Patches> {
  const [list, last, version] = await Promise.all([env.run('softwareupdate', ['--list'], LIST_TIMEOUT_MS), lastInstall(env), runningVersion(env)]);
  // "No new software available." goes to stderr, the list to stdout: read both.
  const failure = list.spawnError || list.timedOut ? commandFailure(list, 'softwareupdate --list') : undefined;
  const parsed = failure ? { ok: false as const, reason: failure } : parseSoftwareUpdateList(`${list.stdout}\n${list.stderr}`, version);
  const pending = parsed.ok
    ? summarisePending(
        parsed.updates.map(({ restart: _restart, ...update }) => update),
        'softwareupdate does not say when updates were released',
      )
    : pendingUnknown(parsed.reason);
  // macOS installs updates during a restart: a pending security fix whose action is "restart"
  // is not in effect until the Mac reboots, which is what this field is for. An offered major
  // upgrade also says "restart" but is not a patch (see restartNeededForPatching).
  const reboot = parsed.ok ? restartNeededForPatching(parsed.updates) : unknown(parsed.reason);
  const lastReason = last.ok ? 'install history shows no Apple software update' : last.reason;
  return {
    source: 'softwareupdate',
    last_update_at: last.ok && last.last ? last.last.at : unknown(lastReason),
    last_update_id: last.ok && last.last ? last.last.name : unknown(lastReason),
    ...pending,
    reboot_required: reboot,
  };
}
