import type { Store } from '../store/store.js';
import { fromClickHouseTime, toClickHouseTime } from '../store/time.js';
import { TtlCache } from '../store/ttl-cache.js';

/** What a node key enrolled with a secret may do: report as an endpoint, or also report network gear. */
export const DEVICE_ROLES = ['endpoint', 'poller'] as const;
export type DeviceRole = (typeof DEVICE_ROLES)[number];

export interface EnrolSecretRecord {
  /** Names the secret in lists and revocation: a prefix of its hash, never the secret. */
  secret_id: string;
  site_id: string;
  role: DeviceRole;
  created_at: string;
  /** ISO 8601, or null for a secret that does not expire. */
  expires_at: string | null;
  allow_reenrol: boolean;
  revoked: boolean;
  revoked_at: string | null;
}

interface SecretRow {
  secret_hash: string;
  site_id: string;
  role: string;
  created_at: string;
  expires_at: string | null;
  allow_reenrol: number;
  revoked: number;
  revoked_at: string | null;
}

export interface NewEnrolSecret {
  site_id: string;
  role: DeviceRole;
  expires_at: Date | null;
  allow_reenrol: boolean;
}

export interface ReenrolmentRecord {
  device_id: string;
  trust_id: string;
  site_id: string;
  fingerprint: string;
  hostname: string;
  secret_id: string;
  requested_at: string;
  /** pending: waiting for an admin; approved: the next enrolment of this device may replace its key; used/rejected: done. */
  status: 'pending' | 'approved' | 'used' | 'rejected';
  /** When an admin approved or rejected it (ISO 8601); null while pending. */
  decided_at?: string | null;
}

export const secretIdOf = (secretHash: string): string => `sec_${secretHash.slice(0, 16)}`;
const iso = (chTime: string | null): string | null => (chTime ? fromClickHouseTime(chTime).toISOString() : null);
const SECRET_COLUMNS = `secret_hash, site_id, role, toString(created_at) AS created_at, toString(expires_at) AS expires_at, allow_reenrol, revoked, toString(revoked_at) AS revoked_at`;

function toRecord(row: SecretRow): EnrolSecretRecord {
  return {
    secret_id: secretIdOf(row.secret_hash),
    site_id: row.site_id,
    role: row.role === 'poller' ? 'poller' : 'endpoint',
    created_at: iso(row.created_at)!,
    expires_at: iso(row.expires_at),
    allow_reenrol: Number(row.allow_reenrol) === 1,
    revoked: Number(row.revoked) === 1,
    revoked_at: iso(row.revoked_at),
  };
}

/**
 * Enrol secrets (stored as sha256 only) and re-enrolments awaiting an admin. Secrets are read on every
 * enrolment, so they are cached briefly; this process's writes drop the entry at once, another
 * collector's revocation is seen within `cacheMs`.
 */
export class EnrolSecrets {
  private readonly cache = new TtlCache<string, EnrolSecretRecord | undefined>();

  constructor(
    private readonly store: Store,
    private readonly cacheMs = 30_000,
  ) {}

  async add(secretHash: string, secret: NewEnrolSecret, now: Date): Promise<EnrolSecretRecord> {
    const at = toClickHouseTime(now.getTime());
    const row = {
      secret_hash: secretHash,
      site_id: secret.site_id,
      role: secret.role,
      created_at: at,
      expires_at: secret.expires_at ? toClickHouseTime(secret.expires_at.getTime()) : null,
      allow_reenrol: secret.allow_reenrol ? 1 : 0,
      revoked: 0,
      revoked_at: null,
      updated_at: at,
    };
    await this.store.insert('enroll_secrets', [row]);
    this.cache.delete(secretHash);
    return toRecord(row);
  }

  find(secretHash: string): Promise<EnrolSecretRecord | undefined> {
    return this.cache.getOrLoad(secretHash, this.cacheMs, async () => {
      const rows = await this.store.query<SecretRow>(`SELECT ${SECRET_COLUMNS} FROM {db}.enroll_secrets FINAL WHERE secret_hash = {h:String}`, { h: secretHash });
      return rows[0] && toRecord(rows[0]);
    });
  }

  async list(siteId?: string): Promise<EnrolSecretRecord[]> {
    const rows = await this.store.query<SecretRow>(
      `SELECT ${SECRET_COLUMNS} FROM {db}.enroll_secrets FINAL WHERE {site:String} = '' OR site_id = {site:String} ORDER BY site_id, created_at`,
      { site: siteId ?? '' },
    );
    return rows.map(toRecord);
  }

  /** Revokes the secret a secret id names; false when none does. */
  async revoke(secretId: string, now: Date): Promise<boolean> {
    const prefix = /^sec_([0-9a-f]{16})$/.exec(secretId)?.[1];
    if (!prefix) return false;
    const rows = await this.store.query<SecretRow>(`SELECT ${SECRET_COLUMNS} FROM {db}.enroll_secrets FINAL WHERE startsWith(secret_hash, {p:String})`, { p: prefix });
    const row = rows[0];
    if (!row) return false;
    const at = toClickHouseTime(now.getTime());
    await this.store.insert('enroll_secrets', [{ ...row, revoked: 1, revoked_at: at, updated_at: at }]);
    this.cache.delete(row.secret_hash);
    return true;
  }

  async putReenrolment(request: ReenrolmentRecord, now: Date): Promise<void> {
    const at = toClickHouseTime(now.getTime());
    // A used approval keeps the time of the decision; a new decision records its own.
    const decidedAt = request.status === 'pending' ? null : request.status === 'used' && request.decided_at ? toClickHouseTime(request.decided_at) : at;
    await this.store.insert('reenrolments', [{ ...request, requested_at: toClickHouseTime(request.requested_at), decided_at: decidedAt, updated_at: at }]);
  }

  async reenrolment(deviceId: string): Promise<ReenrolmentRecord | undefined> {
    const rows = await this.reenrolments(`device_id = {id:String}`, { id: deviceId });
    return rows[0];
  }

  /** Re-enrolments waiting for an admin, or approved and not yet used. */
  openReenrolments(): Promise<ReenrolmentRecord[]> {
    return this.reenrolments(`status IN ('pending', 'approved')`, {});
  }

  private async reenrolments(where: string, params: Record<string, string>): Promise<ReenrolmentRecord[]> {
    const rows = await this.store.query<ReenrolmentRecord>(
      `SELECT device_id, trust_id, site_id, fingerprint, hostname, secret_id, toString(requested_at) AS requested_at, status, toString(decided_at) AS decided_at
       FROM {db}.reenrolments FINAL WHERE ${where} ORDER BY requested_at`,
      params,
    );
    return rows.map((row) => ({ ...row, requested_at: iso(row.requested_at)!, decided_at: iso(row.decided_at ?? null) }));
  }
}
