import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** file → the project files it imports (relative specifiers only; packages are not layers). Paths are repo-relative with '/'. */
export type ImportGraph = Map<string, Set<string>>;

function sourceFiles(root: string, dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) found.push(...sourceFiles(root, relative));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(relative);
  }
  return found;
}

/** './x.js' from 'a/b.ts' → 'a/x.ts' (or .tsx, or x/index.ts); undefined for JSON and other non-source files. */
function resolve(root: string, from: string, specifier: string): string | undefined {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier)).replace(/\.jsx?$/, '');
  return [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((candidate) => existsSync(path.join(root, candidate)));
}

/**
 * Statement-level import forms: `import … from`, `import type … from`, `export … from` (their
 * clauses never hold '=', '(' or ';', which keeps a match inside one statement), bare
 * `import 'x'`, and dynamic `import('x')`. The installed TypeScript (7, native) has no JS
 * compiler API to ask instead.
 */
const FROM = /^\s*(?:import|export)(\s+type\b)?[^;=()]*?\bfrom\s*['"]([^'"]+)['"]/gm;
const BARE = /^\s*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The specifiers a module imports; with `runtimeOnly`, without `import type` / `export type` (erased when compiled). */
export function specifiers(source: string, runtimeOnly = false): string[] {
  const fromClauses = [...source.matchAll(FROM)].filter((match) => !(runtimeOnly && match[1])).map((match) => match[2]!);
  const others = [...source.matchAll(BARE), ...source.matchAll(DYNAMIC)].map((match) => match[1]!);
  return [...fromClauses, ...others];
}

/** The import graph of the given top-level folders; `runtimeOnly` leaves out type-only imports. */
export function importGraph(root: string, folders: string[], runtimeOnly = false): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of folders.flatMap((folder) => sourceFiles(root, folder))) {
    const targets = new Set<string>();
    for (const fileName of specifiers(readFileSync(path.join(root, file), 'utf8'), runtimeOnly)) {
      if (!fileName.startsWith('.')) continue;
      const target = resolve(root, file, fileName);
      if (target) targets.add(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Every strongly connected group of two or more modules (or a module importing itself): Tarjan's algorithm. */
export function cycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1 || graph.get(node)?.has(node)) found.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}
