import type { z } from 'zod';
import type { CommandResult, CommandRunner } from './runner.js';

export interface PowerShellOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** What a script produced: its validated JSON, or why there is none (fit for an `unknown` reason). */
export type PowerShellJson<T> = { ok: true; value: T } | { ok: false; reason: string };

// Windows PowerShell 5.1 ships with every supported Windows; pwsh 7 is optional, so never rely on it.
const POWERSHELL = 'powershell.exe';

/**
 * Prepended to every script. UTF-8 output, or localised text ("Vollständig verschlüsselt")
 * arrives mangled in the OEM code page; no progress records, which -EncodedCommand would
 * otherwise serialise as CLIXML onto stderr; and a stable decimal format for numbers.
 */
const PRELUDE = [
  '$ProgressPreference = "SilentlyContinue"',
  '[Console]::OutputEncoding = [System.Text.Encoding]::UTF8',
  '$OutputEncoding = [System.Text.Encoding]::UTF8',
  '[System.Threading.Thread]::CurrentThread.CurrentCulture = [System.Globalization.CultureInfo]::InvariantCulture',
].join('\n');

/**
 * The arguments that run `script` without quoting pitfalls: -EncodedCommand takes base64 of
 * UTF-16LE, so quotes, `$` and newlines in the script reach PowerShell untouched.
 */
export function powerShellArgs(script: string): string[] {
  const encoded = Buffer.from(`${PRELUDE}\n${script}`, 'utf16le').toString('base64');
  return ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encoded];
}

/** A short, single-line reason from a failed run, for `unknown(...)`. */
export function describeFailure(result: CommandResult, what: string): string {
  if (result.spawnError) return `${what} could not start: ${result.spawnError}`.slice(0, 300);
  if (result.timedOut) return `${what} timed out`;
  const detail = (result.stderr || result.stdout).replace(/\s+/g, ' ').trim().slice(0, 200);
  return `${what} exited with code ${result.exitCode ?? 'none'}${detail ? `: ${detail}` : ''}`;
}

/**
 * Pure: the JSON document a script printed, validated with `schema`. Tolerates a BOM and
 * stray lines before the document (some modules print warnings to stdout).
 */
export function parsePowerShellJson<S extends z.ZodType>(stdout: string, schema: S): PowerShellJson<z.infer<S>> {
  const text = stdout.replace(/^\uFEFF/, '').trim();
  const start = text.search(/[[{]/);
  if (start < 0) return { ok: false, reason: text ? 'PowerShell printed no JSON document' : 'PowerShell printed nothing' };
  let raw: unknown;
  try {
    raw = JSON.parse(text.slice(start));
  } catch {
    return { ok: false, reason: 'PowerShell output is not valid JSON' };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `PowerShell JSON has an unexpected shape at "${issue?.path.join('.') ?? ''}": ${issue?.message ?? ''}`.slice(0, 300) };
  }
  return { ok: true, value: parsed.data };
}

/** Runs `script` (which must print one JSON document) through the injected runner. */
export async function runPowerShellJson<S extends z.ZodType>(
  run: CommandRunner,
  script: string,
  schema: S,
  options: PowerShellOptions = {},
): Promise<PowerShellJson<z.infer<S>>> {
  const result = await run(POWERSHELL, powerShellArgs(script), { timeoutMs: options.timeoutMs ?? 60_000, signal: options.signal });
  if (result.spawnError || result.timedOut) return { ok: false, reason: describeFailure(result, 'PowerShell') };
  const parsed = parsePowerShellJson(result.stdout, schema);
  if (!parsed.ok && result.exitCode !== 0) return { ok: false, reason: describeFailure(result, 'PowerShell') };
  return parsed;
}
