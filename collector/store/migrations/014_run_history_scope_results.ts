import type { Migration } from './index.js';

/**
 * Stored runs are immutable evidence. `score_run_history` keeps every run of every date with the
 * model and catalogue revisions it used and why it was made (`score_runs` stays the pointer to each
 * date's current run: the latest one). `scope_results` holds what a run scored for each trust and
 * site — overall, per control and per level gate — computed once, when the run is made, by the one
 * scoring function (collector/scoring/scores.ts); the API, the pages, the digest and Grafana read
 * these rows and never redo the arithmetic. TTLs here are the defaults; the retention configured at
 * start (collector/store/retention.ts) replaces them.
 */
export const runHistoryAndScopeResults: Migration = {
  version: 14,
  name: 'score run history and per-scope results',
  statements: [
    `CREATE TABLE IF NOT EXISTS {db}.score_run_history (
      as_of Date,
      run_id String,
      model_revision String,
      catalogue_revision String,
      devices UInt32,
      computed_at DateTime64(3, 'UTC'),
      reason LowCardinality(String)
    ) ENGINE = MergeTree
    PARTITION BY toYYYYMM(as_of)
    ORDER BY (as_of, computed_at, run_id)
    TTL as_of + INTERVAL 1066 DAY`,
    // Runs made before this table existed: their history starts with the run each date had.
    `INSERT INTO {db}.score_run_history (as_of, run_id, model_revision, catalogue_revision, devices, computed_at, reason)
     SELECT as_of, run_id, model_revision, catalogue_revision, devices, computed_at, 'recorded before run history'
     FROM {db}.score_runs FINAL
     WHERE run_id NOT IN (SELECT run_id FROM {db}.score_run_history)`,
    `CREATE TABLE IF NOT EXISTS {db}.scope_results (
      run_id String,
      as_of Date,
      trust_id LowCardinality(String),
      site_id LowCardinality(String),
      row_kind LowCardinality(String),
      item LowCardinality(String),
      position UInt16,
      score Nullable(Float64),
      infrastructure Nullable(Float64),
      cyber Nullable(Float64),
      level Nullable(UInt8),
      level_name String,
      band_level Nullable(UInt8),
      next_level Nullable(UInt8),
      next_level_name String,
      next_level_min_score Nullable(Float64),
      next_level_score_gap Nullable(Float64),
      coverage Nullable(Float64),
      low_confidence UInt8,
      devices UInt32,
      domain LowCardinality(String),
      weight Float64,
      pass UInt32,
      fail UInt32,
      unknown UInt32,
      pass_rate Nullable(Float64),
      points_lost Nullable(Float64),
      title String,
      controls Array(String),
      held UInt8,
      holds_down UInt8,
      fail_share Nullable(Float64),
      max_fail_share Nullable(Float64),
      devices_to_fix UInt32,
      reason String,
      source String
    ) ENGINE = MergeTree
    PARTITION BY toYYYYMM(as_of)
    ORDER BY (as_of, run_id, trust_id, site_id, row_kind, item)
    TTL as_of + INTERVAL 1066 DAY`,
  ],
};
