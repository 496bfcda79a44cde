import { z } from 'zod';

/**
 * "Unknown is a value": a probe that could not tell says so, with the reason,
 * instead of guessing. Any field wrapped in `known()` is either its value or this.
 */
export const Unknown = z.object({
  unknown: z.string().min(1).max(500).describe('Why the agent could not tell'),
});
export type Unknown = z.infer<typeof Unknown>;

export function known<T extends z.ZodType>(schema: T) {
  return z.union([schema, Unknown]);
}

export function unknown(reason: string): Unknown {
  return { unknown: reason };
}

export function isUnknown(value: unknown): value is Unknown {
  return typeof value === 'object' && value !== null && 'unknown' in value && Object.keys(value).length === 1;
}
