import type { CollectContext, Collector, CollectorOutput } from '../collectors/types.js';
import type { Logger } from '../log.js';
import { WorkerBatch } from './batch.js';
import type { WorkerCommand } from './self-command.js';

export interface InventoryWorkerOptions {
  /** How to start the worker; `selfWorkerCommand()` in the agent, a test entry in tests. */
  command: WorkerCommand;
  log: Logger;
  /** After the agent gives up on a worker: time from SIGTERM to SIGKILL (default 2 s). */
  killGraceMs?: number;
}

/**
 * Starts one short-lived worker process per inventory cycle. runCollectors starts every due
 * collector in the same tick, so requests made before the next turn of the event loop share
 * one worker; a collector due later gets a new one.
 */
export class InventoryWorker {
  private pending: WorkerBatch | undefined;

  constructor(private readonly options: InventoryWorkerOptions) {}

  collect(name: string, ctx: CollectContext): Promise<CollectorOutput> {
    let batch = this.pending;
    if (!batch) {
      const fresh = new WorkerBatch(ctx, this.options.log, this.options.killGraceMs ?? 2000);
      this.pending = fresh;
      setImmediate(() => {
        this.pending = undefined;
        fresh.start(this.options.command);
      });
      batch = fresh;
    }
    return batch.add(name, ctx);
  }
}

/**
 * The long-running agent's collectors: every `inventory` collector is replaced by a stand-in with
 * the same name, kind and interval whose work is done in the worker (which builds the same
 * registry and runs the real one); `samples` collectors stay in the agent, where they keep state
 * between runs (SNMP counters) and run every few minutes.
 *
 * Why: the inventory collectors load systeminformation, run the package manager and parse large
 * outputs. Done in the agent, that work leaves its heap, compiled code and libraries resident for
 * the life of the service (about 9 MB of idle RSS measured); done in a process that exits, it is
 * all returned to the system. The cost is a Node start per inventory cycle (hourly by default).
 */
export function isolateInventory(collectors: readonly Collector[], options: InventoryWorkerOptions): Collector[] {
  const worker = new InventoryWorker(options);
  return collectors.map((c) =>
    c.kind === 'inventory'
      ? { name: c.name, kind: c.kind, intervalSeconds: c.intervalSeconds, collect: (ctx: CollectContext) => worker.collect(c.name, ctx) }
      : c,
  );
}
