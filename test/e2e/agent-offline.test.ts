import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startProgram, stopProgram, waitFor } from '../../demo/processes.js';
import { Store } from '../../collector/store/store.js';
import { adminFor, freePort, siteWithSecret, spawnCollector } from '../helpers/collector.js';
import { tempDir } from '../helpers/temp.js';

const SPOOL_LIMIT = 256 * 1024;

function spoolBytes(stateDir: string): { files: number; bytes: number } {
  const queue = join(stateDir, 'spool', 'queue');
  let files = 0;
  let bytes = 0;
  for (const name of readdirSync(queue).filter((n) => !n.startsWith('.tmp-'))) {
    files++;
    bytes += statSync(join(queue, name)).size;
  }
  return { files, bytes };
}

// A real `sf-agent run` process and a real collector process, the collector stopped and restarted.
describe('agent with the collector down', () => {
  const dir = tempDir('offline');
  afterAll(() => dir.remove());

  it('spools on disk within its bound, then delivers every report exactly once', async () => {
    const dataDir = join(dir.path, 'collector');
    const stateDir = join(dir.path, 'agent');
    const port = await freePort();
    const collector = await spawnCollector(dataDir, port);
    const secret = await siteWithSecret(adminFor(collector.url, dataDir));

    const config = join(dir.path, 'agent.yaml');
    writeFileSync(config, `spool:\n  max_bytes: ${SPOOL_LIMIT}\nlatency:\n  count: 2\n  timeout_ms: 500\n`);
    const agent = startProgram('agent', [
      'run', '--config', config, '--collector-url', collector.url, '--enroll-secret', secret, '--state-dir', stateDir,
      '--latency-target', '127.0.0.1', '--interval-scale', '0.004',
    ]);
    let log = '';
    agent.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    const spooledIds = () => [...log.matchAll(/"msg":"report spooled".*?"report_id":"([0-9a-f-]{36})"/g)].map((m) => m[1]!);

    try {
      await waitFor('two delivered reports', async () => {
        const stats = await adminFor(collector.url, dataDir).stats();
        return stats.reports >= 2 ? true : undefined;
      }, 60_000);

      await stopProgram(collector.child, 'SIGKILL');
      const spooledBeforeOutage = spooledIds().length;
      let largest = 0;
      await waitFor('reports piling up in the spool', async () => {
        const { files, bytes } = spoolBytes(stateDir);
        largest = Math.max(largest, bytes);
        return files >= 4 ? true : undefined;
      }, 60_000);
      expect(spooledIds().length).toBeGreaterThan(spooledBeforeOutage);
      expect(largest).toBeLessThanOrEqual(SPOOL_LIMIT);
      expect(log).toMatch(/delivery failed, will retry/);

      const restarted = await spawnCollector(dataDir, port);
      try {
        await waitFor('the spool to drain', async () => (spoolBytes(stateDir).files === 0 ? true : undefined), 60_000);
      } finally {
        await stopProgram(agent, 'SIGTERM');
        await stopProgram(restarted.child, 'SIGTERM');
      }
    } finally {
      await stopProgram(agent, 'SIGKILL');
      await stopProgram(collector.child, 'SIGKILL');
    }

    // Every report the agent produced is either stored exactly once or still in its spool
    // (spooled after the last delivery, just before the agent stopped): nothing lost, nothing twice.
    const produced = spooledIds();
    const stillSpooled = new Set(readdirSync(join(stateDir, 'spool', 'queue')).map((name) => name.split('.')[1]!));
    const store = await Store.open({ dataDir, database: 'sf' });
    try {
      const rows = await store.query<{ id: string; n: number }>(
        `SELECT toString(report_id) AS id, count() AS n FROM {db}.reports GROUP BY id`,
      );
      const stored = new Map(rows.map((r) => [r.id, Number(r.n)]));
      expect(produced.length).toBeGreaterThanOrEqual(6);
      for (const id of produced) {
        expect(stored.has(id) !== stillSpooled.has(id), `report ${id}: stored xor still spooled`).toBe(true);
      }
      expect([...stored.values()].every((n) => n === 1)).toBe(true);
      expect(stored.size).toBe(produced.length - stillSpooled.size);
    } finally {
      await store.close();
    }
    // Three waits of up to a minute each (delivery, outage, drain): the limit only stops a hung run.
  }, 300_000);
});
