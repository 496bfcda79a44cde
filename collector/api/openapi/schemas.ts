import { z } from '@hono/zod-openapi';
import { SESSION_COOKIE } from '../../identity/session.js';

/** Every error answer: `{ error, problems? }` (problem.ts writes it, error-renderer.ts decides its status). */
export const Problem = z
  .object({
    error: z.string().openapi({ description: 'What went wrong, in a sentence an operator can act on.' }),
    problems: z
      .array(z.object({ field: z.string().openapi({ description: 'Dotted path of the bad field; empty for the whole body.' }), message: z.string() }))
      .optional()
      .openapi({ description: 'Each bad field, when the request failed a schema.' }),
  })
  .openapi('Problem');

/** What each error status means on this API; a route lists the ones it can answer. */
const ERROR_MEANING = {
  400: 'The request failed its schema or asks for something impossible; `problems` names each bad field.',
  401: 'No credential, or one not in the form `Authorization: Bearer <…>`.',
  403: 'The credential is not valid or may not do this.',
  404: 'Nothing by that name (or outside the credential’s trusts: the same answer).',
  409: 'The thing exists but its state refuses this now.',
  413: 'The body is larger than the collector accepts.',
  415: 'The body’s Content-Type or Content-Encoding is not one the route reads.',
  429: 'Too many attempts; Retry-After says when to try again.',
  502: 'A service the collector called for you refused.',
  503: 'The collector cannot do this now; Retry-After says when to try again.',
} as const;
export type ErrorStatus = keyof typeof ERROR_MEANING;

const RETRY_AFTER = { 'Retry-After': { schema: { type: 'integer' as const }, description: 'Seconds to wait before trying again.' } };

/** The documented error answers of a route, each with the Problem body. */
export function errors<const S extends ErrorStatus[]>(...statuses: S) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: ERROR_MEANING[status],
        content: { 'application/json': { schema: Problem } },
        ...(status === 429 || status === 503 ? { headers: RETRY_AFTER } : {}),
      },
    ]),
  ) as { [K in S[number]]: { description: string; content: { 'application/json': { schema: typeof Problem } } } };
}

/** A JSON answer of a route. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** The credentials this API reads, by the name routes refer to them. */
export const SECURITY_SCHEMES = {
  nodeKey: { type: 'http', scheme: 'bearer', description: 'An agent’s or site poller’s node key, given by POST /v1/enroll. Only POST /v1/reports takes it.' },
  apiToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'A named API key (POST /v1/admin/api-keys: role viewer or admin, scoped to trusts) or a bootstrap token (SF_ADMIN_TOKEN, SF_VIEWER_TOKEN, else <data-dir>/admin.token, viewer.token). Read routes take a viewer or admin credential; /v1/admin/* an admin credential for every trust.',
  },
  dashboardSession: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The built-in dashboard’s session after sign-in; read routes accept it so the pages’ CSV links work.' },
} as const;

type Security = Array<Partial<Record<keyof typeof SECURITY_SCHEMES, string[]>>>;
export const READ_SECURITY: Security = [{ apiToken: [] }, { dashboardSession: [] }];
export const ADMIN_SECURITY: Security = [{ apiToken: [] }];
export const NODE_SECURITY: Security = [{ nodeKey: [] }];
/** Enrolment: no credential but the enrol secret in its body. */
export const NO_SECURITY: Security = [];

/** A `YYYY-MM-DD` day of the scores (checked further by validation/as-of.ts before any read route runs). */
export const Day = z.iso.date().openapi({ example: '2026-03-31' });
