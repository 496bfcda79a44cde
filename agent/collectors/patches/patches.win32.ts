import type { Patches } from '../../../protocol/index.js';
import { parsePowerShellJson, powerShellArgs } from '../../host/powershell.js';
import { type PatchEnv, commandFailure } from './env.js';
import { allUnknown } from './summary.js';
import { WindowsPatchReport, mapWindowsPatches } from './windows-report.js';
import { WINDOWS_PATCHES_SCRIPT } from './windows-script.js';

// The offline WUA search is quick, but Get-HotFix on a server with a long history is not.
const SCRIPT_TIMEOUT_MS = 180_000;

export async function readWindowsPatches(env: PatchEnv): Promise<Patches> {
  const result = await env.run('powershell.exe', powerShellArgs(WINDOWS_PATCHES_SCRIPT), SCRIPT_TIMEOUT_MS);
  const failure = result.spawnError || result.timedOut ? commandFailure(result, 'PowerShell') : undefined;
  if (failure) return allUnknown('windows-update', failure);
  const parsed = parsePowerShellJson(result.stdout, WindowsPatchReport);
  if (!parsed.ok) return allUnknown('windows-update', commandFailure(result, 'PowerShell') ?? parsed.reason);
  return mapWindowsPatches(parsed.value, env.now);
}
