import { describe, expect, it } from 'vitest';
import type { Collector, CollectorOutput } from '../../../agent/collectors/types.js';
import { Scheduler, hashOutput } from '../../../agent/cycle/scheduler.js';

const inv: Collector = { name: 'hardware', kind: 'inventory', intervalSeconds: 3600, collect: async () => ({}) };
const lat: Collector = { name: 'latency', kind: 'samples', intervalSeconds: 300, collect: async () => ({}) };
const t0 = new Date('2026-01-01T00:00:00Z');
const at = (seconds: number): Date => new Date(t0.getTime() + seconds * 1000);

describe('scheduler', () => {
  it('everything is due at start, then per interval (config overrides the default)', () => {
    const s = new Scheduler([inv, lat], { intervals: { latency: 60 }, scale: 1, inventoryResendMs: 86_400_000, jitter: 0 }, t0);
    expect(s.due(t0).map((c) => c.name)).toEqual(['hardware', 'latency']);
    s.markRan(inv, t0);
    s.markRan(lat, t0);
    expect(s.due(at(59))).toEqual([]);
    expect(s.due(at(60)).map((c) => c.name)).toEqual(['latency']);
    expect(s.due(at(3600)).map((c) => c.name)).toEqual(['hardware', 'latency']);
    expect(s.nextDueAt()).toBe(at(60).getTime());
  });

  it('jitter spreads the next run within ±10 %', () => {
    const low = new Scheduler([lat], { intervals: {}, scale: 1, inventoryResendMs: 1, random: () => 0 }, t0);
    const high = new Scheduler([lat], { intervals: {}, scale: 1, inventoryResendMs: 1, random: () => 0.999999 }, t0);
    low.markRan(lat, t0);
    high.markRan(lat, t0);
    expect(low.nextDueAt()).toBe(at(270).getTime());
    expect(Math.round((high.nextDueAt() - t0.getTime()) / 1000)).toBe(330);
  });

  it('scale shrinks intervals for tests', () => {
    const s = new Scheduler([lat], { intervals: {}, scale: 0.01, inventoryResendMs: 1, jitter: 0 }, t0);
    s.markRan(lat, t0);
    expect(s.nextDueAt() - t0.getTime()).toBe(3000);
  });

  it('inventory is sent when it changed or once the resend period has passed', () => {
    const s = new Scheduler([inv], { intervals: {}, scale: 1, inventoryResendMs: 86_400_000 }, t0);
    const a: CollectorOutput = { inventory: { hostname: 'a' } };
    const first = s.inventoryWorthSending(inv, a, t0);
    expect(first.send).toBe(true);
    s.markInventorySent(inv, first.hash, t0);
    expect(s.inventoryWorthSending(inv, a, at(3600)).send).toBe(false);
    expect(s.inventoryWorthSending(inv, { inventory: { hostname: 'b' } }, at(3600)).send).toBe(true);
    expect(s.inventoryWorthSending(inv, a, at(86_400)).send).toBe(true);
  });

  it('hashes ignore key order', () => {
    expect(hashOutput({ a: 1, b: { c: 2, d: 3 } })).toBe(hashOutput({ b: { d: 3, c: 2 }, a: 1 }));
  });
});
