import type { Migration } from './index.js';

/**
 * Enrolment controls (issue 12): an enrol secret carries the role of what it enrols (an endpoint, or
 * a site poller, the only role allowed to report network gear), an optional expiry, whether it may
 * replace the key of a device that already holds one, and when it was revoked. Devices keep the role
 * they were enrolled with. Re-enrolments of a device that holds an active key wait for an admin here.
 *
 * Devices that already reported network gear before this release were site pollers by the only
 * evidence there is, so they keep polling without being enrolled again (listed in the upgrade note).
 */
export const enrolmentControls: Migration = {
  version: 18,
  name: 'enrol secret role, expiry, revocation; device role; pending re-enrolments',
  statements: [
    `ALTER TABLE {db}.enroll_secrets
       ADD COLUMN IF NOT EXISTS role LowCardinality(String) DEFAULT 'endpoint',
       ADD COLUMN IF NOT EXISTS expires_at Nullable(DateTime64(3, 'UTC')),
       ADD COLUMN IF NOT EXISTS allow_reenrol UInt8 DEFAULT 0,
       ADD COLUMN IF NOT EXISTS revoked_at Nullable(DateTime64(3, 'UTC'))`,
    `ALTER TABLE {db}.devices ADD COLUMN IF NOT EXISTS role LowCardinality(String) DEFAULT 'endpoint'`,
    `INSERT INTO {db}.devices (device_id, kind, trust_id, site_id, fingerprint, hostname, platform, agent_version, node_key_hash, enrolled_at, revoked, role, updated_at)
     SELECT device_id, kind, trust_id, site_id, fingerprint, hostname, platform, agent_version, node_key_hash, enrolled_at, revoked, 'poller', now64(3)
     FROM {db}.devices FINAL
     WHERE kind = 'endpoint' AND role != 'poller' AND device_id IN (SELECT DISTINCT poller_device_id FROM {db}.network_devices)`,
    `CREATE TABLE IF NOT EXISTS {db}.reenrolments (
      device_id String,
      trust_id LowCardinality(String),
      site_id LowCardinality(String),
      fingerprint String,
      hostname String,
      secret_id String,
      requested_at DateTime64(3, 'UTC'),
      status LowCardinality(String),
      decided_at Nullable(DateTime64(3, 'UTC')),
      updated_at DateTime64(3, 'UTC')
    ) ENGINE = ReplacingMergeTree(updated_at) ORDER BY device_id`,
  ],
};
