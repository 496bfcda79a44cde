import { describe, expect, it } from 'vitest';
import { runCommand } from '../../../agent/host/runner.js';

describe('command runner', () => {
  it('returns output and exit code', async () => {
    const result = await runCommand('sh', ['-c', 'echo out; echo err >&2; exit 3']);
    expect(result).toMatchObject({ stdout: 'out\n', stderr: 'err\n', exitCode: 3, timedOut: false, truncated: false });
  });

  it('passes arguments without a shell', async () => {
    const result = await runCommand('echo', ['$HOME', '; rm -rf /']);
    expect(result.stdout).toBe('$HOME ; rm -rf /\n');
  });

  it('kills a hung command, grandchildren included, at the timeout', async () => {
    const result = await runCommand('sh', ['-c', 'sleep 30; echo never'], { timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
  });

  // The answer is read at 'close', not on a short timer after 'exit': output that arrives after the
  // command itself has exited still counts, so a slow (busy) machine gives the same answer as an idle one.
  it('keeps output a grandchild writes after the command has exited', async () => {
    const result = await runCommand('sh', ['-c', 'echo start; (sleep 0.5; echo end) & exit 0']);
    expect(result).toMatchObject({ stdout: 'start\nend\n', exitCode: 0, timedOut: false, truncated: false });
  });

  it('reads every byte of a large output written just before the exit', async () => {
    const result = await runCommand('sh', ['-c', 'head -c 3000000 /dev/zero | tr "\\000" a; exit 4']);
    expect(result.stdout).toBe('a'.repeat(3_000_000));
    expect(result).toMatchObject({ exitCode: 4, timedOut: false, truncated: false });
  });

  it('a grandchild that never lets go of the pipes is ended by the hang guard, and the answer says timed out', async () => {
    // A guard of seconds, so that even a busy machine has run the shell to its exit before it fires.
    const result = await runCommand('sh', ['-c', 'echo start; sleep 30 & exit 0'], { timeoutMs: 3000 });
    expect(result).toMatchObject({ stdout: 'start\n', exitCode: 0, timedOut: true });
  });

  it('kills a plain hung child', async () => {
    const result = await runCommand('sleep', ['30'], { timeoutMs: 200 });
    expect(result.timedOut).toBe(true);
  });

  it('reports a command that does not exist', async () => {
    const result = await runCommand('definitely-not-a-command-sf', []);
    expect(result.spawnError).toMatch(/ENOENT/);
    expect(result.exitCode).toBeNull();
  });

  it('caps output size', async () => {
    const result = await runCommand('sh', ['-c', 'head -c 100000 /dev/zero'], { maxOutputBytes: 1000 });
    expect(result.stdout.length).toBe(1000);
    expect(result.truncated).toBe(true);
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await runCommand('sleep', ['30'], { signal: controller.signal, timeoutMs: 10_000 });
    expect(result.timedOut).toBe(true);
  });

  it('runs in the C locale so parsers see English', async () => {
    const result = await runCommand('sh', ['-c', 'echo $LC_ALL']);
    expect(result.stdout.trim()).toBe('C');
  });
});
