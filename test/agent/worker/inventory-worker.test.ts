import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Inventory, Report } from '../../../protocol/index.js';
import { defaultCollectors } from '../../../agent/collectors/registry.js';
import type { Collector } from '../../../agent/collectors/types.js';
import { runCycle } from '../../../agent/cycle/cycle.js';
import { runCollectors } from '../../../agent/cycle/run-collectors.js';
import { Scheduler } from '../../../agent/cycle/scheduler.js';
import { createLogger } from '../../../agent/log.js';
import { isolateInventory } from '../../../agent/worker/isolate.js';
import { type WorkerCommand, isSingleExecutable, selfWorkerCommand } from '../../../agent/worker/self-command.js';
import { tempDir } from '../../helpers/temp.js';
import { testContextBase } from '../../helpers/agent.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
/** The real hidden command of the CLI, from source, as `sf-agent run` starts it under tsx. */
const REAL_WORKER: WorkerCommand = { command: process.execPath, args: ['--import', 'tsx', path.join(ROOT, 'agent/cli.ts'), 'inventory-worker'] };
/** The real worker main with misbehaving stand-in collectors (test/agent/worker/worker-entry.ts). */
const TEST_WORKER: WorkerCommand = { command: process.execPath, args: ['--import', 'tsx', path.join(ROOT, 'test/agent/worker/worker-entry.ts')] };

/** Stand-ins for the collectors worker-entry.ts knows: the agent only needs their names and kinds. */
const named = (...names: string[]): Collector[] =>
  names.map((name) => ({ name, kind: 'inventory', intervalSeconds: 60, collect: () => Promise.reject(new Error('ran in the agent, not the worker')) }));

