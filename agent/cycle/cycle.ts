import type { Inventory, NetworkDevice, Report, Sample } from '../../protocol/index.js';
import type { Collector } from '../collectors/types.js';
import { buildReport } from './build-report.js';
import { type CollectContextBase, runCollectors } from './run-collectors.js';
import type { Scheduler } from './scheduler.js';

export interface CycleResult {
  report: Report;
  /** Call once the report is safely spooled: only then does unchanged inventory count as sent. */
  commit(): void;
}

/** Runs whichever collectors are due and turns their outputs into one report (undefined if none was due). */
export async function runCycle(options: {
  scheduler: Scheduler;
  base: CollectContextBase;
  deviceId: string;
  budgetMs: number;
  /** Run these regardless of schedule (`once`). */
  only?: readonly Collector[];
}): Promise<CycleResult | undefined> {
  const { scheduler, base } = options;
  const started = base.clock.now();
  const due = options.only ?? scheduler.due(started);
  if (due.length === 0) return undefined;
  const runs = await runCollectors(due, base, options.budgetMs);
  const finished = base.clock.now();
  const inventory: Inventory = {};
  const samples: Sample[] = [];
  const networkDevices: NetworkDevice[] = [];
  const sentInventory: Array<{ collector: Collector; hash: string }> = [];
  for (const run of runs) {
    scheduler.markRan(run.collector, finished);
    const output = run.output;
    if (!output) continue;
    if (output.samples) samples.push(...output.samples);
    if (output.network_devices) networkDevices.push(...output.network_devices);
    if (output.inventory && run.collector.kind === 'inventory') {
      const { send, hash } = scheduler.inventoryWorthSending(run.collector, output, finished);
      if (!send) continue;
      Object.assign(inventory, output.inventory);
      sentInventory.push({ collector: run.collector, hash });
    } else if (output.inventory) {
      Object.assign(inventory, output.inventory);
    }
  }
  const report = buildReport({
    deviceId: options.deviceId,
    collectedAt: started,
    inventory,
    samples,
    network_devices: networkDevices,
    collectors: runs.map((r) => r.status),
  });
  return {
    report,
    commit: () => {
      for (const { collector, hash } of sentInventory) scheduler.markInventorySent(collector, hash, finished);
    },
  };
}
