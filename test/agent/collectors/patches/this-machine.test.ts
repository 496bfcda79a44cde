import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPatchesCollector } from '../../../../agent/collectors/patches/index.js';
import { Patches } from '../../../../protocol/index.js';
import { findUnknowns, testContextBase } from '../../../helpers/agent.js';

// The real Linux path on the test machine (Debian 12 with apt): simulation only, from the local
// package lists; nothing downloads, nothing needs the network.
describe.runIf(process.platform === 'linux' && existsSync('/usr/bin/apt-get'))('patches on this machine', () => {
  it('returns a valid Patches object from apt, every unknown with a reason', async () => {
    const output = await createPatchesCollector().collect({ ...testContextBase(), signal: new AbortController().signal, deadline: Date.now() + 45_000 });
    const patches = output.inventory?.patches;
    expect(Patches.safeParse(patches).error?.issues ?? []).toEqual([]);
    expect(patches?.source).toBe('apt');
    for (const { path, reason } of findUnknowns(patches)) expect(String(reason).trim().length, path).toBeGreaterThan(10);
    if (typeof patches?.pending_updates === 'number') {
      expect(patches.pending?.length).toBe(Math.min(200, patches.pending_updates));
      expect(patches.pending_security_updates).toBeLessThanOrEqual(patches.pending_updates);
    }
  });
});
