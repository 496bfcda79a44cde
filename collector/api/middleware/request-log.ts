import type { MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';
import { log } from '../../telemetry/log.js';

/**
 * Gives each request an id (the caller's X-Request-Id when it is a sane token, else a new UUID),
 * answers it in X-Request-Id, and writes one debug line per request carrying it, so an error line
 * and the request that caused it can be joined. Headers and bodies are never logged.
 */
export function requestLog(): MiddlewareHandler[] {
  const line: MiddlewareHandler = async (c, next) => {
    const started = performance.now();
    await next();
    log.debug({ request_id: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  };
  return [requestId(), line];
}

/** The current request's id for a log line (set by requestLog; 'none' for an app built without it). */
export function requestIdOf(c: { get(key: 'requestId'): string | undefined }): string {
  return c.get('requestId') ?? 'none';
}
