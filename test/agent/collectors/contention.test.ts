import { type ChildProcess, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCollectors } from '../../../agent/collectors/registry.js';
import type { Collector, CollectorOutput } from '../../../agent/collectors/types.js';
import { runCommand } from '../../../agent/host/runner.js';
import { findUnknowns, testContextBase } from '../../helpers/agent.js';

/**
 * A probe's answer must not depend on how busy the machine is (issue 14: disk encryption came back
 * unknown under load because the runner stopped reading 250 ms after a command exited). Each real
 * collector runs here 20 times while two busy-loop processes per core compete for the CPU, and must
 * give the answer it gave on the idle machine every time. Nothing is timed: deadlines are generous
 * hang guards, and only the answers are compared.
 */
const REPETITIONS = 20;
const COLLECTORS = ['os', 'hardware', 'security', 'patches', 'wifi', 'latency'];
// Latency to loopback only (network safety); its measured times vary by nature, its shape must not.
const context = () => ({
  ...testContextBase({ latency: { targets: [{ host: '127.0.0.1' }], count: 2, timeout_ms: 1000 } }),
  signal: new AbortController().signal,
  deadline: Date.now() + 600_000,
});

/** The answer without what legitimately changes from run to run: sample times and measured round trips. */
function answer(name: string, output: CollectorOutput): unknown {
  return JSON.parse(JSON.stringify(output), (key: string, value: unknown) => {
    if (key === 'ts') return undefined;
    if (name === 'latency' && /^(rtt_\w+_ms|jitter_ms)$/.test(key)) return typeof value;
    return value;
  });
}

const collectors = new Map<string, Collector>(defaultCollectors().map((c) => [c.name, c]));
const idle = new Map<string, unknown>();
const busyLoops: ChildProcess[] = [];

beforeAll(async () => {
  // The answer on the idle machine, first: every answer under load must equal it.
  await Promise.all(COLLECTORS.map(async (name) => idle.set(name, answer(name, await collectors.get(name)!.collect(context())))));
  for (let i = 0; i < 2 * availableParallelism(); i++) {
    busyLoops.push(spawn('sh', ['-c', 'while :; do :; done'], { stdio: 'ignore' }));
  }
}, 600_000);

afterAll(() => {
  for (const loop of busyLoops) loop.kill('SIGKILL');
});

// The collectors run at the same time, like the agent's own cycle; five repetitions of each at once.
describe.concurrent(`every collector under CPU contention (2 busy loops per core), ${REPETITIONS} times`, () => {
  it.each(COLLECTORS)('%s gives the same answer every time, and the one it gave at idle', async (name) => {
    const collector = collectors.get(name);
    expect(collector, `collector ${name} is registered`).toBeDefined();
    const limit = pLimit(5);
    const answers = await Promise.all(Array.from({ length: REPETITIONS }, () => limit(async () => answer(name, await collector!.collect(context())))));
    for (const [i, each] of answers.entries()) expect(each, `repetition ${i + 1}`).toEqual(idle.get(name));
    if (name === 'latency') {
      expect(findUnknowns(answers[0]), 'latency to loopback has no unknowns').toEqual([]);
      expect(answers[0]).toMatchObject({ samples: [{ target: '127.0.0.1', sent: 2, received: 2, loss_pct: 0 }] });
    }
    // The contention lasted the whole run: every busy loop is still spinning.
    expect(busyLoops.filter((loop) => loop.exitCode !== null || loop.signalCode !== null)).toEqual([]);
  }, 600_000);

  // The runner itself, where the fault was: output written just before the exit, or by a child after it,
  // is read whole however late this process gets to read it.
  it('the command runner reads every byte, every time', async () => {
    const limit = pLimit(5);
    const runs = await Promise.all(
      Array.from({ length: REPETITIONS }, () =>
        limit(async () => [
          await runCommand('sh', ['-c', 'head -c 2000000 /dev/zero | tr "\\000" a; exit 3']),
          await runCommand('sh', ['-c', 'echo start; (sleep 0.3; echo end) & exit 0']),
        ]),
      ),
    );
    for (const [big, late] of runs) {
      expect({ length: big!.stdout.length, exitCode: big!.exitCode, timedOut: big!.timedOut }).toEqual({ length: 2_000_000, exitCode: 3, timedOut: false });
      expect(late).toMatchObject({ stdout: 'start\nend\n', exitCode: 0, timedOut: false });
    }
  }, 600_000);
});
