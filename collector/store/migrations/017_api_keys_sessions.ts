import type { Migration } from './index.js';

/**
 * Named, scoped API keys and server-side dashboard sessions (issue 12).
 *
 * `api_keys`: one row per version of a key (created, last used, revoked); the latest version wins.
 * Only the key's sha256 is stored, as for node keys. `trusts` is empty when `all_trusts` = 1.
 *
 * `sessions`: the cookie holds a random id; only its sha256 is stored. A session is a set of rows
 * (made, seen again, ended) read together: ended if any row is ended, last seen at the latest row.
 * Plain MergeTree, not Replacing, so an "ended" row can never be replaced by a later "seen" row
 * written by another collector that had not yet heard of the logout. Rows go a day after expiry.
 */
export const apiKeysAndSessions: Migration = {
  version: 17,
  name: 'API keys and dashboard sessions',
  statements: [
    `CREATE TABLE IF NOT EXISTS {db}.api_keys (
      key_id String,
      name String,
      role LowCardinality(String),
      all_trusts UInt8,
      trusts Array(String),
      key_hash String,
      created_at DateTime64(3, 'UTC'),
      last_used_at Nullable(DateTime64(3, 'UTC')),
      revoked_at Nullable(DateTime64(3, 'UTC')),
      version UInt64
    ) ENGINE = ReplacingMergeTree(version) ORDER BY key_id`,
    `CREATE TABLE IF NOT EXISTS {db}.sessions (
      session_hash String,
      credential String,
      role LowCardinality(String),
      all_trusts UInt8,
      trusts Array(String),
      name String,
      created_at DateTime64(3, 'UTC'),
      expires_at DateTime64(3, 'UTC'),
      seen_at DateTime64(3, 'UTC'),
      ended_at Nullable(DateTime64(3, 'UTC'))
    ) ENGINE = MergeTree ORDER BY (session_hash, seen_at)
      TTL toDateTime(expires_at) + INTERVAL 1 DAY DELETE`,
  ],
};
