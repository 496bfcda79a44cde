import type { Migration } from './index.js';

const END = `toDateTime64(addDays({as_of:Date}, 1), 3, 'UTC')`;
const WINDOW = `ts < ${END} AND ts >= ${END} - INTERVAL 7 DAY`;

/** Identity columns added to both the latest state and the poll history (the writer fills both from one row). */
const identityColumns = [
  `family String DEFAULT ''`,
  `firmware_train String DEFAULT ''`,
  `firmware_source LowCardinality(String) DEFAULT ''`,
  // The firmware-currency key made at ingest (collector/lifecycle/firmware-version.ts), JSON like `lifecycle`.
  `firmware_key String DEFAULT ''`,
  `identity_notes Array(String) DEFAULT []`,
  // Stack or virtual-chassis members as JSON: at most 64 small objects, read whole with the device.
  `stack_members String DEFAULT '' CODEC(ZSTD(3))`,
  `radio_count UInt32 DEFAULT 0`,
];

/**
 * Issue 16, the collector side of network identity: the new identity fields of each poll, whether an
 * interface is a physical port, infrastructure Wi-Fi radios (one row per radio per poll, kept and
 * scoped like interface samples), and the firmware release catalogue (loaded like the end-of-life
 * catalogue: each load a new `load_id`, the active one named in `firmware_catalogue_active`).
 * Link-error and capacity figures count physical ports only where the poller could tell (a port
 * whose kind is unknown still counts, as before), so `interface_errors` is redefined.
 */
export const networkIdentityRadiosFirmware: Migration = {
  version: 21,
  name: 'network identity fields, physical interfaces, Wi-Fi radios, firmware release catalogue',
  statements: [
    ...identityColumns.map((column) => `ALTER TABLE {db}.network_devices ADD COLUMN IF NOT EXISTS ${column}`),
    ...identityColumns.map((column) => `ALTER TABLE {db}.network_device_history ADD COLUMN IF NOT EXISTS ${column}`),
    `ALTER TABLE {db}.interface_samples ADD COLUMN IF NOT EXISTS physical Nullable(UInt8)`,

    `CREATE TABLE IF NOT EXISTS {db}.radio_samples (
      trust_id LowCardinality(String),
      site_id LowCardinality(String),
      target String,
      poller_device_id String,
      ts DateTime64(3, 'UTC') CODEC(Delta, ZSTD(1)),
      ap_name String,
      ap_mac String,
      band LowCardinality(String),
      channel Nullable(UInt8),
      channel_utilisation_pct Nullable(Float32),
      noise_dbm Nullable(Float32),
      clients Nullable(UInt16),
      report_id UUID,
      seq UInt32
    ) ENGINE = ReplacingMergeTree
    PARTITION BY toYYYYMM(ts)
    ORDER BY (site_id, target, ts, report_id, seq)
    TTL toDateTime(ts) + INTERVAL 400 DAY`,

    `CREATE TABLE IF NOT EXISTS {db}.firmware_catalogue (
      load_id String,
      platform LowCardinality(String),
      train String,
      version String,
      release_order String,
      release_date Date,
      -- The day up to which the catalogue knows this train's newest release (its review, or the train's own date).
      listed_to Date,
      confidence LowCardinality(String),
      source String
    ) ENGINE = ReplacingMergeTree ORDER BY (load_id, platform, train, release_order)`,
    `CREATE TABLE IF NOT EXISTS {db}.firmware_catalogue_active (
      singleton UInt8,
      load_id String,
      revision String,
      releases UInt32,
      reviewed Date,
      loaded_at DateTime64(3, 'UTC')
    ) ENGINE = ReplacingMergeTree(loaded_at) ORDER BY singleton`,

    // Per radio over the 7 days to the end of the as-of day (the window the endpoint Wi-Fi figures use):
    // mean and highest channel utilisation, mean noise floor, and channel and clients at its last poll.
    // The IT-ops view (queries/network-wifi.ts) and Grafana read it, so neither holds the arithmetic.
    `CREATE VIEW IF NOT EXISTS {db}.radio_health AS
     SELECT trust_id, site_id, target, ap_name, ap_mac, band,
       argMax(channel, ts) AS channel,
       round(avg(channel_utilisation_pct), 1) AS utilisation_mean_pct,
       round(max(channel_utilisation_pct), 1) AS utilisation_max_pct,
       round(avg(noise_dbm), 1) AS noise_mean_dbm,
       argMax(clients, ts) AS clients,
       max(ts) AS last_polled
     FROM {db}.radio_samples FINAL
     WHERE ${WINDOW}
     GROUP BY trust_id, site_id, target, ap_name, ap_mac, band`,

    // As migration 015 defined it, less the interfaces the poller knows are virtual (VLAN, loopback,
    // tunnel, LAG…): their errors and load repeat the physical ports'. Unknown kind counts, as before.
    `CREATE OR REPLACE VIEW {db}.interface_errors AS
     SELECT trust_id, site_id, target, name, any(alias) AS alias,
       avg(ifNull(in_error_pct, 0) + ifNull(out_error_pct, 0) + ifNull(in_discard_pct, 0) + ifNull(out_discard_pct, 0)) AS error_pct,
       avg(utilisation_pct) AS utilisation_pct, max(speed_mbps) AS speed_mbps
     FROM {db}.interface_samples FINAL
     WHERE ${WINDOW}
       AND ifNull(physical, 1) = 1
       AND (in_error_pct IS NOT NULL OR out_error_pct IS NOT NULL OR in_discard_pct IS NOT NULL OR out_discard_pct IS NOT NULL)
     GROUP BY trust_id, site_id, target, name`,
  ],
};
