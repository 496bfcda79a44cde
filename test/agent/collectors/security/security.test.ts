import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSecurityCollector } from '../../../../agent/collectors/security/index.js';
import { Security } from '../../../../protocol/index.js';
import { findUnknowns, fixtureCases, testContextBase } from '../../../helpers/agent.js';
import { cannedFiles, cannedRunner, caseDir, hasCase, loadCase } from './fixtures.js';

// ClamAV prints its database date in local time; pin the zone so expectations hold everywhere.
beforeAll(() => {
  process.env.TZ = 'UTC';
});

async function collectCase(name: string, calls: string[] = []): Promise<unknown> {
  const spec = loadCase(name);
  const collector = createSecurityCollector({ files: cannedFiles(name, spec) });
  const output = await collector.collect({
    ...testContextBase(),
    run: cannedRunner(name, spec, calls),
    platform: spec.platform,
    signal: new AbortController().signal,
    deadline: Date.now() + 30_000,
  });
  return output.inventory?.security;
}

describe('security collector over fixture machines', () => {
  for (const name of fixtureCases('security').filter(hasCase)) {
    it(`${name}: ${loadCase(name).description}`, async () => {
      const security = await collectCase(name);
      const expectedFile = path.join(caseDir(name), 'expected.json');
      // Regenerate with SF_WRITE_FIXTURES=1, then review the diff by hand before committing.
      if (process.env.SF_WRITE_FIXTURES === '1') writeFileSync(expectedFile, `${JSON.stringify(security, null, 2)}\n`);
      expect(security).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
      expect(Security.safeParse(security).error?.issues ?? []).toEqual([]);
      for (const { path: at, reason } of findUnknowns(security)) expect(String(reason).length, `reason at ${at}`).toBeGreaterThan(10);
    });
  }

  it('Windows runs one PowerShell process for everything', async () => {
    const calls: string[] = [];
    await collectCase('windows-11-defender', calls);
    expect(calls).toEqual(['powershell.exe']);
  });

  it('an unsupported platform reports every field unknown, with the reason', async () => {
    const collector = createSecurityCollector();
    const output = await collector.collect({ ...testContextBase(), platform: 'aix', signal: new AbortController().signal, deadline: Date.now() + 5_000 });
    expect(output.inventory?.security?.tpm).toEqual({ unknown: 'no security reader for platform "aix" yet' });
  });
});

describe.runIf(process.platform === 'linux')('security collector on this machine (real Linux probes)', () => {
  it('returns a protocol-valid Security where every unknown has a reason', async () => {
    const collector = createSecurityCollector();
    expect(collector).toMatchObject({ name: 'security', kind: 'inventory', intervalSeconds: 3600 });
    const output = await collector.collect({ ...testContextBase(), signal: new AbortController().signal, deadline: Date.now() + 30_000 });
    const security = output.inventory?.security;
    expect(Security.safeParse(security).error?.issues ?? []).toEqual([]);
    for (const { path: at, reason } of findUnknowns(security)) expect(String(reason).trim().length, `reason at ${at}`).toBeGreaterThan(10);
  }, 40_000);
});
