import { describe, expect, it } from 'vitest';
import { serveConfig, type ServeOptions } from '../../../collector/settings/serve-config.js';
import { startTestCollector } from '../../helpers/collector.js';
import { tempDir } from '../../helpers/temp.js';

// The digest's settings are checked at start, each error naming the setting.
describe('findings digest settings', () => {
  const base: ServeOptions = { dataDir: 'data', listen: '127.0.0.1:0', database: 'sf', flushMs: 100, flushRows: 50_000 };
  const hook = 'https://prod-01.uksouth.logic.azure.com/workflows/abc/triggers/manual/paths/invoke';

  it('takes the webhook, format, controls and hour from flags or environment', () => {
    const config = serveConfig({ ...base, notifyWebhook: hook, notifyFormat: 'teams', notifyControls: 'CYB-OS-SUPPORTED, CYB-PATCH', notifyHour: '6', publicUrl: 'https://telemetry.trust.nhs.uk' });
    expect(config.notify).toEqual({ url: hook, format: 'teams', controls: ['CYB-OS-SUPPORTED', 'CYB-PATCH'], hourUtc: 6 });
    expect(config.publicUrl).toBe('https://telemetry.trust.nhs.uk');
    expect(serveConfig({ ...base, notifyWebhook: hook }).notify).toEqual({ url: hook, format: 'generic', hourUtc: 7 });
    expect(serveConfig(base).notify).toBeUndefined();
  });

  it('names the bad setting', () => {
    expect(() => serveConfig({ ...base, notifyWebhook: 'teams-channel' })).toThrow(/notify\.url: must be an http:\/\/ or https:\/\/ URL/);
    expect(() => serveConfig({ ...base, notifyWebhook: hook, notifyFormat: 'email' })).toThrow(/notify\.format/);
    expect(() => serveConfig({ ...base, notifyWebhook: hook, notifyHour: '25' })).toThrow(/notify\.hourUtc/);
    expect(() => serveConfig({ ...base, notifyWebhook: hook, notifyHour: 'seven' })).toThrow(/--notify-hour \(SF_NOTIFY_HOUR\): "seven" is not a whole number/);
    expect(() => serveConfig({ ...base, notifyWebhook: hook, notifyControls: 'os' })).toThrow(/notify\.controls\.0: must be control ids/);
    expect(() => serveConfig({ ...base, notifyControls: 'CYB-PATCH' })).toThrow(/need --notify-webhook \(SF_NOTIFY_WEBHOOK\)/);
    expect(() => serveConfig({ ...base, publicUrl: 'telemetry' })).toThrow(/publicUrl: must be an http/);
  });

  it('refuses a control the scoring model does not have, before opening anything', async () => {
    const dir = tempDir('notify-config');
    try {
      await expect(startTestCollector(dir.path, { notify: { url: hook, format: 'generic', controls: ['CYB-NOPE'], hourUtc: 7 } })).rejects.toThrow(
        'notify.controls: CYB-NOPE is not a control of the scoring model',
      );
    } finally {
      dir.remove();
    }
  });
});
