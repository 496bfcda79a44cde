import type { Migration } from './index.js';

/**
 * A device's page reads its results across 30 daily runs; results are ordered by date, run and
 * site, so without a skip index that read scans every device of each day.
 */
export const controlResultsDeviceIndex: Migration = {
  version: 9,
  name: 'device skip index on control results',
  statements: [`ALTER TABLE {db}.control_results ADD INDEX IF NOT EXISTS device_bloom device_id TYPE bloom_filter GRANULARITY 4`],
};
