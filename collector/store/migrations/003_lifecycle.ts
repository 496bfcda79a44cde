import type { Migration } from './index.js';

/**
 * The end-of-life catalogue as reference data. Each load is a new `load_id`; the active one is
 * named in `eol_catalogue_active`, so replacing the catalogue switches every reader at once.
 */
export const lifecycleTables: Migration = {
  version: 3,
  name: 'end-of-life catalogue',
  statements: [
    `CREATE TABLE IF NOT EXISTS {db}.eol_catalogue (
      load_id String,
      product LowCardinality(String),
      version String,
      edition LowCardinality(String),
      release_date Date,
      end_of_support Date,
      extended_programme String,
      extended_end Nullable(Date),
      confidence LowCardinality(String),
      source String
    ) ENGINE = ReplacingMergeTree ORDER BY (load_id, product, version, edition)`,
    `CREATE TABLE IF NOT EXISTS {db}.eol_catalogue_active (
      singleton UInt8,
      load_id String,
      revision String,
      entries UInt32,
      loaded_at DateTime64(3, 'UTC')
    ) ENGINE = ReplacingMergeTree(loaded_at) ORDER BY singleton`,
  ],
};
