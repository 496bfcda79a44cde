import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../../collector/service.js';
import { adminFor, startTestCollector } from '../../helpers/collector.js';
import { tempDir } from '../../helpers/temp.js';
import { recordingWebhook, type RecordingWebhook } from '../../helpers/webhook.js';

// `sf-collector notify test`: whoever sets up the webhook sees a message arrive, or why not.
describe('test message through the configured webhook', () => {
  const dir = tempDir('notify-test');
  let hook: RecordingWebhook;
  let collector: RunningCollector;

  beforeAll(async () => {
    hook = await recordingWebhook();
    collector = await startTestCollector(dir.path, { notify: { url: hook.url, format: 'generic', controls: ['CYB-PATCH'], hourUtc: 7 } });
  });
  afterAll(async () => {
    await collector.close();
    hook.server.close();
    dir.remove();
  });

  it('posts the day as it stands, marked as a test', async () => {
    expect(await adminFor(collector.url, dir.path).notifyTest()).toMatchObject({ sent: true, trusts: 0 });
    expect(hook.bodies).toEqual([expect.objectContaining({ test: true, text: expect.stringMatching(/^\[test\] Smart Foundations: no change on CYB-PATCH since \d{4}-\d\d-\d\d$/) })]);
  });

  it("reports the webhook's refusal", async () => {
    hook.answers.push(404);
    await expect(adminFor(collector.url, dir.path).notifyTest()).rejects.toThrow(/HTTP 502 .*the webhook did not accept the test message: webhook answered HTTP 404/);
  });
});
