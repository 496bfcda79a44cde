import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph } from '../architecture/import-graph.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The agent's layers, lowest first: a module may import from its own rank or a lower one, never a
 * higher one (types included). The order is the project's own (issue 13): the host (commands,
 * files) and the settings machinery know nothing of the agent; each collector's settings.ts sits
 * under the config that composes them; collectors, the transport and the spool sit under the cycle
 * and the sender that drive them; the commands (doctor, validate, worker, enrol) compose those; the
 * service and the CLI compose everything. The first matching layer wins.
 */
const LAYERS: ReadonlyArray<{ name: string; rank: number; holds: (file: string) => boolean }> = [
  { name: 'foundation', rank: 0, holds: (f) => ['agent/log.ts', 'agent/version.ts', 'agent/config/setting.ts', 'agent/config/paths.ts'].includes(f) || f.startsWith('agent/host/') },
  { name: 'collector settings', rank: 1, holds: (f) => /^agent\/collectors\/[^/]+\/settings\.ts$/.test(f) || f === 'agent/config/snmp.ts' },
  { name: 'config', rank: 2, holds: (f) => f.startsWith('agent/config/') },
  { name: 'collectors, transport, spool, identity', rank: 3, holds: (f) => ['agent/collectors/', 'agent/transport/', 'agent/spool/'].some((p) => f.startsWith(p)) || f === 'agent/identity.ts' },
  { name: 'cycle and sender', rank: 4, holds: (f) => ['agent/cycle/', 'agent/sender/'].some((p) => f.startsWith(p)) || f === 'agent/fingerprint.ts' },
  { name: 'commands', rank: 5, holds: (f) => f.startsWith('agent/worker/') || ['agent/enroll.ts', 'agent/doctor.ts', 'agent/doctor-verdict.ts', 'agent/validate.ts', 'agent/configure.ts'].includes(f) },
  { name: 'service', rank: 6, holds: (f) => f === 'agent/agent.ts' },
  { name: 'entry points', rank: 7, holds: (f) => ['agent/cli.ts', 'agent/index.ts', 'agent/runtime-flags.ts'].includes(f) },
];

const layerOf = (file: string) => LAYERS.find((layer) => layer.holds(file));

/** Every import inside agent/ that goes up a layer, and every agent module in no layer (fails closed). */
function violations(graph: Map<string, Set<string>>): string[] {
  const found: string[] = [];
  for (const [from, targets] of graph) {
    if (!from.startsWith('agent/') || from.endsWith('.d.ts')) continue;
    const own = layerOf(from);
    if (!own) {
      found.push(`${from}: in no layer`);
      continue;
    }
    for (const to of targets) {
      const theirs = to.startsWith('agent/') ? layerOf(to) : undefined;
      if (theirs && theirs.rank > own.rank) found.push(`${from} (${own.name}) → ${to} (${theirs.name})`);
    }
  }
  return found.sort();
}

describe('agent layers', () => {
  it('no agent module imports from a layer above its own', () => {
    const graph = importGraph(ROOT, ['agent']);
    expect(graph.size).toBeGreaterThan(100);
    expect(violations(graph)).toEqual([]);
  });

  it('names an upward import and a module in no layer', () => {
    const graph = new Map([
      ['agent/host/runner.ts', new Set(['agent/cycle/scheduler.ts'])],
      ['agent/new-thing.ts', new Set<string>()],
    ]);
    expect(violations(graph)).toEqual(['agent/host/runner.ts (foundation) → agent/cycle/scheduler.ts (cycle and sender)', 'agent/new-thing.ts: in no layer']);
  });
});
