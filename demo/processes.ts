import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root: demo/ and dist/ both sit directly under it. */
const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * How to start one of our programs: the built bundle when the demo itself runs from dist/,
 * else the TypeScript source through tsx (tests run from source).
 */
export function programCommand(name: 'agent' | 'collector'): { command: string; args: string[] } {
  const bundle = `${root}/dist/sf-${name}.mjs`;
  if (import.meta.url.includes('/dist/') && existsSync(bundle)) return { command: process.execPath, args: [bundle] };
  const source = name === 'agent' ? `${root}/agent/cli.ts` : `${root}/collector/main.ts`;
  return { command: process.execPath, args: ['--import', 'tsx', source] };
}

export function startProgram(name: 'agent' | 'collector', args: string[], logFile?: NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const { command, args: base } = programCommand(name);
  const child = spawn(command, [...base, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env });
  if (logFile) {
    child.stdout?.pipe(logFile, { end: false });
    child.stderr?.pipe(logFile, { end: false });
  }
  return child;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function stopProgram(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
