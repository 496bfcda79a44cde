import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CyberEssentialsView } from '../../collector/queries/cyber-essentials.js';
import { count } from '../../collector/web/format.js';
import { PAGE_FINDINGS } from '../../collector/web/pages/cyber-essentials.js';
import { devicesOf, findingsOfCsv, listsBehind } from '../collector/scoring/frameworks/device-lists.js';
import { launchChromium, SCREENSHOTS, watchedPage, type WatchedPage, signInWithViewerToken } from '../helpers/browser.js';
import { startDemoData, type DemoData } from '../helpers/demo-data.js';

// The Cyber Essentials view in Debian's Chromium against the demo fleet: its numbers and failing
// devices equal the API's, the API's equal the device lists behind them (GET /v1/devices per
// control), and its CSV downloads are the API's CSV byte for byte.
describe('Cyber Essentials view in the browser', () => {
  let demo: DemoData;
  let browser: Browser;
  let context: BrowserContext;
  let watched: WatchedPage;
  let page: Page;
  let trustId: string;

  const get = (path: string) => fetch(`${demo.collector.url}${path}`, { headers: { authorization: `Bearer ${demo.collector.viewerToken}` } });
  const view = async (query: string): Promise<CyberEssentialsView> => {
    const response = await get(`/v1/frameworks/cyber-essentials?${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as CyberEssentialsView;
  };
  const open = async (path: string) => {
    const response = await page.goto(`${demo.collector.url}${path}`);
    expect(response?.status(), path).toBe(200);
    await page.waitForLoadState('networkidle');
  };
  const download = async (name: string | RegExp) => {
    const file = page.waitForEvent('download');
    await page.getByRole('link', { name }).click();
    return readFileSync((await (await file).path())!, 'utf8');
  };
  const figure = (value: number | null) => (value === null ? 'Not measurable' : count(value));
  const cleanSoFar = () => {
    expect(watched.errors).toEqual([]);
    expect(watched.offsite).toEqual([]);
  };

  beforeAll(async () => {
    demo = await startDemoData({ devices: 160, days: 2 });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    watched = await watchedPage(context);
    page = watched.page;
    await signInWithViewerToken(page, demo.collector.url, demo.collector.viewerToken);
    trustId = (await view(`as_of=${demo.asOf}`)).trusts[0]!.trust_id;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('the API\'s failing devices, counts and CSV equal the device lists behind them', async () => {
    const api = await view(`trust=${trustId}&as_of=${demo.asOf}`);
    const measurable = api.themes.filter((t) => t.measurable);
    expect(measurable.map((t) => t.id)).toEqual(['firewalls', 'secure-configuration', 'security-update-management', 'malware-protection']);
    for (const theme of measurable) {
      const behind = await listsBehind(get, theme, { trust: trustId, as_of: demo.asOf });
      expect(theme.findings, theme.id).toEqual(behind.findings);
      expect(theme.failing, theme.id).toBe(devicesOf(behind.findings).size);
      expect(theme.unknown, theme.id).toBe(behind.unknownOnly.size);
      // The demo fleet has something to find in every theme, endpoints and network gear alike.
      expect(theme.failing, theme.id).toBeGreaterThan(0);
    }
    const csv = await (await get(`/v1/frameworks/cyber-essentials?trust=${trustId}&as_of=${demo.asOf}&format=csv`)).text();
    const rows = findingsOfCsv(csv).rows;
    expect(rows.map((r) => `${r.theme} ${r.control_id} ${r.device_id} ${r.reason} ${r.evidence}`)).toEqual(
      measurable.flatMap((t) => t.findings.map((f) => `${t.id} ${f.control_id} ${f.device_id} ${f.reason} ${f.evidence}`)),
    );
  });

  it('page: disclaimer, theme counts, site table and failing devices equal the API', async () => {
    const api = await view(`trust=${trustId}&as_of=${demo.asOf}`);
    await open(`/cyber-essentials?trust=${trustId}&as_of=${demo.asOf}`);
    expect(await page.locator('#disclaimer [data-value=disclaimer]').textContent()).toBe(api.disclaimer);
    expect(await page.locator('header nav a[aria-current=page]').textContent()).toBe('Cyber Essentials');

    const summary = await page.locator('#ce-summary tbody tr').evaluateAll((rows) =>
      rows.map((row) => [row.getAttribute('data-theme'), ...['devices', 'failing', 'unknown', 'passing'].map((k) => row.querySelector(`[data-value=${k}]`)?.textContent)]),
    );
    expect(summary).toEqual(api.themes.map((t) => [t.id, figure(t.devices), figure(t.failing), figure(t.unknown), figure(t.passing)]));

    const trust = api.trusts[0]!;
    const sites = await page.locator('#ce-sites tbody tr').evaluateAll((rows) =>
      rows.map((row) => [row.getAttribute('data-site'), ...[...row.querySelectorAll('td')].map((td) => `${td.getAttribute('data-theme')}: ${td.textContent}`)]),
    );
    expect(sites).toEqual(
      trust.sites.map((s) => [s.site_id, ...s.themes.filter((t) => t.devices !== null).map((t) => `${t.theme}: ${count(t.failing!)} of ${count(t.devices!)}`)]),
    );

    for (const theme of api.themes) {
      const section = page.locator(`section[data-theme="${theme.id}"]`);
      if (!theme.measurable) {
        expect(await section.locator('[data-value=not-measurable]').textContent()).toBe(theme.not_measurable);
        continue;
      }
      expect(await section.locator('p [data-value=failing]').textContent(), theme.id).toBe(count(theme.failing!));
      expect(await section.locator('p [data-value=findings]').textContent(), theme.id).toBe(count(theme.findings_total));
      const shown = await section.locator('tbody tr').evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-device')} ${row.getAttribute('data-control')}`));
      expect(shown, theme.id).toEqual(theme.findings.slice(0, PAGE_FINDINGS).map((f) => `${f.device_id} ${f.control_id}`));
      const controls = await section.locator('li[data-control]').evaluateAll((items) => items.map((li) => li.getAttribute('data-control')));
      expect(controls).toEqual(theme.controls.map((c) => c.control_id));
    }
    await page.screenshot({ path: `${SCREENSHOTS}/cyber-essentials.png`, fullPage: true });
    cleanSoFar();
  });

  it('CSV downloads from the page equal the API CSV byte for byte: all themes, one theme, and a control\'s unknowns', async () => {
    await open(`/cyber-essentials?trust=${trustId}&as_of=${demo.asOf}`);
    const all = await download('Download CSV (all themes)');
    expect(all).toBe(await (await get(`/v1/frameworks/cyber-essentials?trust=${trustId}&as_of=${demo.asOf}&format=csv`)).text());
    const updates = await download('Download CSV: Security update management');
    expect(updates).toBe(await (await get(`/v1/frameworks/cyber-essentials?trust=${trustId}&as_of=${demo.asOf}&theme=security-update-management&format=csv`)).text());
    expect(findingsOfCsv(updates).rows.length).toBe((await view(`trust=${trustId}&as_of=${demo.asOf}&theme=security-update-management`)).themes[0]!.findings_total);
    // The reasons behind a theme's unknown count are each control's device list of unknowns.
    const unknown = await download('Unknown on CYB-PATCH, with reasons (CSV)');
    expect(unknown).toBe(await (await get(`/v1/devices?trust=${trustId}&as_of=${demo.asOf}&control=CYB-PATCH&status=unknown&limit=10000&format=csv`)).text());
    cleanSoFar();
  });

  it('a site\'s page equals the API for that site, and a failing device links to its page', async () => {
    await open(`/cyber-essentials?trust=${trustId}&as_of=${demo.asOf}`);
    const link = page.locator('#ce-sites tbody tr th a').first();
    const siteId = await page.locator('#ce-sites tbody tr').first().getAttribute('data-site');
    await link.click();
    await page.waitForLoadState('networkidle');
    expect(new URL(page.url()).searchParams.get('site')).toBe(siteId);
    const api = await view(`trust=${trustId}&site=${siteId}&as_of=${demo.asOf}`);
    const failing = await page.locator('#ce-summary tbody tr [data-value=failing]').allTextContents();
    expect(failing).toEqual(api.themes.map((t) => figure(t.failing)));

    const updates = api.themes.find((t) => t.id === 'security-update-management')!;
    const first = page.locator('section[data-theme="security-update-management"] tbody tr th a').first();
    await first.click();
    await page.waitForLoadState('networkidle');
    expect(new URL(page.url()).pathname).toBe(`/devices/${updates.findings[0]!.device_id}`);
    const status = await page.locator(`#device-controls tbody tr[data-control="${updates.findings[0]!.control_id}"] [data-value=status]`).textContent();
    expect(status?.replace(/\s+/g, ' ').trim()).toBe('✗ Fail');
    cleanSoFar();
  });

  it('is usable by keyboard, has no accessibility violations (axe-core) and fits a tablet screen', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await open(`/cyber-essentials?trust=${trustId}&as_of=${demo.asOf}`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe.run();
      return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(violations).toEqual([]);
    await page.setViewportSize({ width: 768, height: 1024 });
    await open(`/cyber-essentials?trust=${trustId}&as_of=${demo.asOf}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    await page.screenshot({ path: `${SCREENSHOTS}/cyber-essentials-tablet.png`, fullPage: true });
    cleanSoFar();
  });
});
