import type { MiddlewareHandler } from 'hono';
import { sameHash, sha256Hex } from '../../identity/keys.js';
import { problem } from '../problem.js';

/** Bearer-token check for admin (and later viewer) routes; tokens compared in constant time. */
export function tokenAuth(role: string, token: string): MiddlewareHandler {
  const tokenHash = sha256Hex(token);
  return async (c, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    if (!match) return problem(c, 401, `missing Authorization: Bearer <${role} token>`);
    if (!sameHash(match[1]!, tokenHash)) return problem(c, 403, `not a valid ${role} token`);
    await next();
  };
}
