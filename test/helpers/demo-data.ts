import { loadFleet, type LoadResult } from '../../demo/load-fleet.js';
import type { RunningCollector } from '../../collector/service.js';
import { adminFor, startTestCollector } from './collector.js';
import { tempDir } from './temp.js';

export interface DemoData {
  collector: RunningCollector;
  /** The date the fleet was loaded up to and scored as of (UTC, YYYY-MM-DD). */
  asOf: string;
  /** The dates with a score snapshot, oldest first. */
  snapshots: string[];
  loaded: LoadResult;
  close(): Promise<void>;
}

/**
 * The demo's simulated fleet, at a test's size, in a collector of its own: loaded through the
 * public HTTP API exactly as `npm start` loads it, then scored for every day of its history.
 */
export async function startDemoData(options: { devices?: number; days?: number; seed?: number } = {}): Promise<DemoData> {
  const dir = tempDir('demo-data');
  const collector = await startTestCollector(dir.path);
  try {
    const days = options.days ?? 7;
    const now = new Date();
    const loaded = await loadFleet(collector.url, collector.adminToken, { seed: options.seed ?? 1, devices: options.devices ?? 160, days, now }, 32);
    const snapshots = await adminFor(collector.url, dir.path).backfillScores(days);
    return {
      collector,
      asOf: collector.scoring.today(),
      snapshots,
      loaded,
      close: async () => {
        await collector.close();
        dir.remove();
      },
    };
  } catch (error) {
    await collector.close();
    dir.remove();
    throw error;
  }
}
