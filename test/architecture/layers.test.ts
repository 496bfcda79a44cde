import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cycles, importGraph, specifiers, type ImportGraph } from './import-graph.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The collector's layers, lowest first. A module may import from its own layer or from a lower
 * one, never from a higher one, and never from another layer of the same rank (siblings stay
 * independent). The order is the data's path: ClickHouse is reached only through store/; the
 * end-of-life catalogue and the ingest path write through it; identity knows devices (its
 * registry caches the writer's device ids); scoring turns stored facts into findings; queries
 * are read models over scores; notify and the HTTP surfaces only read; the app, the service and
 * the CLI compose everything. Telemetry's instruments and the logger are cross-cutting (every
 * layer measures and logs), so they sit at the bottom; telemetry/writer.ts observes the report
 * writer and so sits above ingest. The project chose this order itself (issue 13); change it
 * here, with a reason, rather than adding exceptions elsewhere.
 */
const LAYERS: ReadonlyArray<{ name: string; rank: number; holds: (file: string) => boolean }> = [
  { name: 'cross-cutting', rank: 0, holds: (f) => ['collector/version.ts', 'collector/telemetry/instruments.ts', 'collector/telemetry/sdk.ts', 'collector/telemetry/log.ts', 'collector/yaml-file.ts', 'collector/errors.ts'].includes(f) },
  { name: 'store', rank: 1, holds: (f) => f.startsWith('collector/store/') },
  { name: 'lifecycle', rank: 2, holds: (f) => f.startsWith('collector/lifecycle/') },
  { name: 'ingest', rank: 3, holds: (f) => f.startsWith('collector/ingest/') },
  { name: 'identity', rank: 4, holds: (f) => f.startsWith('collector/identity/') },
  { name: 'assets', rank: 5, holds: (f) => f.startsWith('collector/assets/') },
  { name: 'telemetry', rank: 5, holds: (f) => f.startsWith('collector/telemetry/') },
  { name: 'scoring', rank: 5, holds: (f) => f.startsWith('collector/scoring/') },
  { name: 'queries', rank: 6, holds: (f) => f.startsWith('collector/queries/') },
  { name: 'notify', rank: 7, holds: (f) => f.startsWith('collector/notify/') },
  // The API's routes and middleware; the web pages reuse its middleware (audit log) and validation.
  { name: 'api', rank: 8, holds: (f) => f.startsWith('collector/api/') && f !== 'collector/api/app.ts' },
  { name: 'web', rank: 9, holds: (f) => f.startsWith('collector/web/') },
  // One Hono app mounting the API and the pages.
  { name: 'http app', rank: 10, holds: (f) => f === 'collector/api/app.ts' },
  // Adapters giving each long-lived part (store, writer, scheduler, server…) one start/stop; they never import the app.
  { name: 'runtime', rank: 10, holds: (f) => f.startsWith('collector/runtime/') },
  // The settings table (collector/settings/) is the command line's: it reads config.ts's defaults.
  { name: 'service and cli', rank: 11, holds: (f) => /^collector\/(settings\/)?[^/]+\.tsx?$/.test(f) },
];

/** The first matching layer wins, so the cross-cutting files are claimed before their folders. */
function layerOf(file: string): { name: string; rank: number } | undefined {
  return LAYERS.find((layer) => layer.holds(file));
}

const program = (file: string): string => file.split('/')[0]!;

/**
 * What each top-level program may import outside itself. protocol/ is the shared contract: it
 * knows neither program; the agent and the collector know only it. The fleet simulator (demo/)
 * is a client of the collector's public API and admin client, so it may import the collector;
 * nothing imports demo/ but tests and bin/ (neither is walked).
 */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = { agent: ['protocol'], collector: ['protocol'], protocol: [], demo: ['collector', 'protocol'] };

/**
 * Every import that breaks the architecture, as a readable line. Fails closed: a collector module
 * in no layer is reported. Layers are judged on every import, types included (a type from a
 * higher layer is still knowledge of it); cycles are judged between modules on runtime imports
 * (`runtime`, default the same graph): a type-only back-edge is erased when compiled, so it cannot
 * make a module see another half-initialised. Between collector folders the strict rank rule
 * already rules out any cycle, types included.
 */
function violations(graph: ImportGraph, runtime: ImportGraph = graph): string[] {
  const found: string[] = [];
  for (const [from, targets] of graph) {
    const fromLayer = program(from) === 'collector' ? layerOf(from) : undefined;
    if (program(from) === 'collector' && !fromLayer) found.push(`${from} is in no layer: add its folder to LAYERS`);
    for (const to of targets) {
      const allowed = MAY_IMPORT[program(from)] ?? [];
      if (program(from) !== program(to) && !allowed.includes(program(to))) {
        found.push(`${from} → ${to}: ${program(from)}/ may import ${allowed.length > 0 ? `only ${allowed.map((p) => `${p}/`).join(', ')}` : 'nothing'} outside itself`);
        continue;
      }
      if (program(from) !== 'collector' || program(to) !== 'collector' || !fromLayer) continue;
      const toLayer = layerOf(to);
      if (!toLayer || toLayer.name === fromLayer.name) continue;
      if (toLayer.rank >= fromLayer.rank) found.push(`${from} → ${to}: ${fromLayer.name} (${fromLayer.rank}) may not import ${toLayer.name} (${toLayer.rank})`);
    }
  }
  for (const group of cycles(runtime)) found.push(`import cycle: ${group.join(' ↔ ')}`);
  return found;
}

