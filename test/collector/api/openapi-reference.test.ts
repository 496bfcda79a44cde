import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../../collector/service.js';
import { launchChromium, SCREENSHOTS, watchedPage } from '../../helpers/browser.js';
import { startTestCollector } from '../../helpers/collector.js';
import { tempDir } from '../../helpers/temp.js';
import { documentedOperations, type OpenApiDocument } from './openapi.js';

// The API reference page (/api/reference) in real Chromium: Swagger UI served by the collector
// itself (no CDN), under a Content-Security-Policy with no inline script or style allowed, renders
// every operation of the document, with no CSP violation, no console error and no request off loopback.
describe('API reference page', () => {
  const dir = tempDir('openapi-reference');
  let collector: RunningCollector;
  let browser: Browser;
  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await collector.close();
    dir.remove();
  });

  it('is served with a strict Content-Security-Policy and its assets from the collector', async () => {
    const page = await fetch(`${collector.url}/api/reference`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await page.text();
    expect(html).not.toMatch(/<script>(?!<)/);
    expect(html).not.toMatch(/https?:\/\//);
    for (const asset of ['swagger-ui.css', 'swagger-ui-bundle.js', 'init.js']) {
      const response = await fetch(`${collector.url}/api/reference/${asset}`);
      expect(response.status, asset).toBe(200);
      expect((await response.arrayBuffer()).byteLength, asset).toBeGreaterThan(100);
    }
  });

  it('renders every operation of the document in Chromium, without a CSP violation or a request off loopback', async () => {
    const openapi = (await (await fetch(`${collector.url}/v1/openapi.json`)).json()) as OpenApiDocument;
    const context = await browser.newContext();
    const { page, errors, offsite } = await watchedPage(context);
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    await page.goto(`${collector.url}/api/reference`);
    await page.waitForSelector('.swagger-ui .opblock');
    const operations = await page.locator('.swagger-ui .opblock').count();
    await page.screenshot({ path: `${SCREENSHOTS}/api-reference.png`, fullPage: false });
    const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    await context.close();
    expect(operations).toBe(documentedOperations(openapi).length);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
  });
});
