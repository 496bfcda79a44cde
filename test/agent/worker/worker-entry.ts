/**
 * An inventory worker for tests: the real worker main (agent/worker/main.ts) over the real IPC
 * channel, given stand-in collectors that misbehave the ways a real one could (hang, crash, spin,
 * return invalid data) or that break the protocol itself (garbage and lying messages).
 * Started as `node --import tsx test/agent/worker/worker-entry.ts`.
 */
import type { Collector, CollectorOutput } from '../../../agent/collectors/types.js';
import { runInventoryWorker } from '../../../agent/worker/main.js';

const os = { family: 'linux', name: 'Test', version: '1', build: { unknown: 'none' }, edition: { unknown: 'none' }, kernel: '6', arch: 'x64' } as const;

const inventory = (name: string, collect: Collector['collect']): Collector => ({ name, kind: 'inventory', intervalSeconds: 60, collect });
const forever = (): Promise<CollectorOutput> => new Promise(() => {});

const collectors: Collector[] = [
  inventory('fine', async () => ({ inventory: { os } })),
  inventory('partial', async () => ({ inventory: { os }, problem: 'one probe failed' })),
  inventory('slow', async () => {
    await new Promise((r) => setTimeout(r, 300));
    return { inventory: { os } };
  }),
  inventory('throws', async () => {
    throw new Error('probe exploded');
  }),
  // Ignores its abort signal, as a collector stuck in a library call would.
  inventory('hangs', forever),
  inventory('invalid', async () => ({ inventory: { hardware: { cpu: { model: 'x', cores: -1 } } } as never })),
  // Takes the whole worker down after the others had time to answer.
  inventory('crashes', async () => {
    await new Promise((r) => setTimeout(r, 500));
    process.exit(3);
  }),
  inventory('killed', async () => {
    await new Promise((r) => setTimeout(r, 500));
    process.kill(process.pid, 'SIGKILL');
    return forever();
  }),
  // A busy loop: the worker can answer nothing, not even SIGTERM.
  inventory('spins', async () => {
    await new Promise((r) => setTimeout(r, 100));
    for (;;);
  }),
  // A command that never ends, run the way real collectors run theirs (the runner, the collector's
  // signal); its pid goes to $SF_TEST_PIDFILE so the test can see it killed.
  inventory('runs-command', async (ctx) => {
    await ctx.run('sh', ['-c', 'echo $$ >> "$SF_TEST_PIDFILE"; exec sleep 300'], { signal: ctx.signal, timeoutMs: 600_000 });
    return { inventory: { os } };
  }),
  // Protocol breakers, bypassing the worker's own checks: the agent must catch these itself.
  inventory('garbage', async () => {
    process.send?.({ type: 'result', collector: 'garbage', output: { inventory: 'not an object' }, extra: true });
    return forever();
  }),
  inventory('lies', async () => {
    process.send?.({ type: 'result', collector: 'lies', output: { inventory: { os: { ...os, family: 'beos' } } } });
    return forever();
  }),
];

process.exit(await runInventoryWorker({ collectors }));
