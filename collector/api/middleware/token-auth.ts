import type { MiddlewareHandler } from 'hono';
import type { Credentials } from '../../identity/credentials.js';
import { canAdminister, canRead, type Principal } from '../../identity/principal.js';
import type { Sessions } from '../../identity/session.js';
import type { AppEnv } from '../env.js';
import { DomainError } from '../../errors.js';

export interface PrincipalAuthOptions {
  credentials: Credentials;
  /** What the routes behind need: reading (viewer or admin, within the principal's trusts) or the admin API. */
  need: 'read' | 'admin';
  /** Also accept the dashboard's session cookie (read routes, so the pages' CSV links work). */
  sessions?: Sessions;
}

/**
 * The one authentication of the read and admin APIs: a bearer token (a bootstrap token or a named
 * API key) or, where allowed, a dashboard session, becomes the request's principal on the context
 * (`c.get('principal')`); routes filter what they answer by its trusts. 401 without a credential,
 * 403 for one that is not valid or may not do this.
 */
export function principalAuth({ credentials, need, sessions }: PrincipalAuthOptions): MiddlewareHandler<AppEnv> {
  const allowed = need === 'admin' ? canAdminister : canRead;
  return async (c, next) => {
    const header = c.req.header('authorization');
    let principal: Principal | undefined;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new DomainError('unauthenticated', 'Authorization must be Bearer <token or API key>');
      principal = await credentials.authenticate(match[1]!);
      if (!principal) throw new DomainError('forbidden', 'not a valid token or API key');
    } else {
      principal = await sessions?.principal(c);
      if (!principal) throw new DomainError('unauthenticated', `missing Authorization: Bearer <${need === 'admin' ? 'admin' : 'viewer'} token or API key>`);
    }
    if (!allowed(principal)) throw new DomainError('forbidden', need === 'admin' ? 'this credential may not use the admin API (an admin key for every trust may)' : `a ${principal.role} credential may not read scores`);
    c.set('principal', principal);
    await next();
  };
}
