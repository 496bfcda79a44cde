import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../../collector/service.js';
import { toClickHouseTime } from '../../../collector/store/time.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../../helpers/collector.js';
import { postReport } from '../../helpers/reports.js';
import { AS_OF, reportFor } from '../../helpers/scoring-fleet.js';
import { tempDir } from '../../helpers/temp.js';

/**
 * Finding 7, for what was stored before ingest held agent times to the report: the facts read a date
 * after the as-of date (or an age reference before 1990) as unknown with the reason, never as a young
 * age that passes. The rows are written to the store directly, as an older collector wrote them.
 */
describe('dates stored before the receipt window are read as unknown', () => {
  const dir = tempDir('stored-future-dates');
  let collector: RunningCollector;
  const devices: Record<string, string> = {};

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
    const secret = await siteWithSecret(adminFor(collector.url, dir.path), 'old-site', 'old-trust');
    const later = toClickHouseTime(Date.parse(`${AS_OF}T12:30:00Z`));
    const cases: Record<string, [section: string, change: (body: Record<string, unknown>) => void]> = {
      'future last update': ['patches', (b) => (b.last_update_at = '2099-01-01T00:00:00Z')],
      'future age reference': ['hardware', (b) => (b.age = { reference_date: '2099-01-01', source: 'firmware_release', confidence: 'medium' })],
      'age reference before 1990': ['hardware', (b) => (b.age = { reference_date: '1980-01-01', source: 'firmware_release', confidence: 'medium' })],
    };
    let n = 0;
    for (const [name, [section, change]] of Object.entries(cases)) {
      const device = await enroll(collector.url, secret, (0x01d000 + n++).toString(16).padStart(64, '0'));
      const report = reportFor('good', device.device_id);
      expect((await postReport(collector.url, device.node_key, report)).status).toBe(202);
      const body = structuredClone((report.inventory as Record<string, Record<string, unknown>>)[section]!);
      change(body);
      const row = { device_id: device.device_id, trust_id: 'old-trust', site_id: 'old-site', section, collected_at: later, report_id: crypto.randomUUID(), body: JSON.stringify(body) };
      await collector.store.insert('inventory_history', [row]);
      await collector.store.insert('inventory_sections', [row]);
      devices[name] = device.device_id;
    }
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  async function control(name: string, id: string) {
    const response = await fetch(`${collector.url}/v1/devices/${devices[name]}?as_of=${AS_OF}`, { headers: { authorization: `Bearer ${collector.viewerToken}` } });
    const { controls } = (await response.json()) as { controls: Array<{ control_id: string; status: string; reason: string }> };
    return controls.find((c) => c.control_id === id);
  }

  it('a last update after the as-of date: CYB-PATCH unknown, saying why', async () => {
    expect(await control('future last update', 'CYB-PATCH')).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/dated after this date/) });
  });

  it('an age reference after the as-of date: INF-AGE unknown, saying why', async () => {
    expect(await control('future age reference', 'INF-AGE')).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/dated after this date/) });
  });

  it('an age reference before 1990: INF-AGE unknown, saying why', async () => {
    expect(await control('age reference before 1990', 'INF-AGE')).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/before 1990/) });
  });
});
