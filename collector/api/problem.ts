import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { describeIssues, type FieldProblem } from '../../protocol/index.js';

/** Every error answer has one shape: `{ error, problems? }`, `problems` naming each bad field. */
export function problem(c: Context, status: ContentfulStatusCode, error: string, problems?: FieldProblem[]) {
  return c.json(problems ? { error, problems } : { error }, status);
}

export function invalid(c: Context, what: string, error: z.ZodError) {
  const problems = describeIssues(error);
  const summary = problems.map((p) => p.field || '(body)').join(', ');
  return problem(c, 400, `invalid ${what}: ${summary}`, problems);
}

export function retryLater(c: Context, status: 429 | 503, seconds: number, error: string) {
  c.header('Retry-After', String(seconds));
  return problem(c, status, error);
}
