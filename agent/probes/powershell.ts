import type { CommandOptions, CommandResult, CommandRunner } from './runner.js';

/**
 * Windows PowerShell helper shared by collectors (patches, security, wifi...).
 *
 * Why -EncodedCommand: a script passed with -Command goes through Windows command-line
 * quoting, where quotes, `$` and newlines in the script get mangled. Base64 of UTF-16LE is
 * what powershell.exe documents for exactly this, and it keeps the script readable in source.
 */

/** Prepended to every script: UTF-8 output (the default OEM code page garbles "für", "mise à jour"), stop on errors. */
const PRELUDE = [
  '$ProgressPreference = "SilentlyContinue"',
  '$ErrorActionPreference = "Stop"',
  '[Console]::OutputEncoding = [System.Text.Encoding]::UTF8',
].join('\n');

export const POWERSHELL_EXE = 'powershell.exe';

/** The arguments for powershell.exe that run `script` with no profile and no prompts. */
export function powerShellArgs(script: string): string[] {
  const encoded = Buffer.from(`${PRELUDE}\n${script}`, 'utf16le').toString('base64');
  return ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encoded];
}

/** Runs a PowerShell script through the injected runner (so tests can answer with fixtures). */
export function runPowerShell(run: CommandRunner, script: string, options?: CommandOptions): Promise<CommandResult> {
  return run(POWERSHELL_EXE, powerShellArgs(script), options);
}

export type PowerShellJson = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * Pure: the JSON document a script printed with ConvertTo-Json. Tolerates a UTF-8 BOM and
 * stray lines before the document (warnings some modules print on load).
 */
export function parsePowerShellJson(stdout: string): PowerShellJson {
  const text = stdout.replace(/^\uFEFF/, '').trim();
  if (text === '') return { ok: false, reason: 'PowerShell printed nothing' };
  const start = text.search(/^[[{]/m);
  if (start < 0) return { ok: false, reason: 'PowerShell printed no JSON document' };
  try {
    return { ok: true, value: JSON.parse(text.slice(start)) as unknown };
  } catch (error) {
    return { ok: false, reason: `PowerShell printed invalid JSON: ${(error as Error).message}`.slice(0, 300) };
  }
}

/** Why a PowerShell run gave no usable output, or undefined when it did. */
export function powerShellFailure(result: CommandResult): string | undefined {
  if (result.spawnError) return `cannot start PowerShell: ${result.spawnError}`.slice(0, 300);
  if (result.timedOut) return 'PowerShell did not finish in time';
  if (result.exitCode !== 0) {
    const detail = result.stderr.trim().split(/\r?\n/)[0] ?? '';
    return `PowerShell exited with ${result.exitCode ?? 'a signal'}${detail ? `: ${detail}` : ''}`.slice(0, 300);
  }
  return undefined;
}
