import type { Migration } from './index.js';

/**
 * Control results per device, per as-of date. Each evaluation is a run; `score_runs` names the
 * active run of each date, so a re-evaluation (new catalogue, new thresholds) replaces it at once
 * and the day's snapshot stays reproducible.
 */
export const scoreTables: Migration = {
  version: 5,
  name: 'control results and score runs',
  statements: [
    `CREATE TABLE IF NOT EXISTS {db}.control_results (
      run_id String,
      as_of Date,
      device_id String,
      trust_id LowCardinality(String),
      site_id LowCardinality(String),
      kind LowCardinality(String),
      control_id LowCardinality(String),
      status LowCardinality(String),
      reason String,
      evidence String
    ) ENGINE = MergeTree
    PARTITION BY toYYYYMM(as_of)
    ORDER BY (as_of, run_id, trust_id, site_id, control_id, device_id)
    TTL as_of + INTERVAL 800 DAY`,
    `CREATE TABLE IF NOT EXISTS {db}.score_runs (
      as_of Date,
      run_id String,
      model_revision String,
      catalogue_revision String,
      devices UInt32,
      computed_at DateTime64(3, 'UTC')
    ) ENGINE = ReplacingMergeTree(computed_at) ORDER BY as_of`,
  ],
};
