import { createHash } from 'node:crypto';
import type { Collector, CollectorOutput } from '../collectors/types.js';

export interface SchedulerOptions {
  /** Seconds per collector name, overriding each collector's default. */
  intervals: Record<string, number>;
  /** Multiplies every interval (tests use 0.01 to cycle every few tens of ms). */
  scale: number;
  /** Unchanged inventory is still re-sent after this long. */
  inventoryResendMs: number;
  /** ± fraction of the interval, so a fleet started together does not report in lockstep. */
  jitter?: number;
  random?: () => number;
}

interface CollectorState {
  nextDueAt: number;
  lastHash?: string;
  lastSentAt?: number;
}

/** Stable across key order, so an unchanged inventory hashes the same every time. */
export function hashOutput(value: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  return createHash('sha256').update(JSON.stringify(canonical(value))).digest('hex');
}

/** Decides which collectors are due and whether an inventory is worth sending again. */
export class Scheduler {
  private readonly state = new Map<string, CollectorState>();
  private readonly random: () => number;
  private readonly jitter: number;

  constructor(
    private readonly collectors: readonly Collector[],
    private readonly options: SchedulerOptions,
    now: Date,
  ) {
    this.random = options.random ?? Math.random;
    this.jitter = options.jitter ?? 0.1;
    for (const c of collectors) this.state.set(c.name, { nextDueAt: now.getTime() });
  }

  intervalMs(collector: Collector): number {
    const seconds = this.options.intervals[collector.name] ?? collector.intervalSeconds;
    return seconds * 1000 * this.options.scale;
  }

  due(now: Date): Collector[] {
    return this.collectors.filter((c) => (this.state.get(c.name)?.nextDueAt ?? 0) <= now.getTime());
  }

  /** Epoch ms of the next time any collector is due. */
  nextDueAt(): number {
    return Math.min(...[...this.state.values()].map((s) => s.nextDueAt));
  }

  markRan(collector: Collector, now: Date): void {
    const state = this.state.get(collector.name);
    if (!state) return;
    const base = this.intervalMs(collector);
    const spread = base * this.jitter * (this.random() * 2 - 1);
    state.nextDueAt = now.getTime() + Math.max(1, base + spread);
  }

  /** Inventory goes out when it changed, or when it was last sent long enough ago. */
  inventoryWorthSending(collector: Collector, output: CollectorOutput, now: Date): { send: boolean; hash: string } {
    const hash = hashOutput(output.inventory ?? {});
    const state = this.state.get(collector.name);
    if (!state || state.lastHash !== hash || state.lastSentAt === undefined) return { send: true, hash };
    return { send: now.getTime() - state.lastSentAt >= this.options.inventoryResendMs * this.options.scale, hash };
  }

  markInventorySent(collector: Collector, hash: string, now: Date): void {
    const state = this.state.get(collector.name);
    if (!state) return;
    state.lastHash = hash;
    state.lastSentAt = now.getTime();
  }
}
