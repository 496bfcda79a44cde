import { describe, expect, it } from 'vitest';
import { defaultCollectors } from '../../../agent/collectors/registry.js';
import { Inventory, Sample, isUnknown } from '../../../protocol/index.js';
import { testContextBase } from '../../helpers/agent.js';

/** Every `{ unknown }` value anywhere in the output, with its path. */
function unknowns(value: unknown, path = ''): Array<{ path: string; reason: string }> {
  if (isUnknown(value)) return [{ path, reason: value.unknown }];
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => unknowns(v, path ? `${path}.${k}` : k));
  }
  return [];
}

// One test over every registered collector, run for real on this machine (latency against loopback only).
describe.each(defaultCollectors().map((c) => [c.name, c] as const))('collector %s', (name, collector) => {
  it('has a unique, plain name and a positive interval', () => {
    expect(name).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(defaultCollectors().filter((c) => c.name === name)).toHaveLength(1);
    expect(collector.intervalSeconds).toBeGreaterThan(0);
  });

  it('returns protocol-valid output on this machine, every unknown with a reason', async () => {
    const controller = new AbortController();
    // The deadline is a hang guard only: no assertion on elapsed time (the answer must not depend on load).
    const output = await collector.collect({
      ...testContextBase({ latency: { targets: [{ host: '127.0.0.1' }], count: 2, timeout_ms: 500 } }),
      signal: controller.signal,
      deadline: Date.now() + 120_000,
    });
    if (collector.kind === 'inventory') {
      expect(output.inventory, 'an inventory collector contributes inventory').toBeDefined();
      expect(Inventory.safeParse(output.inventory).error?.issues ?? []).toEqual([]);
    } else {
      // May be empty where the machine has nothing to measure (no Wi-Fi here); the latency
      // collector has a loopback target in this test, so it must measure.
      expect(Array.isArray(output.samples ?? [])).toBe(true);
      if (name === 'latency') expect(output.samples?.length).toBeGreaterThan(0);
      for (const sample of output.samples ?? []) expect(Sample.safeParse(sample).error?.issues ?? []).toEqual([]);
    }
    for (const { path, reason } of unknowns(output)) expect(reason.trim().length, `reason for ${path}`).toBeGreaterThan(3);
  });
});
