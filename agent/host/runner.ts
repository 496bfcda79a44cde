import { spawn } from 'node:child_process';
import { killTreeOnWindows } from './kill-tree.js';

export interface CommandOptions {
  timeoutMs?: number;
  /** Per stream; output beyond this is dropped and `truncated` set. */
  maxOutputBytes?: number;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

export interface CommandResult {
  stdout: string;
  stderr: string;
  /** Null when the process was killed by a signal or never started. */
  exitCode: number | null;
  timedOut: boolean;
  truncated: boolean;
  /** Set when the command could not be started at all (e.g. ENOENT: not installed). */
  spawnError?: string;
}

/** Every OS command the agent runs goes through this, so tests can inject canned output. */
export type CommandRunner = (command: string, args: readonly string[], options?: CommandOptions) => Promise<CommandResult>;

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_OUTPUT = 4 * 1024 * 1024;

// Parsers expect English output; a localised ping or apt would defeat them.
const C_LOCALE = { LC_ALL: 'C', LANG: 'C', LANGUAGE: 'C' };

export const runCommand: CommandRunner = (command, args, options = {}) => {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  const isWindows = process.platform === 'win32';
  return new Promise<CommandResult>((resolve) => {
    const out = new OutputBuffer(maxBytes);
    const err = new OutputBuffer(maxBytes);
    let timedOut = false;
    let settled = false;
    let exited: { code: number | null } | undefined;
    const child = spawn(command, [...args], {
      shell: false,
      windowsHide: true,
      // Own process group, so a timeout kills grandchildren too (`sh -c 'sleep 100'`); Windows has
      // no groups to signal, so there the tree is killed with taskkill.
      detached: !isWindows,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...C_LOCALE, ...options.env },
    });
    const finish = (result: Omit<CommandResult, 'stdout' | 'stderr' | 'truncated' | 'timedOut'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ stdout: out.text(), stderr: err.text(), truncated: out.truncated || err.truncated, timedOut, ...result });
    };
    const kill = (): void => {
      try {
        if (child.pid === undefined) child.kill('SIGKILL');
        else if (isWindows) killTreeOnWindows(child.pid, () => child.kill('SIGKILL'));
        else process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    // Only the hang guard (timeout or the caller's abort) stops reading early. Once the command has
    // exited, whatever still holds its pipes may be out of reach (a Windows grandchild whose parent is
    // gone), so the pipes are closed from this side and the answer is marked timed out: fail closed.
    const stopWaiting = (): void => {
      child.stdout?.destroy();
      child.stderr?.destroy();
      finish({ exitCode: exited?.code ?? null });
    };
    const onAbort = (): void => {
      timedOut = true;
      kill();
      if (exited) stopWaiting();
    };
    const timer = setTimeout(onAbort, timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => finish({ exitCode: null, spawnError: error.message }));
    // The answer is complete at 'close' (every pipe read to its end), not at 'exit': the exit can be
    // handled before the last output is read, and a grandchild may still be writing. Stopping on a
    // short timer after 'exit' made the same probe answer "unknown" on a busy machine and a value
    // on an idle one. No timer here: 'close' comes when the output is all read, however slowly.
    child.on('exit', (code) => {
      exited = { code };
      if (timedOut) stopWaiting();
    });
    child.on('close', (code) => finish({ exitCode: code }));
  });
};

class OutputBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  truncated = false;
  constructor(private readonly max: number) {}
  push(chunk: Buffer): void {
    const room = this.max - this.size;
    if (room <= 0) {
      this.truncated = true;
      return;
    }
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (part.length < chunk.length) this.truncated = true;
    this.chunks.push(part);
    this.size += part.length;
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
