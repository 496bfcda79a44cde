import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../../collector/service.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../../helpers/collector.js';
import { postReport } from '../../helpers/reports.js';
import { reportFor } from '../../helpers/scoring-fleet.js';
import { tempDir } from '../../helpers/temp.js';

// Daily snapshots make the trend; a backfill evaluates past days from the data as it stood then.
describe('score trend', () => {
  const dir = tempDir('trend');
  let collector: RunningCollector;

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
    const secret = await siteWithSecret(adminFor(collector.url, dir.path), 's1', 't');
    const device = await enroll(collector.url, secret, 'f'.repeat(64));
    expect((await postReport(collector.url, device.node_key, reportFor('good', device.device_id))).status).toBe(202);
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  it('backfills the days asked for and returns one point per day with a run', async () => {
    const admin = adminFor(collector.url, dir.path);
    const evaluated = await admin.backfillScores(3);
    expect(evaluated).toHaveLength(3);
    const response = await fetch(`${collector.url}/v1/scores/trend?trust=t&from=${evaluated[0]}`, { headers: { authorization: `Bearer ${collector.viewerToken}` } });
    const trend = (await response.json()) as { points: Array<{ as_of: string; score: number | null; coverage: number | null }> };
    expect(trend.points.map((p) => p.as_of)).toEqual(evaluated);
    // The device's one report is dated 2026-11-20: it covers the days up to 7 days after that.
    for (const point of trend.points) {
      const silentDays = (Date.parse(point.as_of) - Date.parse('2026-11-20')) / 86_400_000;
      expect(point.coverage, point.as_of).toBe(silentDays <= 7 ? 1 : 0);
    }
  });

  it('needs a scope and valid dates, naming the bad parameter', async () => {
    const get = (q: string) => fetch(`${collector.url}/v1/scores/trend?${q}`, { headers: { authorization: `Bearer ${collector.viewerToken}` } });
    expect((await get('')).status).toBe(400);
    const bad = await get('trust=t&from=yesterday');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { problems: Array<{ field: string }> }).problems[0]!.field).toBe('from');
  });
});
