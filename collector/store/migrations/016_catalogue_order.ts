import type { Migration } from './index.js';

/**
 * The end-of-life catalogue orders each line's releases (`family`, `rank`: Windows clients by build,
 * Ubuntu by year and month…), so a release it does not list can be told older than every catalogued
 * one (unsupported) or newer than the newest (not yet in the catalogue); and each load records the
 * day the catalogue was last reviewed, which the collector warns about when it grows old.
 */
export const catalogueOrder: Migration = {
  version: 16,
  name: 'end-of-life catalogue order and review date',
  statements: [
    `ALTER TABLE {db}.eol_catalogue ADD COLUMN IF NOT EXISTS family LowCardinality(String) DEFAULT ''`,
    `ALTER TABLE {db}.eol_catalogue ADD COLUMN IF NOT EXISTS rank UInt64 DEFAULT 0`,
    `ALTER TABLE {db}.eol_catalogue_active ADD COLUMN IF NOT EXISTS reviewed Nullable(Date)`,
  ],
};
