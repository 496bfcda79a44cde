import type { Migration } from './index.js';

/**
 * What the collector has notified, per channel (a hash of the webhook address: the address itself
 * is a secret) and as-of date, so a restart or the next hourly snapshot does not send a digest twice.
 */
export const notifications: Migration = {
  version: 13,
  name: 'notifications sent',
  statements: [
    `CREATE TABLE IF NOT EXISTS {db}.notifications (
      channel String,
      as_of Date,
      outcome LowCardinality(String),
      new_findings UInt32,
      resolved_findings UInt32,
      sent_at DateTime64(3, 'UTC')
    ) ENGINE = ReplacingMergeTree(sent_at) ORDER BY (channel, as_of)`,
  ],
};
