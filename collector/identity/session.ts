import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { sha256Hex } from './keys.js';
import type { Principal, Role } from './principal.js';
import type { Store } from '../store/store.js';
import { toClickHouseTime } from '../store/time.js';
import { TtlCache } from '../store/ttl-cache.js';

export const SESSION_COOKIE = 'sf_session';

export interface SessionOptions {
  clock?: () => number;
  /**
   * A session ends this long after sign-in, however busy. OWASP ASVS 5.0.0 V7.3.2 asks for an absolute
   * lifetime and leaves the value to the risk decision: the project chose 12 h, one working shift.
   */
  absoluteMs?: number;
  /** …or after this long without a request (ASVS 5.0.0 V7.3.1, an inactivity timeout; 30 min is the project's choice). */
  idleMs?: number;
  /** How long one collector trusts what it read about a session: the most a logout elsewhere takes to be seen. */
  cacheTtlMs?: number;
  /** Whether the credential a session was made from still stands (rotated tokens and revoked keys end their sessions). */
  live?: (credential: string) => Promise<boolean>;
}

type SessionRow = {
  session_hash: string;
  credential: string;
  role: string;
  all_trusts: number;
  trusts: string[];
  name: string;
  created_at: string;
  expires_at: string;
  seen_at: string;
  ended_at: string | null;
};

const ID_FORMAT = /^[A-Za-z0-9_-]{43}$/;
/** A request refreshes the idle clock in the store at most this often. */
const SEEN_EVERY_MS = 60_000;
const time = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`);

/**
 * Server-side dashboard sessions. The cookie holds a random 256-bit id; the store holds only its
 * sha256 with the principal, so a session can be ended (logout, a revoked key, a rotated token) on
 * every collector sharing the database, and a copied cookie dies with it. Lifetime is bounded twice:
 * an absolute limit from sign-in and an idle limit.
 */
export class Sessions {
  private readonly clock: () => number;
  private readonly absoluteMs: number;
  private readonly idleMs: number;
  private readonly cacheTtlMs: number;
  private readonly cache = new TtlCache<string, SessionRow | undefined>();

  constructor(
    private readonly store: Store,
    private readonly options: SessionOptions = {},
  ) {
    this.clock = options.clock ?? Date.now;
    this.absoluteMs = options.absoluteMs ?? 12 * 3_600_000;
    this.idleMs = options.idleMs ?? 30 * 60_000;
    this.cacheTtlMs = options.cacheTtlMs ?? 5_000;
  }

  /** Records a session for the principal and sets its cookie. */
  async create(c: Context, principal: Principal): Promise<void> {
    const id = randomBytes(32).toString('base64url');
    const now = this.clock();
    const row: SessionRow = {
      session_hash: sha256Hex(id), credential: principal.credential, role: principal.role,
      all_trusts: principal.trusts === 'all' ? 1 : 0, trusts: principal.trusts === 'all' ? [] : [...principal.trusts], name: principal.name,
      created_at: toClickHouseTime(now), expires_at: toClickHouseTime(now + this.absoluteMs), seen_at: toClickHouseTime(now), ended_at: null,
    };
    await this.store.insert('sessions', [row]);
    setCookie(c, SESSION_COOKIE, id, {
      httpOnly: true,
      // Lax, not Strict: the redirect back from an identity provider and links in digests must carry it.
      sameSite: 'Lax',
      path: '/',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: Math.floor(this.absoluteMs / 1000),
    });
  }

  /** The principal of the request's session, or undefined (none, unknown, ended, expired, idle, or its credential gone). */
  async principal(c: Context): Promise<Principal | undefined> {
    const id = getCookie(c, SESSION_COOKIE) ?? '';
    if (!ID_FORMAT.test(id)) return undefined;
    const hash = sha256Hex(id);
    const row = await this.cache.getOrLoad(hash, this.cacheTtlMs, () => this.load(hash));
    const now = this.clock();
    if (!row || row.ended_at || time(row.expires_at) <= now || time(row.seen_at) + this.idleMs <= now) return undefined;
    if (this.options.live && !(await this.options.live(row.credential))) return undefined;
    if (now - time(row.seen_at) >= SEEN_EVERY_MS) {
      row.seen_at = toClickHouseTime(now);
      await this.store.insert('sessions', [row]);
    }
    return { role: row.role as Role, trusts: Number(row.all_trusts) ? 'all' : row.trusts, credential: row.credential, name: row.name };
  }

  /** Logout: ends the request's session everywhere and deletes the cookie. */
  async end(c: Context): Promise<void> {
    const id = getCookie(c, SESSION_COOKIE) ?? '';
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    if (!ID_FORMAT.test(id)) return;
    const hash = sha256Hex(id);
    const row = await this.load(hash);
    this.cache.delete(hash);
    if (row && !row.ended_at) await this.store.insert('sessions', [{ ...row, seen_at: toClickHouseTime(this.clock()), ended_at: toClickHouseTime(this.clock()) }]);
  }

  /** Ends every open session made from a credential (a key revoked or rotated); returns how many. */
  async endFor(credential: string): Promise<number> {
    const rows = await this.store.query<SessionRow>(`SELECT * FROM {db}.sessions WHERE credential = {credential:String} AND expires_at > now64(3)`, { credential });
    const open = combine(rows).filter((r) => !r.ended_at);
    const now = toClickHouseTime(this.clock());
    if (open.length > 0) await this.store.insert('sessions', open.map((r) => ({ ...r, seen_at: now, ended_at: now })));
    for (const r of open) this.cache.delete(r.session_hash);
    return open.length;
  }

  private async load(hash: string): Promise<SessionRow | undefined> {
    return combine(await this.store.query<SessionRow>(`SELECT * FROM {db}.sessions WHERE session_hash = {hash:String}`, { hash }))[0];
  }
}

/** Each session from all its rows: ended if any row is, last seen at the latest row. */
function combine(rows: SessionRow[]): SessionRow[] {
  const sessions = new Map<string, SessionRow>();
  for (const row of rows) {
    const known = sessions.get(row.session_hash);
    if (!known) sessions.set(row.session_hash, { ...row });
    else {
      if (row.seen_at > known.seen_at) known.seen_at = row.seen_at;
      known.ended_at ??= row.ended_at;
    }
  }
  return [...sessions.values()];
}
