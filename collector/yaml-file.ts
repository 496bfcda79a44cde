import { isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';

/** A path into a YAML document, as zod reports it: `['entries', 12, 'end_of_support']`. */
export type YamlPath = Array<string | number>;

/** At most this many problems are listed for one file, then how many more there are (the project's choice: a screenful). */
export const MAX_LISTED_PROBLEMS = 50;

export interface CheckedYaml<T> {
  data: T;
  /** Throws the caller's error naming the file, the line of `path` and the field: `file.yaml:42: entries.12.end_of_support: …`. */
  fail(path: YamlPath, message: string): never;
  /** Notes a problem worded as `fail` words it and goes on, so one pass finds them all; `refuseNoted` throws them at once. */
  note(path: YamlPath, message: string): void;
  /** Throws the caller's error listing every noted problem, one a line, when there is any. */
  refuseNoted(): void;
}

/**
 * Parses a configuration or data file an administrator edits (end-of-life and firmware catalogues,
 * sign-in grants) and validates it with its schema. Every error names the line, so a refused file can
 * be mended without guessing; every schema problem is listed, one a line, and the caller's own checks
 * after the schema report the same way via `fail` (the first) or `note` (all of them).
 */
export function parseCheckedYaml<T extends z.ZodType>(schema: T, text: string, origin: string, ErrorClass: new (message: string) => Error): CheckedYaml<z.infer<T>> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  // The deepest node of the path that exists: a missing field is reported at its parent's line.
  const lineOf = (path: YamlPath): string => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return `:${lines.linePos(node.range[0]).line}`;
    }
    return '';
  };
  const worded = (path: YamlPath, message: string) => `${origin}${lineOf(path)}: ${path.length ? `${path.join('.')}: ` : ''}${message}`;
  const refuse = (problems: string[]): never => {
    const more = problems.length - MAX_LISTED_PROBLEMS;
    throw new ErrorClass([...problems.slice(0, MAX_LISTED_PROBLEMS), ...(more > 0 ? [`${origin}: and ${more} more problem${more === 1 ? '' : 's'}`] : [])].join('\n'));
  };
  const fail = (path: YamlPath, message: string): never => refuse([worded(path, message)]);
  const syntax = doc.errors[0];
  if (syntax) throw new ErrorClass(`${origin}:${syntax.linePos?.[0].line ?? '?'}: not valid YAML: ${syntax.message.split('\n')[0]}`);
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) return refuse(parsed.error.issues.map((issue) => worded(issue.path.filter((p): p is string | number => typeof p !== 'symbol'), issue.message)));
  const noted: string[] = [];
  return {
    data: parsed.data,
    fail,
    note: (path, message) => void noted.push(worded(path, message)),
    refuseNoted: () => {
      if (noted.length > 0) refuse(noted);
    },
  };
}
