import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stopProgram } from '../../../demo/processes.js';
import { Store } from '../../../collector/store/store.js';
import { adminFor, enroll, freePort, siteWithSecret, spawnCollector } from '../../helpers/collector.js';
import { makeReport, postReport } from '../../helpers/reports.js';
import { tempDir } from '../../helpers/temp.js';

/**
 * The backup docs/deploy-collector.md gives for the embedded store, step by step: stop the
 * collector, archive its data directory with tar, start it again; restore by extracting the
 * archive in place of the directory. (chDB's BACKUP statement needs `backups.allowed_path` in a
 * server configuration the embedded engine is not given, so it is not offered.)
 */
describe('backup and restore of the embedded store', () => {
  const dir = tempDir('backup');
  afterAll(() => dir.remove());

  it('a tar of the stopped data directory restores every report, key and token', async () => {
    const live = join(dir.path, 'sf-collector');
    const first = await spawnCollector(live, await freePort());
    const secret = await siteWithSecret(adminFor(first.url, live));
    const device = await enroll(first.url, secret, 'ab'.repeat(32));
    const reports = Array.from({ length: 5 }, () => makeReport(device.device_id, 4));
    for (const report of reports) expect((await postReport(first.url, device.node_key, report)).status).toBe(202);
    await stopProgram(first.child, 'SIGTERM');

    const archive = join(dir.path, 'sf-collector.tgz');
    execFileSync('tar', ['-C', dir.path, '-czf', archive, 'sf-collector']);
    const restoredParent = join(dir.path, 'restored');
    mkdirSync(restoredParent);
    execFileSync('tar', ['-C', restoredParent, '-xzpf', archive]);
    const restored = join(restoredParent, 'sf-collector');

    const second = await spawnCollector(restored, await freePort());
    try {
      // The device's key, the admin token and the stored reports all came back: a retried
      // report is recognised as stored, a new one is taken.
      const retry = await postReport(second.url, device.node_key, reports[0]);
      expect(retry.status).toBe(202);
      expect(await retry.json()).toMatchObject({ duplicate: true });
      expect((await postReport(second.url, device.node_key, makeReport(device.device_id, 4))).status).toBe(202);
      expect((await adminFor(second.url, restored).listSites()).map((s) => s.site_id)).toContain('test-site');
    } finally {
      await stopProgram(second.child, 'SIGTERM');
    }

    const store = await Store.open({ dataDir: restored, database: 'sf' });
    try {
      const [counts] = await store.query<{ reports: number; samples: number }>(
        'SELECT (SELECT count() FROM {db}.reports FINAL) AS reports, (SELECT count() FROM {db}.latency_samples FINAL) AS samples',
      );
      expect(counts).toEqual({ reports: 6, samples: 24 });
    } finally {
      await store.close();
    }
  });
});
