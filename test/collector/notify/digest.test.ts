import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FindingsNotifier, type NotifyOptions } from '../../../collector/notify/digest.js';
import type { RunningCollector } from '../../../collector/service.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../../helpers/collector.js';
import { postReport } from '../../helpers/reports.js';
import { reportDaysEarlier } from '../../helpers/scoring-fleet.js';
import { tempDir } from '../../helpers/temp.js';
import { recordingWebhook, type RecordingWebhook } from '../../helpers/webhook.js';

// The daily digest for 2026-11-11 against 2026-11-10: a Windows 11 Enterprise 23H2 laptop left
// support on 2026-11-10 (new CYB-OS-SUPPORTED finding) and a laptop was patched on 2026-11-11
// (resolved CYB-PATCH finding).
describe('daily findings digest to a webhook', () => {
  const dir = tempDir('notify');
  let collector: RunningCollector;
  let hook: RecordingWebhook;
  let eol: string;
  let now = new Date('2026-11-11T06:00:00Z');
  const notifier = (options: Partial<NotifyOptions> = {}) =>
    new FindingsNotifier(
      collector.store,
      collector.scoring,
      collector.registry,
      { url: hook.url, format: 'generic', controls: ['CYB-OS-SUPPORTED', 'CYB-PATCH'], hourUtc: 7, publicUrl: 'https://telemetry.trust.nhs.uk', ...options },
      { clock: () => now, retries: 2, minRetryMs: 10 },
    );

  beforeAll(async () => {
    hook = await recordingWebhook();
    collector = await startTestCollector(dir.path);
    const secret = await siteWithSecret(adminFor(collector.url, dir.path), 's1', 't');
    const [a, b] = await Promise.all([enroll(collector.url, secret, '1'.repeat(64)), enroll(collector.url, secret, '2'.repeat(64))]);
    eol = a.device_id;
    for (const [key, report] of [
      [a.node_key, reportDaysEarlier('w11-23h2-ent', a.device_id, 12)], // 2026-11-08
      [b.node_key, reportDaysEarlier('unpatched', b.device_id, 12)], // 2026-11-08
      [b.node_key, reportDaysEarlier('good', b.device_id, 9)], // 2026-11-11: patched
    ] as const) expect((await postReport(collector.url, key, report)).status).toBe(202);
    await collector.scoring.run('2026-11-10'); // the day before's snapshot, kept
  });
  afterAll(async () => {
    await collector.close();
    hook.server.close();
    dir.remove();
  });

  it('waits for its hour, then posts the digest once, retrying a webhook that failed', async () => {
    const digest = notifier();
    expect(await digest.maybeSend('2026-11-11')).toBe('too-early');
    expect(hook.bodies).toEqual([]);

    now = new Date('2026-11-11T07:05:00Z');
    hook.answers.push(503);
    expect(await digest.maybeSend('2026-11-11')).toBe('sent');
    expect(hook.bodies).toHaveLength(2); // the 503, then the accepted retry
    const body = hook.bodies[1] as { text: string; since: string; trusts: Array<{ new: number; resolved: number; new_findings: Array<{ device_id: string; control_id: string; reason: string }> }> };
    // The trust's standing is the day's stored run, as the API serves it.
    const scores = (await (await fetch(`${collector.url}/v1/scores?as_of=2026-11-11&trust=t`, { headers: { authorization: `Bearer ${collector.viewerToken}` } })).json()) as { trusts: Array<{ score: number; level: number; level_name: string }> };
    const t = scores.trusts[0]!;
    expect(body.text).toBe(
      'Smart Foundations: findings on CYB-OS-SUPPORTED, CYB-PATCH since 2026-11-10\n' +
        `Trust t: 1 new, 1 resolved; score ${t.score.toFixed(1)}, level ${t.level} · ${t.level_name} (withheld from level 3: Unsupported operating systems and network firmware removed, 1 device to fix)\n` +
        'https://telemetry.trust.nhs.uk/cyber?as_of=2026-11-11',
    );
    expect(body.since).toBe('2026-11-10');
    expect(body.trusts).toEqual([
      expect.objectContaining({
        trust_id: 't', new: 1, resolved: 1,
        new_findings: [expect.objectContaining({ device_id: eol, control_id: 'CYB-OS-SUPPORTED', reason: 'Windows 11 Enterprise 23H2 out of support since 2026-11-10' })],
      }),
    ]);

    // The next hourly snapshot, or a restarted collector: nothing sent twice.
    expect(await notifier().maybeSend('2026-11-11')).toBe('already-sent');
    expect(hook.bodies).toHaveLength(2);
  });

  it('a day with nothing new sends nothing; a day without the day before kept waits', async () => {
    await collector.scoring.run('2026-11-11');
    now = new Date('2026-11-12T09:00:00Z');
    expect(await notifier().maybeSend('2026-11-12')).toBe('nothing-new');
    expect(await notifier().maybeSend('2026-11-09')).toBe('no-baseline');
    expect(hook.bodies).toHaveLength(2);
  });

  it('a webhook that keeps failing is not marked sent, and the next attempt delivers a Teams card', async () => {
    const teams = notifier({ url: `${hook.url}?teams`, format: 'teams' });
    now = new Date('2026-11-11T08:00:00Z');
    hook.answers.push(500, 500, 500);
    await expect(teams.maybeSend('2026-11-11')).rejects.toThrow('webhook answered HTTP 500');
    expect(hook.bodies).toHaveLength(5);

    expect(await teams.maybeSend('2026-11-11')).toBe('sent');
    const card = hook.bodies[5] as { type: string; attachments: Array<{ contentType: string; content: { type: string; body: Array<{ text?: string }>; actions: Array<{ url: string }> } }> };
    expect(card.type).toBe('message');
    expect(card.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.attachments[0]!.content.type).toBe('AdaptiveCard');
    const lines = card.attachments[0]!.content.body.map((block) => block.text).filter(Boolean);
    expect(lines).toContain('Trust t');
    expect(lines.some((line) => line!.startsWith('CYB-OS-SUPPORTED · ') && line!.endsWith('(s1): Windows 11 Enterprise 23H2 out of support since 2026-11-10'))).toBe(true);
    expect(card.attachments[0]!.content.actions[0]!.url).toBe('https://telemetry.trust.nhs.uk/cyber?as_of=2026-11-11');
  });

  it('an admin asking for a test message without a webhook configured is told how to configure one', async () => {
    await expect(adminFor(collector.url, dir.path).notifyTest()).rejects.toThrow(/HTTP 409 .*no findings digest is configured: start the collector with --notify-webhook/);
  });
});
