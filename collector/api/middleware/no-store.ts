import type { MiddlewareHandler } from 'hono';

/**
 * `Cache-Control: no-store` on every answer that carries fleet data, credentials or a signed-in page,
 * so neither a shared proxy nor the browser's disk cache keeps a copy for the next user of the
 * machine (OWASP ASVS 5.0.0 requirement 14.3.2). An answer that sets its own
 * caching keeps it: the dashboard's content-hashed /assets/ are immutable.
 */
export const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
};
