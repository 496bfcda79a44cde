import { describe, expect, it } from 'vitest';
import { Report } from '../../../protocol/index.js';
import type { Collector } from '../../../agent/collectors/types.js';
import { runCycle } from '../../../agent/cycle/cycle.js';
import { runCollectors } from '../../../agent/cycle/run-collectors.js';
import { Scheduler } from '../../../agent/cycle/scheduler.js';
import { testContextBase } from '../../helpers/agent.js';

const good: Collector = {
  name: 'good',
  kind: 'samples',
  intervalSeconds: 60,
  collect: async (ctx) => ({
    samples: [{ kind: 'latency', ts: ctx.clock.now().toISOString(), target: '127.0.0.1', method: 'icmp', sent: 1, received: 1, loss_pct: 0, rtt_min_ms: 1, rtt_avg_ms: 1, rtt_max_ms: 1, jitter_ms: null }],
  }),
};
const throws: Collector = { name: 'throws', kind: 'inventory', intervalSeconds: 60, collect: async () => { throw new Error('boom'); } };
const hangs: Collector = { name: 'hangs', kind: 'inventory', intervalSeconds: 60, collect: () => new Promise(() => {}) };
const invalid: Collector = {
  name: 'invalid',
  kind: 'inventory',
  intervalSeconds: 60,
  // A bug: a negative core count must fail this collector, not the whole report.
  collect: async () => ({ inventory: { os: { family: 'linux', name: 'x', version: '1', build: '1', edition: '1', kernel: '1', arch: 'x', extra: 1 } as never, hardware: { cpu: { model: 'x', cores: -1 } } as never } }),
};

describe('running collectors', () => {
  it('a collector that throws, hangs or returns invalid data does not stop the others', async () => {
    const started = Date.now();
    const runs = await runCollectors([good, throws, hangs, invalid], testContextBase(), 300);
    expect(Date.now() - started).toBeLessThan(3000);
    const byName = Object.fromEntries(runs.map((r) => [r.status.collector, r.status]));
    expect(byName.good).toMatchObject({ ok: true });
    expect(byName.throws).toMatchObject({ ok: false, error: 'boom' });
    expect(byName.hangs).toMatchObject({ ok: false, error: 'timed out after 300 ms' });
    expect(byName.invalid?.ok).toBe(false);
    expect(byName.invalid?.error).toMatch(/^invalid inventory: hardware/);
    expect(runs.find((r) => r.status.collector === 'good')?.output?.samples).toHaveLength(1);
  });

  it('the report lists which collectors failed and still validates', async () => {
    const base = testContextBase();
    const collectors = [good, throws, hangs, invalid];
    const scheduler = new Scheduler(collectors, { intervals: {}, scale: 1, inventoryResendMs: 1000 }, new Date());
    const cycle = await runCycle({ scheduler, base, deviceId: 'dev_test0001', budgetMs: 200 });
    const report = cycle?.report;
    expect(Report.safeParse(report).success).toBe(true);
    expect(report?.samples).toHaveLength(1);
    expect(report?.inventory).toBeUndefined();
    expect(report?.collectors?.filter((c) => !c.ok).map((c) => c.collector).sort()).toEqual(['hangs', 'invalid', 'throws']);
    expect(report?.collectors?.every((c) => c.duration_ms >= 0)).toBe(true);
  });

  it('passes the abort signal so a collector can stop its work', async () => {
    let aborted = false;
    const polite: Collector = {
      name: 'polite',
      kind: 'samples',
      intervalSeconds: 60,
      collect: (ctx) => new Promise((resolve) => ctx.signal.addEventListener('abort', () => { aborted = true; resolve({}); })),
    };
    await runCollectors([polite], testContextBase(), 100);
    expect(aborted).toBe(true);
  });
});
