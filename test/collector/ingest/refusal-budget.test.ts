import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../../collector/service.js';
import { DEFAULT_REFUSED_REPORTS_PER_MINUTE } from '../../../collector/api/middleware/refusal-budget.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../../helpers/collector.js';
import { makeReport, postReport } from '../../helpers/reports.js';
import { tempDir } from '../../helpers/temp.js';

/**
 * Finding 1 under load: a device sending poison reports as fast as it can must cost the collector
 * little. Past its budget of refused reports its requests are answered 429 before the body is
 * read; an honest device is not affected.
 */
describe('a device that keeps sending refused reports', () => {
  const dir = tempDir('refusal-budget');
  let collector: RunningCollector;
  let honest: { device_id: string; node_key: string };
  let hostile: { device_id: string; node_key: string };

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
    const secret = await siteWithSecret(adminFor(collector.url, dir.path));
    honest = await enroll(collector.url, secret, 'd4'.repeat(32));
    hostile = await enroll(collector.url, secret, 'e5'.repeat(32));
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  // Invalid (400) and another device's id (403), alternately: both spend the budget.
  let sent = 0;
  const poison = () => (sent++ % 2 === 0 ? { ...makeReport(hostile.device_id, 1), collected_at: 'not a time' } : makeReport(honest.device_id, 1));

  it(`gets 400 or 403 for its first ${DEFAULT_REFUSED_REPORTS_PER_MINUTE} refused reports, then 429 with Retry-After without its body being read`, async () => {
    for (let i = 0; i < DEFAULT_REFUSED_REPORTS_PER_MINUTE; i++) expect((await postReport(collector.url, hostile.node_key, poison())).status).toBe(i % 2 === 0 ? 400 : 403);
    const limited = await postReport(collector.url, hostile.node_key, poison());
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: string }).error).toMatch(/refused reports/);
    // Not parsed: a body that is not even JSON gets the same answer.
    const response = await fetch(`${collector.url}/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${hostile.node_key}` }, body: '{' });
    expect(response.status).toBe(429);
  });

  it('an honest device of the same site is not affected', async () => {
    const response = await postReport(collector.url, honest.node_key, makeReport(honest.device_id, 2));
    expect(response.status).toBe(202);
  });
});
