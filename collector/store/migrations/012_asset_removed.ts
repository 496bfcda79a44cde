import type { Migration } from './index.js';

/**
 * Assets leave the register (disposed of, or their site retired): a newer row with `removed = 1`
 * supersedes the asset's row, so it no longer counts as a device that never reported and its
 * purchase date and extended-support flag no longer apply.
 */
export const assetRemoved: Migration = {
  version: 12,
  name: 'assets removed from the register',
  statements: [`ALTER TABLE {db}.asset_register ADD COLUMN IF NOT EXISTS removed UInt8 DEFAULT 0`],
};
