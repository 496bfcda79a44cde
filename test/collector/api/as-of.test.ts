import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../../collector/service.js';
import { isoDaysBefore } from '../../../collector/scoring/dates.js';
import { startTestCollector } from '../../helpers/collector.js';
import { tempDir } from '../../helpers/temp.js';

// Finding 8: reads that write. A viewer's GET with a future or absurd date must not make (and store)
// a score run; a date that is not a real day is a 400, never a 500.
const API_ROUTES = [
  '/v1/scores?as_of=DAY',
  '/v1/runs?as_of=DAY',
  '/v1/operations?as_of=DAY',
  '/v1/devices?as_of=DAY',
  '/v1/devices?as_of=DAY&format=csv',
  '/v1/devices/dev-1?as_of=DAY',
  '/v1/findings/changes?to=DAY',
  '/v1/findings/changes?from=DAY',
  '/v1/scores/trend?trust=t&from=DAY',
  '/v1/scores/trend?trust=t&to=DAY',
  '/v1/frameworks/cyber-essentials?as_of=DAY',
];
const PAGES = ['/?as_of=DAY', '/cyber?as_of=DAY', '/cyber-essentials?as_of=DAY', '/ops?as_of=DAY', '/devices/dev-1?as_of=DAY'];

describe('reads with a bad as_of', () => {
  const dir = tempDir('as-of');
  let collector: RunningCollector;
  let cookie: string;
  const tomorrow = isoDaysBefore(new Date().toISOString().slice(0, 10), -1);
  // The future (near, beyond ClickHouse's Date range, the last day of year 9999), before the floor, year 0,
  // and not days at all.
  const BAD_DAYS = [tomorrow, '2200-01-01', '9999-12-31', '1999-12-31', '0000-01-01', '2026-02-30', '2026-13-01', '2026-1-1', 'yesterday'];

  const written = async () => {
    const counts: Record<string, number> = {};
    for (const table of ['score_run_history', 'score_runs', 'control_results', 'scope_results']) {
      const [row] = await collector.store.query<{ n: number }>(`SELECT count() AS n FROM {db}.${table}`);
      counts[table] = Number(row!.n);
    }
    return counts;
  };

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
    const login = await fetch(`${collector.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: collector.url },
      body: `token=${collector.viewerToken}`,
      redirect: 'manual',
    });
    cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  it('answers 400 on every read route and page, and stores no run', async () => {
    const before = await written();
    const answers: string[] = [];
    for (const day of BAD_DAYS) {
      for (const route of [...API_ROUTES, ...PAGES]) {
        const headers: Record<string, string> = route.startsWith('/v1/') ? { authorization: `Bearer ${collector.viewerToken}` } : { cookie };
        const response = await fetch(`${collector.url}${route.replace('DAY', encodeURIComponent(day))}`, { headers, redirect: 'manual' });
        await response.arrayBuffer();
        if (response.status !== 400) answers.push(`${route.replace('DAY', day)}: ${response.status}`);
      }
    }
    expect(answers).toEqual([]);
    expect(await written()).toEqual(before);
  });

  it('names the field and the reason', async () => {
    const response = await fetch(`${collector.url}/v1/devices?as_of=${tomorrow}`, { headers: { authorization: `Bearer ${collector.viewerToken}` } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ problems: [{ field: 'as_of', message: expect.stringContaining('after today') }] });
    const old = await fetch(`${collector.url}/v1/scores?as_of=1999-12-31`, { headers: { authorization: `Bearer ${collector.viewerToken}` } });
    expect(await old.json()).toMatchObject({ problems: [{ field: 'as_of', message: 'must be 2000-01-01 or later' }] });
  });

  it('refuses a real past day whose inputs are no longer kept (409) without storing anything', async () => {
    const before = await written();
    const response = await fetch(`${collector.url}/v1/scores?as_of=2001-01-01`, { headers: { authorization: `Bearer ${collector.viewerToken}` } });
    expect(response.status).toBe(409);
    expect(await written()).toEqual(before);
  });
});
