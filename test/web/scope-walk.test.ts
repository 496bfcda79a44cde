import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '../../collector/admin-client.js';
import { launchChromium, SCREENSHOTS, watchedPage, type WatchedPage } from '../helpers/browser.js';
import { startDemoData, type DemoData } from '../helpers/demo-data.js';

// The "one trust only" walk: with an API key scoped to one trust, every route the app serves (taken
// from Hono's own route list, so a new route is walked without anyone adding it here) and every
// dashboard page (in Chromium) is fetched with and without naming the other trusts, their sites and
// devices; no answer may hold another trust's id, name, site or device.
describe('one trust only: a key scoped to one trust walks every route and page', () => {
  const OWN = 'rxa';
  let demo: DemoData;
  let admin: AdminClient;
  let key: string;
  let browser: Browser;
  let watched: WatchedPage;
  let page: Page;
  /** Every string that would show another trust's data. */
  const foreign = new Set<string>();
  let foreignSite = '';
  let foreignDevice = '';
  let ownDevice = '';

  const all = async <T,>(path: string): Promise<T> => {
    const response = await fetch(`${demo.collector.url}${path}`, { headers: { authorization: `Bearer ${demo.collector.adminToken}` } });
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };
  /** Another trust's strings in an answer, but for what the request itself named (a 404 may repeat what was asked for). */
  const leaks = (body: string, asked: string) => [...foreign].filter((needle) => body.includes(needle) && !decodeURIComponent(asked).includes(needle));

  beforeAll(async () => {
    demo = await startDemoData({ devices: 48, days: 2 });
    admin = new AdminClient(demo.collector.url, demo.collector.adminToken);
    key = (await admin.createApiKey({ name: 'rxa-walk', role: 'viewer', trusts: [OWN] })).key;
    const { sites } = await all<{ sites: Array<{ site_id: string; trust_id: string; name: string; trust_name: string }> }>('/v1/sites');
    for (const site of sites.filter((s) => s.trust_id !== OWN)) {
      for (const text of [site.trust_id, site.trust_name, site.site_id, site.name]) if (text) foreign.add(text);
      foreignSite ||= site.site_id;
    }
    const { devices } = await all<{ devices: Array<{ device_id: string; trust_id: string; hostname: string }> }>(`/v1/devices?limit=10000&as_of=${demo.asOf}`);
    for (const device of devices) {
      if (device.trust_id === OWN) {
        ownDevice ||= device.device_id;
        continue;
      }
      foreign.add(device.device_id);
      if (device.hostname.length >= 8) foreign.add(device.hostname);
      foreignDevice ||= device.device_id;
    }
    expect(foreignDevice && ownDevice && foreignSite).toBeTruthy();
    expect(foreign.size).toBeGreaterThan(40);
    browser = await launchChromium();
    watched = await watchedPage(await browser.newContext({ viewport: { width: 1366, height: 900 } }));
    page = watched.page;
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  /** The requests made of one route: as it is, and asking for another trust, site or device, as JSON and CSV. */
  const variants = (path: string): string[] => {
    const filled = path.replace(':id', foreignDevice).replace(':site', foreignSite).replace(':trust', 'rxb').replace(':name', 'app.js').replace(':key', 'rxa-walk');
    const own = path.replace(':id', ownDevice).replace(':site', 'rxa-ngh').replace(':trust', OWN).replace(':name', 'app.js').replace(':key', 'rxa-walk');
    const queries = ['', `?as_of=${demo.asOf}`, `?trust=${OWN}`, '?trust=rxb', `?site=${foreignSite}`, `?trust=${OWN}&site=${foreignSite}`, `?control=CYB-PATCH&status=fail&format=csv`, '?trust=rxc&format=csv', `?list=unsupported&format=csv`];
    return [...new Set([own, filled])].flatMap((p) => queries.map((q) => `${p}${q}`));
  };

  it('finds no other trust in any answer of any route, and refuses it by 404 or leaves it out', async () => {
    const routes = demo.collector.routes.filter((r) => r.method !== 'ALL' && !r.path.endsWith('*'));
    expect(routes.length).toBeGreaterThan(20);
    const sessionCookie = await (async () => {
      const response = await fetch(`${demo.collector.url}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: demo.collector.url }, body: new URLSearchParams({ token: key }), redirect: 'manual' });
      expect(response.status).toBe(303);
      return response.headers.get('set-cookie')!.split(';')[0]!;
    })();
    let walked = 0;
    for (const route of routes) {
      // /logout would end the session walked with; sign-in is not a read (and is rate-limited per address).
      if (route.path === '/logout' || (route.path === '/login' && route.method === 'POST')) continue;
      for (const target of variants(route.path)) {
        // The key as a bearer (API), and the session it signs in to (pages, the CSV links pages hold).
        for (const headers of [{ authorization: `Bearer ${key}` }, { cookie: sessionCookie }] as Array<Record<string, string>>) {
          const response = await fetch(`${demo.collector.url}${target}`, { method: route.method, headers: { ...headers, origin: demo.collector.url }, redirect: 'manual' });
          const body = await response.text();
          walked++;
          expect(leaks(body, target), `${route.method} ${target}`).toEqual([]);
          if (route.path.startsWith('/v1/admin')) expect([401, 403], `${route.method} ${target}`).toContain(response.status);
          if (/[?&](trust=rxb|trust=rxc|site=)/.test(target) && route.method === 'GET' && response.status === 200 && !route.path.startsWith('/assets') && route.path !== '/controls' && route.path !== '/v1/controls' && route.path !== '/v1/runs' && !route.path.startsWith('/login') && !/^\/(healthz|readyz|livez)/.test(route.path)) {
            // A 200 for another trust's scope may only be an empty answer (checked above: nothing of it is in the body).
            expect(body.length, `${route.method} ${target}`).toBeGreaterThan(0);
          }
        }
      }
    }
    expect(walked).toBeGreaterThan(500);
    // Named outright, another trust's data is "not found", as a trust that does not exist would be.
    const bearer = { authorization: `Bearer ${key}` };
    for (const path of [`/v1/devices/${foreignDevice}?as_of=${demo.asOf}`, '/v1/scores?trust=rxb', `/v1/devices?site=${foreignSite}`, '/v1/operations?trust=rxc', '/v1/frameworks/cyber-essentials?trust=rxb', '/v1/findings/changes?trust=rxb', '/v1/scores/trend?trust=rxb']) {
      expect((await fetch(`${demo.collector.url}${path}`, { headers: bearer })).status, path).toBe(404);
    }
    for (const path of [`/devices/${foreignDevice}`, '/?trust=rxb', `/cyber?site=${foreignSite}`, '/ops?trust=rxc', '/cyber-essentials?trust=rxb']) {
      expect((await fetch(`${demo.collector.url}${path}`, { headers: { cookie: sessionCookie }, redirect: 'manual' })).status, path).toBe(404);
    }
    // Its own trust is there in full.
    const own = (await (await fetch(`${demo.collector.url}/v1/scores?as_of=${demo.asOf}`, { headers: bearer })).json()) as { trusts: Array<{ trust_id: string }> };
    expect(own.trusts.map((t) => t.trust_id)).toEqual([OWN]);
    expect((await fetch(`${demo.collector.url}/v1/devices/${ownDevice}?as_of=${demo.asOf}`, { headers: bearer })).status).toBe(200);
    // A run's device count is fleet-wide: a reader of one trust does not get it.
    const runs = (await (await fetch(`${demo.collector.url}/v1/runs?as_of=${demo.asOf}`, { headers: bearer })).json()) as { runs: object[] };
    expect(runs.runs.length).toBeGreaterThan(0);
    for (const run of runs.runs) expect(run).not.toHaveProperty('devices');
  }, 600_000);

  it('shows only its trust on every dashboard page in the browser, selectors and links included', async () => {
    await page.goto(`${demo.collector.url}/login`);
    await page.getByLabel('Viewer token or API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    // /api/reference is the public API reference (Swagger UI over /v1/openapi.json): no fleet data, not a dashboard page.
    const pages = demo.collector.routes.filter((r) => r.method === 'GET' && !r.path.startsWith('/v1') && !r.path.startsWith('/api/') && !r.path.startsWith('/assets') && !r.path.startsWith('/login') && !r.path.startsWith('/auth') && !/^\/(healthz|readyz|livez|metrics)/.test(r.path));
    expect(pages.map((p) => p.path)).toEqual(expect.arrayContaining(['/', '/cyber', '/cyber-essentials', '/ops', '/controls', '/devices/:id']));
    for (const route of pages) {
      for (const target of [route.path.replace(':id', ownDevice), `${route.path.replace(':id', ownDevice)}?as_of=${demo.asOf}`, `${route.path.replace(':id', foreignDevice)}?trust=rxb`]) {
        const response = await page.goto(`${demo.collector.url}${target}`);
        await page.waitForLoadState('networkidle');
        const html = await page.content();
        expect(leaks(html, target), target).toEqual([]);
        expect(html, target).not.toContain('devices in all trusts');
        if (target.includes('trust=rxb') && route.path !== '/controls') expect(response?.status(), target).toBe(404);
        else expect(response?.status(), target).toBe(200);
      }
    }
    await page.goto(`${demo.collector.url}/cyber?as_of=${demo.asOf}`);
    const trustOptions = await page.locator('select[name="trust"] option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(trustOptions).toEqual([OWN]);
    await page.screenshot({ path: `${SCREENSHOTS}/scope-walk-cyber.png`, fullPage: false });
    // 404s for the other trust were asked for; nothing else may have failed.
    expect(watched.errors.filter((e) => !e.includes('404'))).toEqual([]);
    expect(watched.offsite).toEqual([]);
  }, 300_000);
});
