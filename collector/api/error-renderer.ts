import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { describeIssues } from '../../protocol/index.js';
import { DomainError, type ErrorKind } from '../errors.js';
import { errorFields, log } from '../telemetry/log.js';
import { requestIdOf } from './middleware/request-log.js';
import { problem } from './problem.js';

/** The one place an error kind becomes an HTTP status. */
export const STATUS_OF_KIND: Readonly<Record<ErrorKind, ContentfulStatusCode>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  unsupported: 415,
  'rate-limited': 429,
  upstream: 502,
  unavailable: 503,
};

/** The request part a validator read, as its 400 names it. */
const PART: Readonly<Record<string, string>> = { json: 'body', query: 'query', param: 'path', header: 'header', cookie: 'cookie', form: 'form' };

/**
 * The validators' hook (every route's defaultHook): a request that fails its route's declared
 * schema is thrown as an `invalid` DomainError naming each bad field, so it renders here like any other.
 */
export function validationHook(result: { target: string } & ({ success: true } | { success: false; error: z.ZodError })): void {
  if (result.success) return;
  const problems = describeIssues(result.error);
  const part = PART[result.target] ?? result.target;
  throw new DomainError('invalid', `invalid ${part}: ${problems.map((p) => p.field || `(${part})`).join(', ')}`, { problems });
}

/**
 * The collector's one error renderer (app.onError): a DomainError by its kind; Hono's own
 * HTTPException (csrf, a validator's malformed JSON) with its 4xx status; anything else a logged 500
 * that says no more than where to look. Every answer is `{ error, problems? }`.
 */
export function renderError(error: Error, c: Context): Response {
  if (error instanceof DomainError) {
    if (error.retryAfterSeconds !== undefined) c.header('Retry-After', String(error.retryAfterSeconds));
    return problem(c, STATUS_OF_KIND[error.kind], error.message, error.problems);
  }
  if (error instanceof HTTPException && error.status < 500) return problem(c, error.status as ContentfulStatusCode, error.message || 'refused');
  log.error({ request_id: requestIdOf(c), path: c.req.path, ...errorFields(error) }, 'unhandled error');
  return problem(c, 500, 'internal error; see the collector log');
}
