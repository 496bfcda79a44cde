import { isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';

/** A path into a YAML document, as zod reports it: `['entries', 12, 'end_of_support']`. */
export type YamlPath = Array<string | number>;

export interface CheckedYaml<T> {
  data: T;
  /** Throws the caller's error naming the file, the line of `path` and the field: `file.yaml:42: entries.12.end_of_support: …`. */
  fail(path: YamlPath, message: string): never;
}

/**
 * Parses a configuration or data file an administrator edits (end-of-life catalogue, sign-in
 * grants) and validates it with its schema. Every error names the line, so a refused file can be
 * mended without guessing; the caller's own checks after the schema report the same way via `fail`.
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
  const fail = (path: YamlPath, message: string): never => {
    throw new ErrorClass(`${origin}${lineOf(path)}: ${path.length ? `${path.join('.')}: ` : ''}${message}`);
  };
  const syntax = doc.errors[0];
  if (syntax) throw new ErrorClass(`${origin}:${syntax.linePos?.[0].line ?? '?'}: not valid YAML: ${syntax.message.split('\n')[0]}`);
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(issue.path.filter((p): p is string | number => typeof p !== 'symbol'), issue.message);
  }
  return { data: parsed.data, fail };
}
