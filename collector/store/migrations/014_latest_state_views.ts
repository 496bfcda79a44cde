import type { Migration } from './index.js';

/**
 * Latest-state tables are fed by their history tables: each history insert also fills the latest
 * table through a materialised view, in the same call. The writer used to insert the same rows
 * into both; one call fewer per table pair per group commit (inserts are most of a commit's time,
 * docs/benchmarks.md). The views name their columns: a column added to a pair later needs the
 * view recreated in the same migration.
 */
const INVENTORY_COLUMNS = 'device_id, trust_id, site_id, section, collected_at, report_id, body';

export const latestStateViews: Migration = {
  version: 14,
  name: 'latest-state tables fed by their history',
  statements: [
    `CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.inventory_sections_from_history TO {db}.inventory_sections
     AS SELECT ${INVENTORY_COLUMNS} FROM {db}.inventory_history`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.network_devices_from_history TO {db}.network_devices
     AS SELECT * FROM {db}.network_device_history`,
  ],
};