/** A logger that keeps its lines, to see which worker processes were started. */
function recordingLog() {
  const lines: Array<Record<string, unknown>> = [];
  const log = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  const workers = () => lines.filter((l) => l.msg === 'inventory worker started') as Array<{ pid: number; collectors: string[] }>;
  return { log, lines, workers };
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function gone(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
}

async function waitUntil<T>(probe: () => T | undefined, withinMs: number): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing after ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const statusesOf = (runs: Awaited<ReturnType<typeof runCollectors>>) => Object.fromEntries(runs.map((r) => [r.status.collector, r.status]));

describe('inventory collectors in a short-lived worker process', () => {
  it('runs the real inventory collectors of this machine in one worker, with valid output', async () => {
    const { log, workers } = recordingLog();
    const isolated = isolateInventory(defaultCollectors(), { command: REAL_WORKER, log });
    // Sample collectors stay in the agent, untouched.
    expect(isolated.filter((c) => c.kind === 'samples')).toEqual(defaultCollectors().filter((c) => c.kind === 'samples').map((c) => expect.objectContaining({ name: c.name })));
    const inventoryCollectors = isolated.filter((c) => c.kind === 'inventory');
    expect(inventoryCollectors.map((c) => c.name)).toEqual(['hardware', 'os', 'patches', 'security']);
    const runs = await runCollectors(inventoryCollectors, { ...testContextBase(), log }, 60_000);
    for (const run of runs) {
      expect(run.output, `${run.status.collector}: ${run.status.error}`).toBeDefined();
      expect(Inventory.safeParse(run.output?.inventory).success).toBe(true);
    }
    expect(runs.find((r) => r.status.collector === 'os')?.output?.inventory?.os?.family).toBe('linux');
    expect(workers()).toHaveLength(1);
    expect(workers()[0]?.collectors).toEqual(['hardware', 'os', 'patches', 'security']);
    expect(await gone(workers()[0]!.pid, 5000)).toBe(true);
  });

  it('reports each failure on its own collector: throw, hang, invalid output, and protocol breakers', async () => {
    const { log, workers } = recordingLog();
    const isolated = isolateInventory(named('fine', 'partial', 'slow', 'throws', 'hangs', 'invalid', 'garbage', 'lies'), { command: TEST_WORKER, log });
    const started = Date.now();
    const runs = await runCollectors(isolated, { ...testContextBase(), log }, 6000);
    expect(Date.now() - started).toBeLessThan(6500);
    const s = statusesOf(runs);
    expect(s.fine).toMatchObject({ ok: true });
    expect(s.slow).toMatchObject({ ok: true });
    expect(s.partial).toMatchObject({ ok: false, error: 'one probe failed' });
    expect(runs.find((r) => r.status.collector === 'partial')?.output?.inventory?.os).toBeDefined();
    expect(s.throws).toMatchObject({ ok: false, error: 'probe exploded' });
    // Timed out by the worker itself, a little before the agent's own budget.
    expect(s.hangs?.error).toMatch(/^timed out after \d+ ms$/);
    expect(s.invalid?.error).toMatch(/^invalid inventory: hardware/);
    expect(s.garbage?.error).toMatch(/^the inventory worker sent an invalid result/);
    // A well-formed message with invalid content is caught by the agent's own validation.
    expect(s.lies?.error).toMatch(/^invalid inventory: os\.family/);
    expect(workers()).toHaveLength(1);
    expect(await gone(workers()[0]!.pid, 5000)).toBe(true);
  });

  it('a worker that crashes fails the collectors it had not answered yet, not the ones it had', async () => {
    const { log } = recordingLog();
    const runs = await runCollectors(isolateInventory(named('fine', 'crashes'), { command: TEST_WORKER, log }), { ...testContextBase(), log }, 20_000);
    const s = statusesOf(runs);
    expect(s.fine).toMatchObject({ ok: true });
    expect(s.crashes).toMatchObject({ ok: false, error: 'the inventory worker exited with code 3 before reporting this collector' });
    const killed = statusesOf(await runCollectors(isolateInventory(named('killed'), { command: TEST_WORKER, log }), { ...testContextBase(), log }, 20_000));
    expect(killed.killed).toMatchObject({ ok: false, error: 'the inventory worker was killed by SIGKILL before reporting this collector' });
  });

  it('a worker that cannot answer at all is killed on the budget and reported, without stopping the others', async () => {
    const { log, workers } = recordingLog();
    const slowSample: Collector = {
      name: 'sample',
      kind: 'samples',
      intervalSeconds: 60,
      collect: async () => ({ samples: [] }),
    };
    const isolated = isolateInventory([...named('spins'), slowSample], { command: TEST_WORKER, log, killGraceMs: 300 });
    const started = Date.now();
    const s = statusesOf(await runCollectors(isolated, { ...testContextBase(), log }, 4000));
    expect(Date.now() - started).toBeLessThan(4500);
    expect(s.spins).toMatchObject({ ok: false, error: 'timed out after 4000 ms' });
    expect(s.sample).toMatchObject({ ok: true });
    // It ignores SIGTERM while spinning; SIGKILL follows after the grace.
    expect(await gone(workers()[0]!.pid, 3000)).toBe(true);
  });

  it('a worker that cannot be started fails its collectors with the reason', async () => {
    const { log } = recordingLog();
    const command = { command: path.join(ROOT, 'no-such-program'), args: [] };
    const s = statusesOf(await runCollectors(isolateInventory(named('fine', 'slow'), { command, log }), { ...testContextBase(), log }, 5000));
    expect(s.fine?.error).toMatch(/^cannot start the inventory worker: spawn .*no-such-program ENOENT/);
    expect(s.slow?.ok).toBe(false);
  });

  it('stopping the agent stops its worker', async () => {
    const { log, workers } = recordingLog();
    const controller = new AbortController();
    const isolated = isolateInventory(named('hangs'), { command: TEST_WORKER, log });
    const running = runCollectors(isolated, { ...testContextBase(), log, signal: controller.signal }, 60_000);
    while (workers().length === 0) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 1500));
    controller.abort();
    const s = statusesOf(await running);
    expect(s.hangs?.ok).toBe(false);
    expect(await gone(workers()[0]!.pid, 3000)).toBe(true);
  });

  it('a worker given up on stops the commands its collectors were running', async () => {
    const { log, workers } = recordingLog();
    const dir = tempDir('worker-command');
    const pidFile = path.join(dir.path, 'pids');
    process.env.SF_TEST_PIDFILE = pidFile; // the worker, and the command it runs, inherit it
    const controller = new AbortController();
    const running = runCollectors(isolateInventory(named('runs-command'), { command: TEST_WORKER, log }), { ...testContextBase(), log, signal: controller.signal }, 60_000);
    const commandPid = await waitUntil(() => (existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) || undefined : undefined), 10_000);
    expect(alive(commandPid)).toBe(true);
    controller.abort();
    expect(statusesOf(await running)['runs-command']?.ok).toBe(false);
    expect(await gone(commandPid, 3000)).toBe(true);
    expect(await gone(workers()[0]!.pid, 3000)).toBe(true);
    delete process.env.SF_TEST_PIDFILE;
    dir.remove();
  });

  it('inside a cycle: the report validates and lists which inventory collectors failed', async () => {
    const { log } = recordingLog();
    const collectors = isolateInventory(named('fine', 'throws', 'invalid'), { command: TEST_WORKER, log });
    const scheduler = new Scheduler(collectors, { intervals: {}, scale: 1, inventoryResendMs: 1000 }, new Date());
    const cycle = await runCycle({ scheduler, base: { ...testContextBase(), log }, deviceId: 'dev_test0001', budgetMs: 20_000 });
    const report = Report.parse(cycle?.report);
    expect(report.inventory?.os?.name).toBe('Test');
    expect(report.collectors?.filter((c) => !c.ok).map((c) => c.collector).sort()).toEqual(['invalid', 'throws']);
  });
});

describe('how the agent starts its worker: itself, again', () => {
  it('the bundle or the source re-run their script with the same Node flags', () => {
    const env = { execPath: '/usr/bin/node', execArgv: ['--import', 'tsx'], argv: ['/usr/bin/node', '/opt/sf-agent/sf-agent.mjs', 'run'], sea: false };
    expect(selfWorkerCommand(env)).toEqual({ command: '/usr/bin/node', args: ['--import', 'tsx', '/opt/sf-agent/sf-agent.mjs', 'inventory-worker'] });
  });

  it('the single executable runs itself: its argv[1] is only the name it was called by', () => {
    const env = { execPath: '/opt/sf-agent/sf-agent-linux-x64', execArgv: [], argv: ['/opt/sf-agent/sf-agent-linux-x64', 'sf-agent', 'run'], sea: true };
    expect(selfWorkerCommand(env)).toEqual({ command: '/opt/sf-agent/sf-agent-linux-x64', args: ['inventory-worker'] });
  });

  it('this test process is not a single executable', () => {
    expect(isSingleExecutable()).toBe(false);
  });
});
