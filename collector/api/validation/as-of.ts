import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { describeIssues, formatProblems, type FieldProblem } from '../../../protocol/index.js';

/**
 * The earliest date a read may ask about (project's choice): no agent of this project reported before
 * it, and it sits well inside ClickHouse's Date range (1970-01-01 to 2149-06-06), outside which a date
 * is clamped or wrapped to another day rather than refused.
 */
export const OLDEST_AS_OF = '2000-01-01';

/** The query parameters that name a day of the scores, on every read route and page. */
export const DATE_PARAMETERS = ['as_of', 'from', 'to'] as const;

/**
 * A day a read may ask about: a real calendar day (zod's ISO date checks month lengths and leap
 * years), not before OLDEST_AS_OF, and not after today, because a read must never make a run for a
 * day that has not happened yet.
 */
export function asOfDate(today: () => string) {
  return z.iso
    .date({ error: 'must be a calendar date, YYYY-MM-DD' })
    .refine((day) => day >= OLDEST_AS_OF, { error: `must be ${OLDEST_AS_OF} or later` })
    .refine((day) => day <= today(), { error: () => `must not be after today (${today()})` });
}

/** What is wrong with the dates of a query (every value of as_of, from and to), if anything. */
export function dateProblems(queries: Record<string, string[]>, today: () => string): FieldProblem[] {
  const day = asOfDate(today);
  const problems: FieldProblem[] = [];
  for (const name of DATE_PARAMETERS) {
    for (const value of queries[name] ?? []) {
      // An empty value is the route's own concern (the pages read it as "not given").
      if (value === '') continue;
      const parsed = day.safeParse(value);
      if (!parsed.success) problems.push(...describeIssues(parsed.error).map((p) => ({ field: name, message: p.message })));
    }
  }
  return problems;
}

/**
 * Refuses a read whose as_of, from or to is not a day it may ask about, before the route runs, so no
 * route can score (and store) an impossible or future day. `refuse` writes the answer: a JSON problem
 * for the API, an error page for the dashboard.
 */
export function validDates(today: () => string, refuse: (c: Context, message: string, problems: FieldProblem[]) => Response | Promise<Response>): MiddlewareHandler {
  return async (c, next) => {
    const problems = dateProblems(c.req.queries(), today);
    if (problems.length > 0) return refuse(c, `invalid query: ${formatProblems(problems)}`, problems);
    return next();
  };
}
