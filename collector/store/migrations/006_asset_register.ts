import type { Migration } from './index.js';

/**
 * The trust's asset register, imported as CSV: purchase dates improve device age, an extended
 * support flag marks devices enrolled in ESU-like programmes, and assets that never reported
 * count against coverage.
 */
export const assetRegister: Migration = {
  version: 6,
  name: 'asset register',
  statements: [
    `CREATE TABLE IF NOT EXISTS {db}.asset_register (
      trust_id LowCardinality(String),
      serial String,
      asset_tag String,
      site_id LowCardinality(String),
      purchase_date Nullable(Date),
      warranty_end Nullable(Date),
      extended_support UInt8,
      imported_at DateTime64(3, 'UTC')
    ) ENGINE = ReplacingMergeTree(imported_at) ORDER BY (trust_id, serial)`,
  ],
};
