import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FindingsNotifier } from '../../../collector/notify/digest.js';
import type { RunningCollector } from '../../../collector/service.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../../helpers/collector.js';
import { postReport } from '../../helpers/reports.js';
import { reportDaysEarlier } from '../../helpers/scoring-fleet.js';
import { tempDir } from '../../helpers/temp.js';
import { recordingWebhook, type RecordingWebhook } from '../../helpers/webhook.js';

// A digest webhook of one trust's team hears about that trust only: two trusts each get a laptop
// that left support on 2026-11-10; the webhook scoped to t1 is told of t1's alone.
describe('findings digest scoped to trusts', () => {
  const dir = tempDir('digest-scope');
  let collector: RunningCollector;
  let hook: RecordingWebhook;
  const devices: Record<string, string> = {};

  beforeAll(async () => {
    hook = await recordingWebhook();
    collector = await startTestCollector(dir.path);
    const admin = adminFor(collector.url, dir.path);
    for (const trust of ['t1', 't2']) {
      const secret = await siteWithSecret(admin, `${trust}-site`, trust);
      const device = await enroll(collector.url, secret, (trust === 't1' ? '1' : '2').repeat(64));
      devices[trust] = device.device_id;
      expect((await postReport(collector.url, device.node_key, reportDaysEarlier('w11-23h2-ent', device.device_id, 12))).status).toBe(202);
    }
    await collector.scoring.run('2026-11-10');
  }, 60_000);
  afterAll(async () => {
    await collector.close();
    hook.server.close();
    dir.remove();
  });

  it('posts only the trusts it is scoped to', async () => {
    const notifier = new FindingsNotifier(
      collector.store,
      collector.scoring,
      collector.registry,
      { url: hook.url, format: 'generic', controls: ['CYB-OS-SUPPORTED'], hourUtc: 7, trusts: ['t1'] },
      { clock: () => new Date('2026-11-11T08:00:00Z'), retries: 0 },
    );
    expect(await notifier.maybeSend('2026-11-11')).toBe('sent');
    const body = JSON.stringify(hook.bodies[0]);
    expect(body).toContain(devices.t1);
    for (const other of ['t2', 't2-site', devices.t2!]) expect(body).not.toContain(other);
  });
});
