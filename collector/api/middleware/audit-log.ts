import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { auditLogger } from '../../telemetry/log.js';

export interface AuditEntry {
  level: 'info' | 'warn';
  msg: 'audit';
  at: string;
  /** Method and route pattern, e.g. `DELETE /v1/admin/sites/:site`. */
  action: string;
  path: string;
  status: number;
  /** The peer address; behind a TLS proxy, the proxy's. */
  remote: string;
  /** As the client sent it: worth reading only when the proxy in front sets it. */
  forwarded_for?: string;
  /** Who, when known: a signed-in user's name and credential id (never a token). */
  actor?: string;
  /** What happened, when the status alone does not say (a sign-in's role and trusts, or why it was refused). */
  detail?: string;
  /** Set by a route for an event worth naming: `re-enrolment` of `device_id`, `approved_by` admin or secret. */
  event?: string;
  device_id?: string;
  approved_by?: string;
}

export type AuditSink = (entry: AuditEntry) => void;

/** The audit line as it always was (level, msg 'audit', at, action …), through the dedicated audit logger. */
export const auditToStderr: AuditSink = ({ level, msg, ...fields }) => auditLogger[level](fields, msg);

/**
 * An audit line for each state-changing or credential-checking request (admin writes,
 * enrolments, dashboard sign-ins), refused ones included: who changed a site, revoked a device or
 * tried tokens, from where and when. Mount it before the authentication it should witness.
 * Reads (GET/HEAD) are not audited; credentials and bodies are never logged.
 */
export function auditLog(sink: AuditSink = auditToStderr): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    await next();
    sink(auditEntry(c, c.res.status));
  };
}

/** The audit line for a request and the status it got (routes that audit a GET, like a sign-in callback, call it). */
export function auditEntry(c: Parameters<MiddlewareHandler>[0], status: number): AuditEntry {
  let remote = 'unknown';
  try {
    remote = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // Not served by @hono/node-server (app.request() in a test): no socket to ask.
  }
  const forwarded = c.req.header('x-forwarded-for');
  const event = (c.var as { auditDetail?: Pick<AuditEntry, 'event' | 'device_id' | 'approved_by'> }).auditDetail;
  // The principal authentication found (token-auth.ts, a sign-in): which key or token did it, never the key itself.
  const principal = (c.var as { principal?: { name: string; credential: string } }).principal;
  return {
    level: status === 401 || status === 403 ? 'warn' : 'info',
    msg: 'audit',
    at: new Date().toISOString(),
    action: `${c.req.method} ${routePattern(c)}`,
    path: c.req.path,
    status,
    remote,
    ...(forwarded ? { forwarded_for: forwarded } : {}),
    ...(principal ? { actor: `${principal.name} (${principal.credential})` } : {}),
    ...event,
  };
}

/** The route the request was for, even when authentication refused it before the route ran. */
function routePattern(c: Parameters<MiddlewareHandler>[0]): string {
  const handlers = matchedRoutes(c).filter((route) => route.method !== 'ALL');
  return handlers.at(-1)?.path ?? c.req.path;
}
