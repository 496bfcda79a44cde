import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FieldProblem } from '../../protocol/index.js';

/**
 * Every error answer has one shape: `{ error, problems? }`, `problems` naming each bad field. The
 * error renderer (error-renderer.ts) and the no-route answer write it; routes and middleware throw.
 */
export function problem(c: Context, status: ContentfulStatusCode, error: string, problems?: FieldProblem[]) {
  return c.json(problems ? { error, problems } : { error }, status);
}
