import type { Migration } from './index.js';

/**
 * Network gear polled over SNMP by site pollers: latest state per (site, target) and per-interface
 * samples. Both ReplacingMergeTree keyed so a report written twice collapses to one row; read FINAL.
 */
export const networkTables: Migration = {
  version: 2,
  name: 'network devices (latest state) and interface samples from SNMP polls',
  statements: [
    `CREATE TABLE IF NOT EXISTS {db}.network_devices (
      trust_id LowCardinality(String),
      site_id LowCardinality(String),
      target String,
      device_id String,
      poller_device_id String,
      address String,
      port UInt16,
      target_site String,
      polled_at DateTime64(3, 'UTC'),
      snmp_version LowCardinality(String),
      security_level LowCardinality(String),
      error String,
      last_ok_at Nullable(DateTime64(3, 'UTC')),
      vendor LowCardinality(String),
      os LowCardinality(String),
      model String,
      firmware String,
      serial String,
      hardware_revision String,
      manufacture_date Nullable(Date),
      age_days Nullable(UInt32),
      uptime_seconds Nullable(UInt64),
      sys_name String,
      sys_descr String CODEC(ZSTD(3)),
      sys_object_id String,
      sys_location String,
      enterprise Nullable(UInt32),
      default_community_accepted Nullable(UInt8),
      community_enabled Nullable(UInt8),
      interface_count UInt32,
      cpu_load_pct Nullable(Float32),
      report_id UUID
    ) ENGINE = ReplacingMergeTree(polled_at)
    ORDER BY (site_id, target)`,

    `CREATE TABLE IF NOT EXISTS {db}.interface_samples (
      trust_id LowCardinality(String),
      site_id LowCardinality(String),
      target String,
      poller_device_id String,
      ts DateTime64(3, 'UTC') CODEC(Delta, ZSTD(1)),
      if_index UInt32,
      name LowCardinality(String),
      alias String,
      if_type Nullable(UInt16),
      admin_up Nullable(UInt8),
      oper_up Nullable(UInt8),
      speed_mbps Nullable(Float64),
      in_octets Nullable(UInt64),
      out_octets Nullable(UInt64),
      in_packets Nullable(UInt64),
      out_packets Nullable(UInt64),
      in_errors Nullable(UInt64),
      out_errors Nullable(UInt64),
      in_discards Nullable(UInt64),
      out_discards Nullable(UInt64),
      in_bps Nullable(Float64),
      out_bps Nullable(Float64),
      in_pps Nullable(Float64),
      out_pps Nullable(Float64),
      in_error_pct Nullable(Float32),
      out_error_pct Nullable(Float32),
      in_discard_pct Nullable(Float32),
      out_discard_pct Nullable(Float32),
      utilisation_pct Nullable(Float32),
      interval_seconds Nullable(Float32),
      report_id UUID,
      seq UInt32
    ) ENGINE = ReplacingMergeTree
    PARTITION BY toYYYYMM(ts)
    ORDER BY (site_id, target, if_index, ts, report_id, seq)
    TTL toDateTime(ts) + INTERVAL 400 DAY`,
  ],
};
