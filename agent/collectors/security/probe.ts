import type { Unknown } from '../../../protocol/index.js';
import { describeFailure } from '../../host/powershell.js';
import type { CommandResult, CommandRunner } from '../../host/runner.js';

/** One field's answer: its value, or `{ unknown: reason }`. Parsers return this, never throw. */
export type Answer<T> = T | Unknown;

/** A command's output when it ran, or why it did not. */
export type CommandOutput = { ok: true; stdout: string; stderr: string; exitCode: number | null } | { ok: false; reason: string; missing: boolean };

/** True for spawn errors that mean "this tool is not installed" rather than "it broke". */
export function isNotInstalled(result: CommandResult): boolean {
  return result.spawnError !== undefined && /ENOENT|not found|cannot find/i.test(result.spawnError);
}

/**
 * Runs a probe command and classifies the result. `okExitCodes` lists the codes that still
 * carry a meaningful answer (`firewall-cmd --state` exits 252 when not running).
 */
export async function probe(
  run: CommandRunner,
  command: string,
  args: readonly string[],
  options: { signal?: AbortSignal; timeoutMs?: number; okExitCodes?: readonly number[] } = {},
): Promise<CommandOutput> {
  const result = await run(command, args, { timeoutMs: options.timeoutMs ?? 15_000, signal: options.signal, maxOutputBytes: 2 * 1024 * 1024 });
  const what = [command.split('/').pop(), ...args.slice(0, 2)].join(' ');
  if (isNotInstalled(result)) return { ok: false, reason: `${command.split('/').pop()} is not installed`, missing: true };
  const okCodes = options.okExitCodes ?? [0];
  if (result.spawnError || result.timedOut || result.exitCode === null || !okCodes.includes(result.exitCode)) {
    return { ok: false, reason: describeFailure(result, what), missing: false };
  }
  return { ok: true, stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
}

/** Milliseconds left before the collector's deadline, kept within [1 s, cap]. */
export function timeLeft(deadline: number, cap: number, now = Date.now()): number {
  return Math.max(1_000, Math.min(cap, deadline - now - 500));
}

/** An ISO-8601 instant from a Date, or undefined when the date is invalid or absurd. */
export function isoInstant(date: Date | undefined): string | undefined {
  if (!date || Number.isNaN(date.getTime())) return undefined;
  const year = date.getUTCFullYear();
  // Signature dates before 2000 or far in the future are clock or parsing errors, not facts.
  if (year < 2000 || year > 2100) return undefined;
  return date.toISOString();
}

/** Lines of command output without blanks or trailing whitespace. */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim().length > 0);
}
