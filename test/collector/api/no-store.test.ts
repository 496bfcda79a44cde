import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../../collector/service.js';
import { startTestCollector } from '../../helpers/collector.js';
import { tempDir } from '../../helpers/temp.js';

// Finding 11: API and dashboard answers carry fleet data and signed-in pages; a proxy or the browser's
// disk cache must not keep them. The content-hashed assets keep their long, immutable caching.
const READ_ROUTES = [
  '/v1/scores', '/v1/scores/trend?trust=t', '/v1/runs', '/v1/controls', '/v1/sites', '/v1/devices', '/v1/devices?format=csv',
  '/v1/devices/dev-1', '/v1/findings/changes', '/v1/findings/changes?format=csv', '/v1/operations', '/v1/frameworks/cyber-essentials',
  '/v1/frameworks/cyber-essentials?format=csv', '/v1/scores?as_of=1999-01-01', '/v1/no-such-route',
];
const ADMIN_ROUTES = ['/v1/admin/sites', '/v1/admin/trusts', '/v1/admin/stats'];
const PAGES = ['/', '/cyber', '/cyber-essentials', '/ops', '/controls', '/devices/dev-1', '/login', '/?as_of=9999-01-01'];

describe('Cache-Control on answers', () => {
  const dir = tempDir('no-store');
  let collector: RunningCollector;
  let cookie: string;
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

  const cacheControl = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${collector.url}${path}`, { redirect: 'manual', ...init });
    await response.arrayBuffer();
    return `${init.method ?? 'GET'} ${path} ${response.status}: ${response.headers.get('cache-control')}`;
  };
  const noStore = (answers: string[]) => answers.filter((a) => !a.endsWith(': no-store'));

  it('is no-store on every read route, with a viewer token, without one, and when refused', async () => {
    const viewer = { authorization: `Bearer ${collector.viewerToken}` };
    const answers = [
      ...(await Promise.all(READ_ROUTES.map((path) => cacheControl(path, { headers: viewer })))),
      ...(await Promise.all(READ_ROUTES.map((path) => cacheControl(path)))),
    ];
    expect(noStore(answers)).toEqual([]);
  });

  it('is no-store on admin answers, enrolment and reports', async () => {
    const admin = { authorization: `Bearer ${collector.adminToken}` };
    const answers = [
      ...(await Promise.all(ADMIN_ROUTES.map((path) => cacheControl(path, { headers: admin })))),
      await cacheControl('/v1/admin/sites', { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ site_id: 's1', trust_id: 't1', name: 'Site 1' }) }),
      await cacheControl('/v1/admin/sites/s1/enroll-secrets', { method: 'POST', headers: admin }),
      await cacheControl('/v1/enroll', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
      await cacheControl('/v1/reports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
    ];
    expect(noStore(answers)).toEqual([]);
  });

  it('is no-store on every dashboard page, signed in or sent to sign in', async () => {
    const answers = [
      ...(await Promise.all(PAGES.map((path) => cacheControl(path, { headers: { cookie } })))),
      ...(await Promise.all(PAGES.map((path) => cacheControl(path)))),
    ];
    expect(noStore(answers)).toEqual([]);
  });

  it('keeps the content-hashed assets immutable', async () => {
    const page = await (await fetch(`${collector.url}/login`)).text();
    const assets = [...page.matchAll(/\/assets\/[^"?]+\?v=[^"]+/g)].map((m) => m[0].replaceAll('&amp;', '&'));
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const response = await fetch(`${collector.url}${asset}`);
      await response.arrayBuffer();
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
  });
});
