import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { describeIssues, formatProblems } from '../../protocol/index.js';

/**
 * Parses a YAML data file (a catalogue) and validates it; the error names the file and each bad
 * field (`entries.12.end_of_support: …`), thrown as the caller's error class.
 */
export function parseYamlData<T extends z.ZodType>(schema: T, text: string, origin: string, fail: new (message: string) => Error): z.infer<T> {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new fail(`${origin}: not valid YAML: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new fail(`${origin}: ${formatProblems(describeIssues(parsed.error))}`);
  return parsed.data;
}
