import { z } from 'zod';
import { type CollectorStatus, Inventory, NetworkDevice, Sample, describeIssues, formatProblems } from '../../protocol/index.js';
import { errorMessage } from '../log.js';
import type { CollectContext, Collector, CollectorOutput } from '../collectors/types.js';

export interface CollectorRun {
  collector: Collector;
  status: CollectorStatus;
  /** Present when the collector returned valid output (possibly with a partial problem). */
  output?: CollectorOutput;
}

export type CollectContextBase = Omit<CollectContext, 'signal' | 'deadline'> & { signal?: AbortSignal };

const SampleList = z.array(Sample);
const NetworkDeviceList = z.array(NetworkDevice);

class CollectorTimeout extends Error {}

/** Checks output against the wire contract here, so a collector bug fails that collector, not the report. */
export function validateOutput(output: CollectorOutput): string | undefined {
  if (output.inventory !== undefined) {
    const parsed = Inventory.safeParse(output.inventory);
    if (!parsed.success) return `invalid inventory: ${formatProblems(describeIssues(parsed.error, 5))}`;
  }
  if (output.samples !== undefined) {
    const parsed = SampleList.safeParse(output.samples);
    if (!parsed.success) return `invalid samples: ${formatProblems(describeIssues(parsed.error, 5))}`;
  }
  if (output.network_devices !== undefined) {
    const parsed = NetworkDeviceList.safeParse(output.network_devices);
    if (!parsed.success) return `invalid network_devices: ${formatProblems(describeIssues(parsed.error, 5))}`;
  }
  return undefined;
}

/** Runs collectors side by side, each within its own wall-clock budget; one failing never stops the others. */
export async function runCollectors(collectors: readonly Collector[], base: CollectContextBase, budgetMs: number): Promise<CollectorRun[]> {
  return Promise.all(collectors.map((collector) => runOne(collector, base, budgetMs)));
}

async function runOne(collector: Collector, base: CollectContextBase, budgetMs: number): Promise<CollectorRun> {
  const started = performance.now();
  const controller = new AbortController();
  const onOuterAbort = (): void => controller.abort(base.signal?.reason);
  base.signal?.addEventListener('abort', onOuterAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new CollectorTimeout());
      reject(new CollectorTimeout(`timed out after ${budgetMs} ms`));
    }, budgetMs);
  });
  const ctx: CollectContext = { ...base, signal: controller.signal, deadline: Date.now() + budgetMs };
  const status = (ok: boolean, error?: string): CollectorStatus => ({
    collector: collector.name,
    ok,
    duration_ms: Math.round((performance.now() - started) * 10) / 10,
    ...(error ? { error: error.slice(0, 1000) } : {}),
  });
  try {
    // The collector may ignore the signal; the race still returns on time and its result is dropped.
    const output = await Promise.race([collector.collect(ctx), timeout]);
    const invalid = validateOutput(output);
    if (invalid) {
      base.log.error('collector produced invalid output', { collector: collector.name, error: invalid });
      return { collector, status: status(false, invalid) };
    }
    return { collector, status: status(output.problem === undefined, output.problem), output };
  } catch (error) {
    // A collector that gives up as soon as its signal aborts rejects before the timeout does: name the cause.
    const timedOut = controller.signal.reason instanceof CollectorTimeout;
    const message = timedOut ? `timed out after ${budgetMs} ms` : errorMessage(error) || 'failed without a message';
    base.log.warn('collector failed', { collector: collector.name, error: message });
    return { collector, status: status(false, message) };
  } finally {
    clearTimeout(timer);
    base.signal?.removeEventListener('abort', onOuterAbort);
  }
}
