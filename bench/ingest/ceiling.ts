import { Store } from '../../collector/store/store.js';
import { ingestStats, type IngestStats } from '../../collector/store/stats.js';
import { WRITE_ORDER, type RowsByTable } from '../../collector/ingest/report-rows.js';

export interface CeilingResult {
  rows: number;
  inserts: number;
  seconds: number;
  /** This process's CPU seconds (all threads, the embedded engine's included) during the inserts. */
  cpuSeconds: number;
  stats: IngestStats;
}

/**
 * The ceiling: the same rows inserted into the same engine with nothing in front of it: no
 * HTTP, no gzip, no validation, no duplicate check. Table by table in the writer's order,
 * `batchRows` rows per insert, one insert at a time (the embedded engine runs one call at a time).
 */
export async function bareInsert(dataDir: string, database: string, rows: RowsByTable, batchRows: number): Promise<CeilingResult> {
  const store = await Store.open({ dataDir, database });
  try {
    let inserts = 0;
    let total = 0;
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (const table of WRITE_ORDER) {
      const all = rows[table];
      for (let i = 0; i < all.length; i += batchRows) {
        await store.insert(table, all.slice(i, i + batchRows));
        inserts++;
      }
      total += all.length;
    }
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const stats = await ingestStats(store);
    return { rows: total, inserts, seconds, cpuSeconds: (used.user + used.system) / 1e6, stats };
  } finally {
    await store.close();
  }
}
