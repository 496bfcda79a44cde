import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDaysBefore } from '../../collector/scoring/dates.js';
import type { TrustScore } from '../../collector/scoring/service.js';
import type { RunningCollector } from '../../collector/service.js';
import { launchChromium, SCREENSHOTS, watchedPage, type WatchedPage, signInWithViewerToken } from '../helpers/browser.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../helpers/collector.js';
import { postReport } from '../helpers/reports.js';
import { AS_OF, reportFor, type Variant } from '../helpers/scoring-fleet.js';
import { tempDir } from '../helpers/temp.js';

// The CIO view says what the next level needs: the score band's gap and each failing gate of that
// level with the devices to fix, the same figures the API stored for the run. Five laptops: one on
// Windows 10 (out of support: 20 % > the 5 % the level-3 gate allows), one unpatched (20 % > the
// 10 % of the level-4 gate).
describe('CIO view: what the next level needs, and the rules each trend point rests on', () => {
  const dir = tempDir('next-level');
  let collector: RunningCollector;
  let browser: Browser;
  let watched: WatchedPage;
  let page: Page;
  let trust: TrustScore;
  const win10: string[] = [];
  const text = async (selector: string) => (await page.locator(selector).first().textContent())?.replace(/\s+/g, ' ').trim();

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
    const secret = await siteWithSecret(adminFor(collector.url, dir.path), 's1', 't');
    for (const [n, variant] of (['good', 'good', 'good', 'win10', 'unpatched'] as Variant[]).entries()) {
      const device = await enroll(collector.url, secret, String(n).repeat(64));
      if (variant === 'win10') win10.push(device.device_id);
      expect((await postReport(collector.url, device.node_key, reportFor(variant, device.device_id))).status).toBe(202);
    }
    const response = await fetch(`${collector.url}/v1/scores?as_of=${AS_OF}&trust=t`, { headers: { authorization: `Bearer ${collector.viewerToken}` } });
    trust = ((await response.json()) as { trusts: TrustScore[] }).trusts[0]!;
    browser = await launchChromium();
    watched = await watchedPage(await browser.newContext({ viewport: { width: 1366, height: 900 } }));
    page = watched.page;
    await signInWithViewerToken(page, collector.url, collector.viewerToken);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await collector?.close();
    dir.remove();
  });

  it('names the next level, the score gap and the failing gate with its devices to fix, as stored', async () => {
    // What the API stored: level 2 held back by the level-3 gate, whose one device to fix is the Windows 10 laptop.
    expect(trust.level).toBe(2);
    expect(trust.next_level).toMatchObject({ level: 3, score_gap: 0, gates: [{ gate: 'supported-software', devices_to_fix: 1, fail: 1 }] });
    expect(trust.capped_by.map((g) => g.gate)).toEqual(['supported-software', 'security-updates']);

    const response = await page.goto(`${collector.url}/?trust=t&as_of=${AS_OF}`);
    expect(response?.status()).toBe(200);
    expect(await text('#next-level [data-value=next-level]')).toBe(`level 3 · ${trust.next_level!.name}`);
    expect(await text('#next-level [data-need=score]')).toContain(`is already in its band (from ${trust.next_level!.min_score})`);
    const gates = page.locator('#next-level [data-need=gate]');
    expect(await gates.count()).toBe(1);
    expect(await gates.first().getAttribute('data-gate')).toBe('supported-software');
    expect(await text('#next-level [data-gate=supported-software] [data-value=devices-to-fix]')).toBe('1');
    // Each cap in the level card says which level it withholds and how many devices lift it.
    expect(await page.locator('#headline .cap').evaluateAll((caps) => caps.map((c) => c.getAttribute('data-gate')))).toEqual(['supported-software', 'security-updates']);
    await page.screenshot({ path: `${SCREENSHOTS}/cio-next-level.png`, fullPage: true });

    // The gate's control links to the devices that fail it: the Windows 10 laptop.
    await page.locator('#next-level [data-gate=supported-software] a', { hasText: 'CYB-OS-SUPPORTED' }).click();
    await page.waitForURL((url) => url.pathname === '/cyber');
    expect(new URL(page.url()).searchParams.get('control')).toBe('CYB-OS-SUPPORTED');
    expect(await page.locator(`[data-device="${win10[0]}"], a[href*="${win10[0]}"]`).count()).toBeGreaterThan(0);
    expect(watched.errors).toEqual([]);
    expect(watched.offsite).toEqual([]);
  });

  it('the trend names the days whose run used other rules than the day before', async () => {
    const dayBefore = isoDaysBefore(AS_OF, 1);
    const auth = { headers: { authorization: `Bearer ${collector.viewerToken}` } };
    expect((await fetch(`${collector.url}/v1/scores?as_of=${dayBefore}`, auth)).status).toBe(200);
    // A new end-of-life catalogue, loaded at the next start; the date is then re-evaluated on request.
    const file = join(dir.path, 'catalogue.yaml');
    writeFileSync(file, readFileSync(new URL('../../collector/lifecycle/catalogue.yaml', import.meta.url), 'utf8').replace(/^revision: .*$/m, 'revision: test-next'));
    await collector.close();
    collector = await startTestCollector(dir.path, { eolCatalogue: file });
    const { run, previous } = await adminFor(collector.url, dir.path).reevaluateScores(AS_OF);
    const trend = (await (await fetch(`${collector.url}/v1/scores/trend?trust=t&from=${dayBefore}&to=${AS_OF}`, auth)).json()) as { points: Array<{ catalogue_revision: string }> };
    expect(trend.points.map((p) => p.catalogue_revision)).toEqual([previous!.catalogue_revision, run.catalogue_revision]);

    // Same host, new port: the session cookie still signs in.
    expect((await page.goto(`${collector.url}/?trust=t&as_of=${AS_OF}`))?.status()).toBe(200);
    const changes = page.locator('#trend-rule-changes li');
    expect(await changes.count()).toBe(1);
    expect(await changes.first().getAttribute('data-as-of')).toBe(AS_OF);
    expect(await text('#trend-rule-changes li')).toContain(`end-of-life catalogue ${previous!.catalogue_revision} → ${run.catalogue_revision}`);
    expect(watched.errors).toEqual([]);
  });
});
