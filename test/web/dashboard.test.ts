import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Operations } from '../../collector/queries/operations.js';
import type { TrustScore } from '../../collector/scoring/service.js';
import { count, percent, score } from '../../collector/web/format.js';
import { launchChromium, SCREENSHOTS, watchedPage, type WatchedPage } from '../helpers/browser.js';
import { startDemoData, type DemoData } from '../helpers/demo-data.js';

// The built-in dashboard in Debian's Chromium against the demo fleet: each view shows the same
// numbers as the read API for the same as-of date, with no console error and no off-site request.
describe('dashboard in the browser', () => {
  let demo: DemoData;
  let browser: Browser;
  let context: BrowserContext;
  let watched: WatchedPage;
  let page: Page;
  let trust: TrustScore;

  const api = async <T,>(path: string): Promise<T> => {
    const response = await fetch(`${demo.collector.url}${path}`, { headers: { authorization: `Bearer ${demo.collector.viewerToken}` } });
    expect(response.status, path).toBe(200);
    return (path.includes('format=csv') ? response.text() : response.json()) as Promise<T>;
  };
  const open = async (path: string) => {
    const response = await page.goto(`${demo.collector.url}${path}`);
    expect(response?.status(), path).toBe(200);
    await page.waitForLoadState('networkidle');
  };
  const text = async (selector: string) => (await page.locator(selector).first().textContent())?.replace(/[ \t\r\n]+/g, ' ').trim();
  const cleanSoFar = () => {
    expect(watched.errors).toEqual([]);
    expect(watched.offsite).toEqual([]);
  };

  beforeAll(async () => {
    demo = await startDemoData({ devices: 160, days: 7 });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    watched = await watchedPage(context);
    page = watched.page;
    const scores = await api<{ trusts: TrustScore[] }>(`/v1/scores?as_of=${demo.asOf}`);
    trust = scores.trusts[0]!;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('asks for the viewer token, refuses a wrong one and signs in with the right one', async () => {
    await page.goto(`${demo.collector.url}/?as_of=${demo.asOf}`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Viewer token').fill('sfv_not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await text('#login-error')).toContain('not valid');
    // The refusal is a 401, which the browser logs; that one is expected.
    expect(watched.errors).toEqual([expect.stringContaining('status of 401')]);
    watched.errors.length = 0;
    await page.getByLabel('Viewer token').fill(demo.collector.viewerToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(new URL(page.url()).searchParams.get('as_of')).toBe(demo.asOf);
    // The session cookie cannot be read by scripts.
    const [cookie] = await context.cookies();
    // Lax, not Strict: the redirect back from an identity provider must carry it; form posts are checked by origin (csrf).
    expect(cookie).toMatchObject({ name: 'sf_session', httpOnly: true, sameSite: 'Lax' });
    // The session reads the API (the CSV links use it) but never administers.
    expect((await context.request.get(`${demo.collector.url}/v1/scores?as_of=${demo.asOf}`)).status()).toBe(200);
    expect((await context.request.get(`${demo.collector.url}/v1/admin/stats`)).status()).toBe(401);
    cleanSoFar();
  });

  it('CIO view: score, level, coverage, domains, trend, league and controls equal /v1/scores', async () => {
    await open(`/?trust=${trust.trust_id}&as_of=${demo.asOf}`);
    expect(await text('#headline [data-value=score]')).toBe(score(trust.score));
    expect(await text('#headline [data-value=level]')).toBe(`Level ${trust.level} · ${trust.level_name}`);
    expect(await text('#headline [data-value=coverage]')).toBe(percent(trust.coverage, 1));
    expect(await text('#headline [data-value=devices]')).toBe(`${count(trust.devices)} known devices`);
    expect(await text('#headline [data-value=infrastructure]')).toBe(score(trust.infrastructure));
    expect(await text('#headline [data-value=cyber]')).toBe(score(trust.cyber));
    const toFix = await page.locator('#headline [data-value=devices-to-fix]').allTextContents();
    expect(toFix).toEqual(trust.capped_by.map((cap) => count(cap.devices_to_fix)));

    const league = await page.locator('#site-league tbody tr').evaluateAll((rows) =>
      rows.map((row) => ({
        site: row.getAttribute('data-site'),
        score: row.querySelector('[data-value=score] .num')?.textContent,
        coverage: row.querySelector('[data-value=coverage]')?.textContent,
        devices: row.querySelector('[data-value=devices]')?.textContent?.trim(),
      })),
    );
    const expected = [...trust.sites].sort((a, b) => (b.score ?? -1) - (a.score ?? -1));
    expect(league).toEqual(expected.map((s) => ({ site: s.site_id, score: score(s.score), coverage: percent(s.coverage, 1), devices: count(s.devices) })));

    const dragging = await page.locator('#dragging tbody tr').evaluateAll((rows) =>
      rows.map((row) => [row.getAttribute('data-control'), row.querySelector('[data-value=fail]')?.textContent?.trim(), row.querySelector('[data-value=points_lost]')?.textContent]),
    );
    const failing = trust.controls.filter((c) => c.fail > 0 && (c.points_lost ?? 0) > 0).sort((a, b) => b.points_lost! - a.points_lost!);
    expect(dragging).toEqual(failing.map((c) => [c.control_id, count(c.fail), c.points_lost!.toFixed(2)]));
    // Together the controls' lost points are the gap to 100 (to rounding).
    expect(Math.abs(100 - trust.score! - failing.reduce((sum, c) => sum + c.points_lost!, 0))).toBeLessThan(0.1 + 0.005 * failing.length);

    const trend = await api<{ points: Array<{ as_of: string; score: number | null }> }>(`/v1/scores/trend?trust=${trust.trust_id}&to=${demo.asOf}&from=${demo.snapshots[0]}`);
    const spec = JSON.parse((await page.locator('#chart-trend').textContent())!) as { labels: string[]; series: Array<{ data: Array<number | null> }> };
    expect(spec.labels).toEqual(trend.points.map((p) => p.as_of));
    expect(spec.series[0]!.data).toEqual(trend.points.map((p) => p.score));
    expect(spec.labels).toHaveLength(demo.snapshots.length);
    expect(await chartDrawn(page, 'chart-trend')).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/cio.png`, fullPage: true });
    cleanSoFar();
  });

  it('cyber view: a site\'s unsupported devices equal the API list, with evidence and finding age; the CSV download equals the API CSV', async () => {
    const site = [...trust.sites].sort((a, b) => fails(b, 'CYB-OS-SUPPORTED') - fails(a, 'CYB-OS-SUPPORTED'))[0]!;
    const fromApi = await api<{ total: number; devices: Array<{ device_id: string; reason: string; evidence: string; failing_since: string }> }>(
      `/v1/devices?list=unsupported&trust=${trust.trust_id}&site=${site.site_id}&as_of=${demo.asOf}&limit=1000`,
    );
    expect(fromApi.total).toBeGreaterThan(0);
    await open(`/cyber?trust=${trust.trust_id}&site=${site.site_id}&as_of=${demo.asOf}`);
    expect(await text('[data-value=total]')).toBe(count(fromApi.total));
    const shown = await page.locator('#findings tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-device')));
    expect(shown).toEqual(fromApi.devices.map((d) => d.device_id));
    const firstRow = page.locator('#findings tbody tr').first();
    expect(await firstRow.textContent()).toContain(fromApi.devices[0]!.evidence);
    expect(await firstRow.textContent()).toContain(site.name);
    const changes = await api<{ new: number; resolved: number }>(
      `/v1/findings/changes?trust=${trust.trust_id}&site=${site.site_id}&control=CYB-OS-SUPPORTED&to=${demo.asOf}`,
    );
    expect(await text('#changes [data-value=new]')).toBe(`${count(changes.new)} new`);
    expect(await text('#changes [data-value=resolved]')).toBe(`${count(changes.resolved)} resolved`);
    expect(fromApi.devices.every((d) => d.failing_since >= demo.snapshots[0]! && d.failing_since <= demo.asOf)).toBe(true);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download CSV' }).click();
    const csv = readFileSync((await (await download).path())!, 'utf8');
    const apiCsv = await api<string>(`/v1/devices?trust=${trust.trust_id}&site=${site.site_id}&as_of=${demo.asOf}&control=CYB-OS-SUPPORTED&status=fail&limit=10000&format=csv`);
    expect(csv).toBe(apiCsv);
    expect(csv.trim().split('\r\n').slice(1).map((line) => line.split(',')[0])).toEqual(shown);
    await page.screenshot({ path: `${SCREENSHOTS}/cyber.png`, fullPage: true });

    // Network gear on unsupported firmware is a list of its own.
    await page.getByRole('link', { name: /Network gear on unsupported firmware/ }).click();
    await page.waitForLoadState('networkidle');
    const network = await api<{ total: number }>(`/v1/devices?control=CYB-NET-FW&status=fail&trust=${trust.trust_id}&site=${site.site_id}&as_of=${demo.asOf}`);
    expect(await text('[data-value=total]')).toBe(count(network.total));
    cleanSoFar();
  });

  it('IT-ops view: coverage, agent versions, hot spots and network gear equal /v1/operations', async () => {
    const ops = await api<Operations>(`/v1/operations?trust=${trust.trust_id}&as_of=${demo.asOf}`);
    await open(`/ops?trust=${trust.trust_id}&as_of=${demo.asOf}`);
    const coverage = await page.locator('#coverage tbody tr').evaluateAll((rows) =>
      rows.map((row) => ['known', 'reporting', 'stale', 'never_reported'].map((key) => row.querySelector(`[data-value=${key}]`)?.textContent?.trim())),
    );
    expect(coverage).toEqual(ops.sites.map((s) => [count(s.known), count(s.reporting), count(s.stale), count(s.never_reported)]));
    expect(ops.sites.reduce((sum, s) => sum + s.known, 0)).toBe(trust.devices - ops.network_gear.length);
    expect(ops.sites.some((s) => s.never_reported > 0)).toBe(true);
    const versions = await page.locator('#agent-versions tbody tr').evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-version'), row.querySelector('[data-value=devices]')?.textContent]));
    expect(versions).toEqual(ops.agent_versions.map((v) => [v.version, count(v.devices)]));
    const hotSpots = await page.locator('#hotspots tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-site')));
    expect([...hotSpots].sort()).toEqual(ops.sites.map((s) => s.site_id).sort());
    const gear = await page.locator('#network-gear tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-device')));
    expect(gear).toEqual(ops.network_gear.map((g) => g.device_id));
    expect(await chartDrawn(page, 'chart-coverage')).toBe(true);
    expect(await chartDrawn(page, 'chart-hotspots')).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/ops.png`, fullPage: true });

    // Each box links to its own page, with the network controls' evidence.
    await page.locator('#network-gear tbody tr th a').first().click();
    await page.waitForLoadState('networkidle');
    const controls = await page.locator('#device-controls tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-control')));
    expect(controls).toEqual(['CYB-NET-FW', 'CYB-NET-MGMT', 'CYB-NET-PATCH', 'INF-NET-ERR']);
    cleanSoFar();
  });

  it('device page: every control with its evidence and daily history, as /v1/devices/:id gives them', async () => {
    const [first] = (await api<{ devices: Array<{ device_id: string }> }>(`/v1/devices?list=unpatched&trust=${trust.trust_id}&as_of=${demo.asOf}&limit=1`)).devices;
    const device = await api<{ controls: Array<{ control_id: string; status: string; evidence: string }>; history: Array<{ as_of: string; controls: Record<string, string> }> }>(
      `/v1/devices/${first!.device_id}?as_of=${demo.asOf}`,
    );
    await open(`/devices/${first!.device_id}?as_of=${demo.asOf}`);
    const rows = await page.locator('#device-controls tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-control'), tr.querySelector('[data-value=status]')?.textContent?.replace(/\s+/g, ' ').trim(), tr.lastElementChild?.textContent]),
    );
    const word = { pass: '✓ Pass', fail: '✗ Fail', unknown: '? Unknown' } as Record<string, string>;
    expect(rows).toEqual(device.controls.map((c) => [c.control_id, word[c.status], c.evidence]));
    expect(await page.locator('#device-history thead th time').count()).toBe(device.history.length);
    expect(device.history.map((h) => h.as_of)).toEqual(demo.snapshots);
    expect(device.history.at(-1)!.controls['CYB-PATCH']).toBe('fail');
    await page.screenshot({ path: `${SCREENSHOTS}/device.png`, fullPage: true });
    cleanSoFar();
  });

  it('is usable by keyboard and has no accessibility violations (axe-core) on any view', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const [device] = (await api<{ devices: Array<{ device_id: string }> }>(`/v1/devices?trust=${trust.trust_id}&as_of=${demo.asOf}&limit=1`)).devices;
    const views = [`/?trust=${trust.trust_id}&as_of=${demo.asOf}`, `/cyber?trust=${trust.trust_id}&as_of=${demo.asOf}`, `/ops?trust=${trust.trust_id}&as_of=${demo.asOf}`, `/devices/${device!.device_id}?as_of=${demo.asOf}`, '/controls'];
    for (const path of [...views, '/login']) {
      await open(path);
      if (path !== '/login') {
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
        await page.keyboard.press('Enter');
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      }
      // Evaluated through the DevTools protocol: the page's CSP rightly refuses inline scripts.
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe.run();
        return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
      expect(violations, path).toEqual([]);
    }
    cleanSoFar();
  });

  it('explains every control of the model the API serves, with its source', async () => {
    const model = await api<{ controls: Array<{ id: string; source_text: string }> }>('/v1/controls');
    await open('/controls');
    const rows = await page.locator('#controls tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-control'), tr.lastElementChild?.textContent]));
    expect(rows).toEqual(model.controls.map((c) => [c.id, c.source_text]));
    await page.screenshot({ path: `${SCREENSHOTS}/controls.png`, fullPage: true });
    cleanSoFar();
  });

  it('fits a tablet screen without sideways scrolling of the page', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    for (const [name, path] of [['cio', '/'], ['cyber', '/cyber'], ['ops', '/ops']] as const) {
      await open(`${path}?trust=${trust.trust_id}&as_of=${demo.asOf}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(768);
      await page.screenshot({ path: `${SCREENSHOTS}/${name}-tablet.png`, fullPage: true });
    }
    cleanSoFar();
  });
});

function fails(site: { controls: Array<{ control_id: string; fail: number }> }, control: string): number {
  return site.controls.find((c) => c.control_id === control)?.fail ?? 0;
}

/** True when Chart.js painted something on the chart's canvas. */
function chartDrawn(page: Page, id: string): Promise<boolean> {
  return page.evaluate((chartId) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`canvas[data-chart="${chartId}"]`);
    if (!canvas || canvas.width === 0) return false;
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    return pixels.some((value, index) => index % 4 === 3 && value > 0);
  }, id);
}
