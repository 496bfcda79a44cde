import { release } from 'node:os';
import { type FileReader, localFiles } from '../../host/files.js';
import type { CommandOptions, CommandResult } from '../../host/runner.js';
import type { CollectContext } from '../types.js';
import { type LocalZone, systemZone } from './local-time.js';

/**
 * Everything a per-OS patch reader touches, injected: commands, files, the local zone that
 * log timestamps are written in, and the clock. Tests replace all of it with fixtures.
 */
export interface PatchEnv {
  run(command: string, args: readonly string[], timeoutMs: number): Promise<CommandResult>;
  files: FileReader;
  zone: LocalZone;
  now: Date;
  /** Running kernel release (`uname -r`), to spot a kernel removed by an upgrade. */
  kernelRelease: string;
}

// Leave the scheduler time to package the result after the last command.
const DEADLINE_MARGIN_MS = 2_000;

export function patchEnvFrom(ctx: CollectContext, overrides: Partial<PatchEnv> = {}): PatchEnv {
  return {
    run: (command, args, timeoutMs) => {
      const left = Math.max(1_000, ctx.deadline - Date.now() - DEADLINE_MARGIN_MS);
      const options: CommandOptions = { timeoutMs: Math.min(timeoutMs, left), signal: ctx.signal, maxOutputBytes: 8 * 1024 * 1024 };
      return ctx.run(command, args, options);
    },
    files: localFiles,
    zone: systemZone,
    now: ctx.clock.now(),
    kernelRelease: release(),
    ...overrides,
  };
}

/** Why a command gave nothing usable, or undefined when it ran and exited with an accepted code. */
export function commandFailure(result: CommandResult, what: string, okCodes: readonly number[] = [0]): string | undefined {
  if (result.spawnError) return `${what} could not start: ${result.spawnError}`.slice(0, 300);
  if (result.timedOut) return `${what} did not finish in time`;
  if (result.exitCode === null || !okCodes.includes(result.exitCode)) {
    const detail = (result.stderr || result.stdout).replace(/\s+/g, ' ').trim().slice(0, 160);
    return `${what} exited with ${result.exitCode ?? 'a signal'}${detail ? `: ${detail}` : ''}`;
  }
  return undefined;
}
