import type { Store } from './store.js';

export interface IngestStats {
  devices: number;
  reports: number;
  latency_samples: number;
  wifi_samples: number;
  inventory_sections: number;
  network_polls: number;
}

/** Row counts, each report counted once (FINAL collapses rows written twice). */
export async function ingestStats(store: Store): Promise<IngestStats> {
  const [row] = await store.query<Record<keyof IngestStats, number>>(
    `SELECT
      (SELECT count() FROM {db}.devices FINAL) AS devices,
      (SELECT count() FROM {db}.reports FINAL) AS reports,
      (SELECT count() FROM {db}.latency_samples FINAL) AS latency_samples,
      (SELECT count() FROM {db}.wifi_samples FINAL) AS wifi_samples,
      (SELECT count() FROM {db}.inventory_sections FINAL) AS inventory_sections,
      (SELECT count() FROM {db}.network_polls FINAL) AS network_polls`,
  );
  return row!;
}
