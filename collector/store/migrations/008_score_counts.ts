import type { Migration } from './index.js';

/**
 * Per-site, per-control counts of each score run, aggregated once when the run is made, so a
 * trust score or a site league reads a few thousand rows instead of every device's results.
 * The row with control_id '' carries the site's device count.
 */
export const scoreCounts: Migration = {
  version: 8,
  name: 'score counts per run, site and control',
  statements: [
    `CREATE TABLE IF NOT EXISTS {db}.score_counts (
      run_id String,
      as_of Date,
      trust_id LowCardinality(String),
      site_id LowCardinality(String),
      control_id LowCardinality(String),
      pass UInt32,
      fail UInt32,
      unknown UInt32
    ) ENGINE = MergeTree
    PARTITION BY toYYYYMM(as_of)
    ORDER BY (as_of, run_id, trust_id, site_id, control_id)
    TTL as_of + INTERVAL 800 DAY`,
  ],
};
