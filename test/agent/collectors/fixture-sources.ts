import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/**
 * The sidecar every fixture case folder carries (test/fixtures/agent/<area>/<case>/SOURCE.md):
 * YAML front matter saying where the raw output came from and which parser reads it. The
 * convention is written down in docs/agent-compatibility.md; the conformance test and the
 * compatibility table both read it from here, so the two cannot disagree.
 */
export const FIXTURES_ROOT = path.resolve(import.meta.dirname, '../../fixtures/agent');

const text = z.string().trim().min(1);
const common = {
  os: z.enum(['linux', 'windows', 'macos']),
  os_version: text,
  locale: text,
  parser: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  notes: z.string().optional(),
};

// A genuine sample names where it can be checked: a URL (a blob URL pinned to a commit is best,
// an issue or forum thread otherwise) or `owner/repo:path@commit`.
const checkableSource = z
  .string()
  .regex(/^(https?:\/\/\S+|[\w.-]+\/[\w.-]+:\S+@[0-9a-f]{7,40})$/, 'a URL or owner/repo:path@commit');

export const FixtureSource = z.discriminatedUnion('genuine', [
  z.strictObject({ genuine: z.literal(true), source: checkableSource, ...common, edge_case: z.string().optional() }),
  z.strictObject({
    genuine: z.literal(false),
    source: z.literal('hand-written'),
    ...common,
    // Why a hand-written case exists at all: the edge case no genuine sample shows.
    edge_case: z.string().trim().min(10),
  }),
]);
export type FixtureSource = z.infer<typeof FixtureSource>;

export interface FixtureCase {
  area: string;
  name: string;
  dir: string;
  /** The parsed front matter, or why SOURCE.md is missing or invalid. */
  source: { ok: true; value: FixtureSource } | { ok: false; problem: string };
}

/** Every case folder: test/fixtures/agent/<area>/<case>/. */
export function fixtureCaseDirs(root = FIXTURES_ROOT): Array<{ area: string; name: string; dir: string }> {
  const dirsIn = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  return dirsIn(root).flatMap((area) => dirsIn(path.join(root, area)).map((name) => ({ area, name, dir: path.join(root, area, name) })));
}

export function readFixtureSource(dir: string): FixtureCase['source'] {
  const file = path.join(dir, 'SOURCE.md');
  if (!existsSync(file)) return { ok: false, problem: 'no SOURCE.md' };
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(readFileSync(file, 'utf8'));
  if (!match) return { ok: false, problem: 'SOURCE.md has no front matter between --- lines' };
  let data: unknown;
  try {
    data = parseYaml(match[1] ?? '');
  } catch (error) {
    return { ok: false, problem: `front matter is not YAML: ${(error as Error).message}` };
  }
  const parsed = FixtureSource.safeParse(data);
  if (!parsed.success) {
    return { ok: false, problem: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') };
  }
  return { ok: true, value: parsed.data };
}

export function fixtureCases(root = FIXTURES_ROOT): FixtureCase[] {
  return fixtureCaseDirs(root).map((c) => ({ ...c, source: readFixtureSource(c.dir) }));
}

/** expected.json with the machine-dependent placeholder filled in (os fixtures name the CPU arch). */
export function readExpected(dir: string): unknown {
  return JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8').replaceAll('__PROCESS_ARCH__', process.arch));
}

export type Outcome = 'values' | 'partly unknown' | 'unknown' | 'nothing to report';

const FAILURE_KEYS = new Set(['failure', 'problem']);

/**
 * What a case's expected answer amounts to, for the compatibility table: every value read, some
 * fields unknown (each with its reason), nothing read, or nothing there to read (no Wi-Fi, no updates).
 */
export function outcomeOf(expected: unknown): Outcome {
  let values = 0;
  let unknowns = 0;
  const walk = (v: unknown): void => {
    if (v === null || v === undefined) return;
    if (Array.isArray(v)) return v.forEach(walk);
    if (typeof v !== 'object') {
      values += 1;
      return;
    }
    const entries = Object.entries(v);
    if (entries.length === 1 && 'unknown' in v) {
      unknowns += 1;
      return;
    }
    // `{ ok: false, reason }` is how a parser says it could not read the document at all.
    if ('ok' in v && v.ok === false) {
      unknowns += 1;
      return;
    }
    for (const [key, child] of entries) {
      if (FAILURE_KEYS.has(key) && typeof child === 'string') unknowns += 1;
      else walk(child);
    }
  };
  walk(expected);
  if (unknowns === 0) return values === 0 ? 'nothing to report' : 'values';
  return values === 0 ? 'unknown' : 'partly unknown';
}