const graphOf = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges).map(([from, to]) => [from, new Set(to)]));

describe('import layers', () => {
  it('reads every import form, and tells type-only imports apart', () => {
    const source = [
      "import { a } from './a.js';",
      "import type { B } from './b.js';",
      'import {\n  c,\n  type C,\n} from "./c.js";',
      "export { d } from './d.js';",
      "export type { E } from './e.js';",
      "import './f.js';",
      "const g = await import('./g.js');",
      "const text = 'words from nowhere';",
    ].join('\n');
    expect(specifiers(source).sort()).toEqual(['./a.js', './b.js', './c.js', './d.js', './e.js', './f.js', './g.js']);
    expect(specifiers(source, true).sort()).toEqual(['./a.js', './c.js', './d.js', './f.js', './g.js']);
  });

  it('the real tree of agent/, collector/, demo/ and protocol/ has no upward import, no cross-program import and no module cycle', () => {
    const graph = importGraph(ROOT, ['agent', 'collector', 'demo', 'protocol']);
    const runtime = importGraph(ROOT, ['agent', 'collector', 'demo', 'protocol'], true);
    expect(graph.size).toBeGreaterThan(100);
    // The notifier names devices with the rule the pages use, from below both.
    expect(graph.get('collector/notify/messages.ts')).toContain('collector/queries/device-labels.ts');
    // Type-only back-edges (a migration's `import type { Migration }` from the index) are in the
    // full graph and out of the runtime one.
    expect(graph.get('collector/store/migrations/001_core.ts')).toContain('collector/store/migrations/index.ts');
    expect(runtime.get('collector/store/migrations/001_core.ts')).not.toContain('collector/store/migrations/index.ts');
    expect(violations(graph, runtime)).toEqual([]);
  });

  it('reports each kind of violation in a graph built to break the rules', () => {
    const bad = graphOf({
      'collector/store/store.ts': ['collector/scoring/evaluate.ts'],
      'collector/scoring/evaluate.ts': ['collector/store/store.ts'],
      'collector/notify/messages.ts': ['collector/web/format.ts'],
      'collector/web/format.ts': [],
      'collector/queries/list.ts': ['collector/api/problem.ts'],
      'collector/api/problem.ts': [],
      'protocol/index.ts': ['agent/config/load.ts'],
      'agent/config/load.ts': ['collector/config.ts'],
      'collector/config.ts': [],
      'collector/newfolder/thing.ts': [],
      'collector/cli.ts': ['demo/fleet.ts'],
      'demo/fleet.ts': [],
    });
    expect(violations(bad)).toEqual([
      'collector/store/store.ts → collector/scoring/evaluate.ts: store (1) may not import scoring (5)',
      'collector/notify/messages.ts → collector/web/format.ts: notify (7) may not import web (9)',
      'collector/queries/list.ts → collector/api/problem.ts: queries (6) may not import api (8)',
      'protocol/index.ts → agent/config/load.ts: protocol/ may import nothing outside itself',
      'agent/config/load.ts → collector/config.ts: agent/ may import only protocol/ outside itself',
      'collector/newfolder/thing.ts is in no layer: add its folder to LAYERS',
      'collector/cli.ts → demo/fleet.ts: collector/ may import only protocol/ outside itself',
      'import cycle: collector/scoring/evaluate.ts ↔ collector/store/store.ts',
    ]);
  });

  it('allows downward imports and imports within a layer', () => {
    const good = graphOf({
      'collector/web/routes.tsx': ['collector/web/format.ts', 'collector/api/validation/as-of.ts', 'collector/store/store.ts', 'protocol/index.ts'],
      'collector/web/format.ts': ['collector/scoring/dates.ts'],
      'collector/scoring/dates.ts': [],
      'collector/api/validation/as-of.ts': [],
      'collector/store/store.ts': ['collector/telemetry/instruments.ts'],
      'collector/telemetry/instruments.ts': ['collector/version.ts'],
      'collector/version.ts': [],
      'protocol/index.ts': [],
      'demo/main.ts': ['collector/admin-client.ts', 'protocol/index.ts'],
      'collector/admin-client.ts': [],
    });
    expect(violations(good)).toEqual([]);
  });

  it('reports a module importing itself as a cycle', () => {
    expect(violations(graphOf({ 'agent/agent.ts': ['agent/agent.ts'] }))).toEqual(['import cycle: agent/agent.ts']);
  });
});
