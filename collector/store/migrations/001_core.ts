import type { Migration } from './index.js';

/**
 * Core tables. Every table the report writer fills is a ReplacingMergeTree whose sorting key
 * holds the report id (or the latest-state key), so a report inserted twice — a retry after a
 * crash between two inserts — collapses to one row, and reads use FINAL to count it once.
 */
export const coreTables: Migration = {
  version: 1,
  name: 'core tables: trusts, sites, enrol secrets, devices, reports, inventory, samples',
  statements: [
    `CREATE TABLE IF NOT EXISTS {db}.trusts (
      trust_id String,
      name String,
      updated_at DateTime64(3, 'UTC')
    ) ENGINE = ReplacingMergeTree(updated_at) ORDER BY trust_id`,

    `CREATE TABLE IF NOT EXISTS {db}.sites (
      site_id String,
      trust_id String,
      name String,
      updated_at DateTime64(3, 'UTC')
    ) ENGINE = ReplacingMergeTree(updated_at) ORDER BY site_id`,

    `CREATE TABLE IF NOT EXISTS {db}.enroll_secrets (
      secret_hash String,
      site_id String,
      created_at DateTime64(3, 'UTC'),
      revoked UInt8,
      updated_at DateTime64(3, 'UTC')
    ) ENGINE = ReplacingMergeTree(updated_at) ORDER BY secret_hash`,

    `CREATE TABLE IF NOT EXISTS {db}.devices (
      device_id String,
      kind LowCardinality(String),
      trust_id LowCardinality(String),
      site_id LowCardinality(String),
      fingerprint String,
      hostname String,
      platform LowCardinality(String),
      agent_version LowCardinality(String),
      node_key_hash String,
      enrolled_at DateTime64(3, 'UTC'),
      revoked UInt8,
      updated_at DateTime64(3, 'UTC')
    ) ENGINE = ReplacingMergeTree(updated_at) ORDER BY device_id`,

    `CREATE TABLE IF NOT EXISTS {db}.reports (
      report_id UUID,
      device_id String,
      trust_id LowCardinality(String),
      site_id LowCardinality(String),
      agent_version LowCardinality(String),
      collected_at DateTime64(3, 'UTC'),
      received_at DateTime64(3, 'UTC'),
      body_bytes UInt32,
      sample_count UInt32,
      network_device_count UInt32,
      collectors String CODEC(ZSTD(3)),
      collectors_failed Array(LowCardinality(String)),
      INDEX report_id_bloom report_id TYPE bloom_filter GRANULARITY 4
    ) ENGINE = ReplacingMergeTree
    PARTITION BY toYYYYMM(collected_at)
    ORDER BY (site_id, device_id, collected_at, report_id)`,

    `CREATE TABLE IF NOT EXISTS {db}.inventory_sections (
      device_id String,
      trust_id LowCardinality(String),
      site_id LowCardinality(String),
      section LowCardinality(String),
      collected_at DateTime64(3, 'UTC'),
      report_id UUID,
      body String CODEC(ZSTD(3))
    ) ENGINE = ReplacingMergeTree(collected_at)
    ORDER BY (device_id, section)`,

    `CREATE TABLE IF NOT EXISTS {db}.latency_samples (
      trust_id LowCardinality(String),
      site_id LowCardinality(String),
      device_id String,
      ts DateTime64(3, 'UTC') CODEC(Delta, ZSTD(1)),
      target LowCardinality(String),
      label LowCardinality(String),
      method LowCardinality(String),
      sent UInt16,
      received UInt16,
      loss_pct Float32 CODEC(ZSTD(1)),
      rtt_min_ms Nullable(Float32),
      rtt_avg_ms Nullable(Float32),
      rtt_max_ms Nullable(Float32),
      jitter_ms Nullable(Float32),
      error String,
      report_id UUID,
      seq UInt32
    ) ENGINE = ReplacingMergeTree
    PARTITION BY toYYYYMM(ts)
    ORDER BY (site_id, device_id, target, ts, report_id, seq)
    TTL toDateTime(ts) + INTERVAL 400 DAY`,

    `CREATE TABLE IF NOT EXISTS {db}.wifi_samples (
      trust_id LowCardinality(String),
      site_id LowCardinality(String),
      device_id String,
      ts DateTime64(3, 'UTC') CODEC(Delta, ZSTD(1)),
      interface LowCardinality(String),
      ssid LowCardinality(String),
      bssid String,
      band_ghz Nullable(Float32),
      channel Nullable(UInt16),
      signal_dbm Nullable(Float32),
      noise_dbm Nullable(Float32),
      tx_rate_mbps Nullable(Float32),
      generation Nullable(UInt8),
      security LowCardinality(String),
      report_id UUID,
      seq UInt32
    ) ENGINE = ReplacingMergeTree
    PARTITION BY toYYYYMM(ts)
    ORDER BY (site_id, device_id, ts, report_id, seq)
    TTL toDateTime(ts) + INTERVAL 400 DAY`,

    `CREATE TABLE IF NOT EXISTS {db}.network_polls (
      trust_id LowCardinality(String),
      site_id LowCardinality(String),
      poller_device_id String,
      target String,
      address String,
      polled_at DateTime64(3, 'UTC'),
      error String,
      report_id UUID,
      body String CODEC(ZSTD(3))
    ) ENGINE = ReplacingMergeTree
    PARTITION BY toYYYYMM(polled_at)
    ORDER BY (site_id, target, polled_at, report_id)
    TTL toDateTime(polled_at) + INTERVAL 400 DAY`,
  ],
};
