import type { Context, MiddlewareHandler } from 'hono';
import { sameHash, sha256Hex } from '../../identity/keys.js';
import { problem } from '../problem.js';

export interface TokenAuthOptions {
  /** Also let in a request this accepts (the dashboard's session cookie, for read-only routes). */
  orSession?: (c: Context) => boolean;
}

/** Bearer-token check (admin routes; viewer routes, which admin tokens may also read); constant-time. */
export function tokenAuth(role: string, tokens: string[], options: TokenAuthOptions = {}): MiddlewareHandler {
  const hashes = tokens.map(sha256Hex);
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (!header && options.orSession?.(c)) return next();
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) return problem(c, 401, `missing Authorization: Bearer <${role} token>`);
    if (!hashes.some((hash) => sameHash(match[1]!, hash))) return problem(c, 403, `not a valid ${role} token`);
    await next();
  };
}
