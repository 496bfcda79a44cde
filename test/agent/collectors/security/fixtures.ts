import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type FileReader, filesFrom } from '../../../../agent/host/files.js';
import type { CommandResult, CommandRunner } from '../../../../agent/host/runner.js';
import { FIXTURES } from '../../../helpers/agent.js';

/** A canned command answer; `stdoutFile` names a file beside case.json holding stdout. */
interface CannedCommand {
  stdout?: string;
  stdoutFile?: string;
  stderr?: string;
  exitCode?: number | null;
  spawnError?: string;
  timedOut?: boolean;
}

/**
 * One fixture case: what each command prints and which files exist on the imagined machine.
 * Commands are keyed "command arg1 arg2"; powershell.exe by its name alone (its argument is
 * the base64 script). A command missing from the case is "not installed" (spawn ENOENT).
 */
export interface SecurityCase {
  description: string;
  platform: NodeJS.Platform;
  commands: Record<string, CannedCommand>;
  files?: Record<string, string | { bytes: number[] } | { file: string }>;
  modified?: Record<string, string>;
}

export function caseDir(name: string): string {
  return path.join(FIXTURES, 'security', name);
}

export function loadCase(name: string): SecurityCase {
  return JSON.parse(readFileSync(path.join(caseDir(name), 'case.json'), 'utf8')) as SecurityCase;
}

export function hasCase(name: string): boolean {
  return existsSync(path.join(caseDir(name), 'case.json'));
}

/** A runner that answers from the case and records every call, so tests can assert what ran. */
export function cannedRunner(name: string, spec: SecurityCase, calls: string[] = []): CommandRunner {
  return async (command, args) => {
    const key = [command, ...args].join(' ');
    calls.push(command === 'powershell.exe' ? command : key);
    const canned = spec.commands[key] ?? spec.commands[command];
    if (!canned) return { stdout: '', stderr: '', exitCode: null, timedOut: false, truncated: false, spawnError: `spawn ${command} ENOENT` };
    const stdout = canned.stdoutFile ? readFileSync(path.join(caseDir(name), canned.stdoutFile), 'utf8') : (canned.stdout ?? '');
    const result: CommandResult = {
      stdout,
      stderr: canned.stderr ?? '',
      exitCode: canned.exitCode === undefined ? 0 : canned.exitCode,
      timedOut: canned.timedOut ?? false,
      truncated: false,
    };
    if (canned.spawnError) result.spawnError = canned.spawnError;
    return result;
  };
}

export function cannedFiles(name: string, spec: SecurityCase): FileReader {
  const contents: Record<string, string | Uint8Array> = {};
  for (const [file, value] of Object.entries(spec.files ?? {})) {
    if (typeof value === 'string') contents[file] = value;
    else if ('bytes' in value) contents[file] = Uint8Array.from(value.bytes);
    else contents[file] = readFileSync(path.join(caseDir(name), value.file), 'utf8');
  }
  const modified = Object.fromEntries(Object.entries(spec.modified ?? {}).map(([file, at]) => [file, new Date(at)]));
  return filesFrom(contents, modified);
}
