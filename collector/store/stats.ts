import type { Store } from './store.js';

export interface IngestStats {
  devices: number;
  reports: number;
  latency_samples: number;
  wifi_samples: number;
  inventory_sections: number;
  network_polls: number;
  reports_by_site: Record<string, number>;
}

/** Row counts, each report counted once (FINAL collapses rows written twice). */
export async function ingestStats(store: Store): Promise<IngestStats> {
  const [row] = await store.query<Omit<IngestStats, 'reports_by_site'>>(
    `SELECT
      (SELECT count() FROM {db}.devices FINAL) AS devices,
      (SELECT count() FROM {db}.reports FINAL) AS reports,
      (SELECT count() FROM {db}.latency_samples FINAL) AS latency_samples,
      (SELECT count() FROM {db}.wifi_samples FINAL) AS wifi_samples,
      (SELECT count() FROM {db}.inventory_sections FINAL) AS inventory_sections,
      (SELECT count() FROM {db}.network_polls FINAL) AS network_polls`,
  );
  const bySite = await store.query<{ site_id: string; reports: number }>(
    `SELECT site_id, count() AS reports FROM {db}.reports FINAL GROUP BY site_id ORDER BY site_id`,
  );
  return { ...row!, reports_by_site: Object.fromEntries(bySite.map((r) => [r.site_id, Number(r.reports)])) };
}
