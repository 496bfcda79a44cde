import type { z } from 'zod';

export interface FieldProblem {
  /** Dotted path to the bad field, e.g. `samples.3.rtt_avg_ms`; empty for the whole body. */
  field: string;
  message: string;
}

/** Turns a zod error into a list that names every bad field, for 400 bodies and CLI errors. */
export function describeIssues(error: z.ZodError, limit = 50): FieldProblem[] {
  return error.issues.slice(0, limit).map((issue) => ({
    field: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

export function formatProblems(problems: FieldProblem[]): string {
  return problems.map((p) => `${p.field || '(body)'}: ${p.message}`).join('; ');
}
