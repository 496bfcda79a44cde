import type { MiddlewareHandler } from 'hono';
import { sameHash, sha256Hex } from '../../identity/keys.js';
import { problem } from '../problem.js';

/** Bearer-token check (admin routes; viewer routes, which admin tokens may also read); constant-time. */
export function tokenAuth(role: string, ...tokens: string[]): MiddlewareHandler {
  const hashes = tokens.map(sha256Hex);
  return async (c, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    if (!match) return problem(c, 401, `missing Authorization: Bearer <${role} token>`);
    if (!hashes.some((hash) => sameHash(match[1]!, hash))) return problem(c, 403, `not a valid ${role} token`);
    await next();
  };
}
