import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { sameHash, sha256Hex } from '../identity/keys.js';

export const SESSION_COOKIE = 'sf_session';
const SESSION_HOURS = 12;

/**
 * Browser sessions for the read-only dashboard. A person logs in once with the viewer token (an
 * admin token also works, and still only reads); the cookie carries an expiry and an HMAC keyed by
 * the viewer token, so rotating that token ends every session without a session table.
 */
export class Sessions {
  private readonly key: Buffer;
  private readonly accepted: string[];

  constructor(
    viewerToken: string,
    adminToken: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.key = createHmac('sha256', 'sf-dashboard-session').update(viewerToken).digest();
    this.accepted = [viewerToken, adminToken].map(sha256Hex);
  }

  /** Sets the session cookie when the token is one the viewer API accepts. */
  login(c: Context, token: string): boolean {
    if (!this.accepted.some((hash) => sameHash(token.trim(), hash))) return false;
    const expires = this.clock() + SESSION_HOURS * 3_600_000;
    setCookie(c, SESSION_COOKIE, `${expires}.${this.sign(expires)}`, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: SESSION_HOURS * 3600,
    });
    return true;
  }

  logout(c: Context): void {
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
  }

  valid(c: Context): boolean {
    const match = /^(\d{13})\.([0-9a-f]{64})$/.exec(getCookie(c, SESSION_COOKIE) ?? '');
    if (!match) return false;
    const expires = Number(match[1]);
    const presented = Buffer.from(match[2]!, 'hex');
    const expected = Buffer.from(this.sign(expires), 'hex');
    return expires > this.clock() && timingSafeEqual(presented, expected);
  }

  private sign(expires: number): string {
    return createHmac('sha256', this.key).update(`viewer.${expires}`).digest('hex');
  }
}
