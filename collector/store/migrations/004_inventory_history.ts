import type { Migration } from './index.js';

/**
 * Every inventory section as received, so facts — and scores — can be computed as of any past
 * date. Agents send a section when it changes and at least daily; consecutive bodies of one
 * device sit side by side in this sort order and compress to almost nothing.
 */
export const inventoryHistory: Migration = {
  version: 4,
  name: 'inventory history',
  statements: [
    `CREATE TABLE IF NOT EXISTS {db}.inventory_history (
      device_id String,
      trust_id LowCardinality(String),
      site_id LowCardinality(String),
      section LowCardinality(String),
      collected_at DateTime64(3, 'UTC'),
      report_id UUID,
      body String CODEC(ZSTD(3))
    ) ENGINE = ReplacingMergeTree
    PARTITION BY toYYYYMM(collected_at)
    ORDER BY (device_id, section, collected_at, report_id)
    TTL toDateTime(collected_at) + INTERVAL 400 DAY`,
  ],
};
