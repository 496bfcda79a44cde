import type { Migration } from './index.js';

/**
 * Every poll's device state, not only the latest: scores as of a past date see network gear as it
 * was polled by then (as `inventory_history` does for endpoints), so a trend does not jump on the
 * day gear was first scored. Seeded from the latest state kept so far.
 */
export const networkDeviceHistory: Migration = {
  version: 10,
  name: 'network device history',
  statements: [
    `CREATE TABLE IF NOT EXISTS {db}.network_device_history AS {db}.network_devices
     ENGINE = ReplacingMergeTree
     PARTITION BY toYYYYMM(polled_at)
     ORDER BY (site_id, target, polled_at)
     TTL toDateTime(polled_at) + INTERVAL 800 DAY`,
    `INSERT INTO {db}.network_device_history SELECT * FROM {db}.network_devices FINAL`,
  ],
};
