import { randomBytes, randomUUID } from 'node:crypto';
import type { Store } from '../store/store.js';
import { toClickHouseTime } from '../store/time.js';
import { TtlCache } from '../store/ttl-cache.js';
import { sameHash, sha256Hex } from './keys.js';
import type { Principal, Role, TrustScope } from './principal.js';
import { DomainError, type ErrorKind } from '../errors.js';

/** An API key as stored and listed: never the key itself. */
export interface ApiKeyRecord {
  key_id: string;
  name: string;
  role: Role;
  trusts: TrustScope;
  created_at: string;
  /** When it stops being accepted; null: until revoked. */
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

interface StoredKey {
  key_id: string;
  name: string;
  role: string;
  all_trusts: number;
  trusts: string[];
  key_hash: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** A key request refused: a DomainError of its kind (the API's renderer picks the status). */
export class ApiKeyError extends DomainError {
  constructor(message: string, kind: Extract<ErrorKind, 'invalid' | 'not-found' | 'conflict'>) {
    super(kind, message);
    this.name = 'ApiKeyError';
  }
}

/** Keys name their record so a lookup is by primary key: `sfapi.<key_id>.<secret>` (256 random bits). */
const KEY_FORMAT = /^sfapi\.(key_[0-9a-f]{32})\.[A-Za-z0-9_-]{40,}$/;
/** A revocation on another collector is seen within this (the cache holds a key's record no longer). */
export const KEY_CACHE_MS = 5_000;
/** last_used_at is written at most this often per key: a busy key must not write on every request. */
const LAST_USED_EVERY_MS = 60_000;

/**
 * Named, scoped credentials for the read and admin APIs and the dashboard's token sign-in: created
 * by an admin (the key shown once), stored as a sha256, listed with when each was last used, revoked.
 */
export class ApiKeys {
  private readonly cache = new TtlCache<string, StoredKey | undefined>();
  private readonly revokeListeners: Array<(credential: string) => Promise<unknown>> = [];

  constructor(
    private readonly store: Store,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Called with `key:<id>` when a key is revoked: sessions made from it end. */
  onRevoke(listener: (credential: string) => Promise<unknown>): void {
    this.revokeListeners.push(listener);
  }

  /** `lifetimeMs`: the key expires that long after it is made (none: it lasts until revoked). */
  async create(input: { name: string; role: Role; trusts: TrustScope; lifetimeMs?: number }): Promise<{ key: string; record: ApiKeyRecord }> {
    if (input.role === 'admin' && input.trusts !== 'all') throw new ApiKeyError('an admin key is for every trust (the admin API is collector-wide): give --trust all', 'invalid');
    if (input.trusts !== 'all' && input.trusts.length === 0) throw new ApiKeyError('a key needs at least one trust, or all', 'invalid');
    const taken = (k: ApiKeyRecord) => k.name === input.name && !k.revoked_at && (!k.expires_at || time(k.expires_at) > this.clock());
    if ((await this.list()).some(taken)) throw new ApiKeyError(`an active key is already named "${input.name}": revoke it first, or rotate it`, 'conflict');
    const keyId = `key_${randomUUID().replaceAll('-', '')}`;
    const key = `sfapi.${keyId}.${randomBytes(32).toString('base64url')}`;
    const at = this.clock();
    const now = toClickHouseTime(at);
    const row: StoredKey = {
      key_id: keyId, name: input.name, role: input.role, all_trusts: input.trusts === 'all' ? 1 : 0,
      trusts: input.trusts === 'all' ? [] : [...new Set(input.trusts)].sort(), key_hash: sha256Hex(key), created_at: now,
      expires_at: input.lifetimeMs ? toClickHouseTime(at + input.lifetimeMs) : null, last_used_at: null, revoked_at: null,
    };
    await this.write(row);
    return { key, record: recordOf(row) };
  }

  async list(): Promise<ApiKeyRecord[]> {
    const rows = await this.store.query<StoredKey>(`SELECT * EXCEPT version FROM {db}.api_keys FINAL ORDER BY created_at, key_id`);
    return rows.map(recordOf);
  }

  /** Revokes a key by id or by the name of an active key; ends its sessions. */
  async revoke(idOrName: string): Promise<ApiKeyRecord> {
    const row = await this.find(idOrName);
    if (!row) throw new ApiKeyError(`no key "${idOrName}"`, 'not-found');
    if (!row.revoked_at) {
      row.revoked_at = toClickHouseTime(this.clock());
      await this.write(row);
      this.cache.delete(row.key_id);
    }
    for (const listener of this.revokeListeners) await listener(`key:${row.key_id}`);
    return recordOf(row);
  }

  /** A new key with the same name, role and scope; the old one is revoked (and its sessions end). */
  async rotate(idOrName: string): Promise<{ key: string; record: ApiKeyRecord; revoked: string }> {
    const old = await this.find(idOrName);
    if (!old || old.revoked_at) throw new ApiKeyError(`no active key "${idOrName}"`, 'not-found');
    await this.revoke(old.key_id);
    // The new key gets the lifetime the old one was given.
    const lifetimeMs = old.expires_at ? time(old.expires_at) - time(old.created_at) : undefined;
    const made = await this.create({ name: old.name, role: old.role as Role, trusts: old.all_trusts ? 'all' : old.trusts, lifetimeMs });
    return { ...made, revoked: old.key_id };
  }

  /** The principal of a presented key, or undefined (not a key, unknown, revoked). */
  async authenticate(presented: string): Promise<Principal | undefined> {
    const keyId = KEY_FORMAT.exec(presented)?.[1];
    if (!keyId) return undefined;
    const row = await this.cache.getOrLoad(keyId, KEY_CACHE_MS, () => this.byId(keyId));
    if (!row || !this.active(row) || !sameHash(presented, row.key_hash)) return undefined;
    await this.touch(row);
    return { role: row.role as Role, trusts: row.all_trusts ? 'all' : row.trusts, credential: `key:${row.key_id}`, name: row.name };
  }

  /** Whether `key:<id>` is still an active key (a session made from it lives only as long). */
  async live(keyId: string): Promise<boolean> {
    const row = await this.cache.getOrLoad(keyId, KEY_CACHE_MS, () => this.byId(keyId));
    return Boolean(row && this.active(row));
  }

  private active(row: StoredKey): boolean {
    return !row.revoked_at && (!row.expires_at || time(row.expires_at) > this.clock());
  }

  private async touch(row: StoredKey): Promise<void> {
    const last = row.last_used_at ? time(row.last_used_at) : 0;
    if (this.clock() - last < LAST_USED_EVERY_MS) return;
    row.last_used_at = toClickHouseTime(this.clock());
    await this.write(row);
  }

  private async find(idOrName: string): Promise<StoredKey | undefined> {
    const rows = await this.store.query<StoredKey>(
      `SELECT * EXCEPT version FROM {db}.api_keys FINAL WHERE key_id = {id:String} OR (name = {id:String} AND revoked_at IS NULL) ORDER BY created_at DESC`,
      { id: idOrName },
    );
    return rows[0];
  }

  private async byId(keyId: string): Promise<StoredKey | undefined> {
    const [row] = await this.store.query<StoredKey>(`SELECT * EXCEPT version FROM {db}.api_keys FINAL WHERE key_id = {id:String}`, { id: keyId });
    return row;
  }

  /** A new version of the row; a revoked row outranks every later "last used" write. */
  private async write(row: StoredKey): Promise<void> {
    const version = (row.revoked_at ? 2 ** 52 : 0) + this.clock();
    await this.store.insert('api_keys', [{ ...row, version }]);
  }
}

const time = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`);

function recordOf(row: StoredKey): ApiKeyRecord {
  return {
    key_id: row.key_id, name: row.name, role: row.role as Role, trusts: Number(row.all_trusts) ? 'all' : row.trusts,
    created_at: row.created_at, expires_at: row.expires_at, last_used_at: row.last_used_at, revoked_at: row.revoked_at,
  };
}
