import type { Browser } from 'playwright-core';

export interface Spread {
  median: number;
  p95: number;
}

export interface PageTiming {
  fcp: Spread;
  charts: Spread;
  load: Spread;
  /** Request start to the HTML's last byte: the server's rendering plus loopback transfer. */
  html: Spread;
  warmFcp: number;
  /** Bytes over the wire on a cold load (compressed), and decoded. */
  transferred: number;
  decoded: number;
  warmTransferred: number;
}

interface Sample {
  fcp: number;
  charts: number;
  load: number;
  html: number;
  transferred: number;
  decoded: number;
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { median: at(0.5), p95: at(0.95) };
}

/** Loads `url` `runs` times in fresh contexts (cold cache), then once more in the last one (warm). */
export async function measurePage(browser: Browser, origin: string, viewerToken: string | undefined, url: string, runs: number): Promise<PageTiming> {
  const samples: Sample[] = [];
  let warm: Sample | undefined;
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    // Signed in outside the page, so the timed load is the first to fetch the assets.
    if (viewerToken) await context.addCookies([await sessionCookie(origin, viewerToken)]);
    const page = await context.newPage();
    samples.push(await timedLoad(page, url));
    if (i === runs - 1) warm = await timedLoad(page, url);
    await context.close();
  }
  const pick = (key: keyof Sample) => spread(samples.map((s) => s[key]));
  return {
    fcp: pick('fcp'),
    charts: pick('charts'),
    load: pick('load'),
    html: pick('html'),
    warmFcp: warm!.fcp,
    transferred: spread(samples.map((s) => s.transferred)).median,
    decoded: spread(samples.map((s) => s.decoded)).median,
    warmTransferred: warm!.transferred,
  };
}

async function timedLoad(page: import('playwright-core').Page, url: string): Promise<Sample> {
  // Bytes as the network saw them (compressed bodies plus headers), from the DevTools protocol.
  const sizes: Array<Promise<number>> = [];
  const onFinished = (request: import('playwright-core').Request) => {
    sizes.push(request.sizes().then((s) => Math.max(0, s.responseBodySize) + s.responseHeadersSize));
  };
  page.on('requestfinished', onFinished);
  await page.goto(url, { waitUntil: 'load' });
  // Playwright may report a request finished a little after the load event.
  await page.waitForLoadState('networkidle');
  page.off('requestfinished', onFinished);
  const transferred = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  const timing = await page.evaluate(async () => {
    // Headless Chromium can record the first paint after the load event: wait for it.
    await new Promise<void>((resolve) => {
      if (performance.getEntriesByName('first-contentful-paint').length > 0) return resolve();
      new PerformanceObserver(() => resolve()).observe({ type: 'paint', buffered: true });
      setTimeout(resolve, 5000);
    });
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    const charts = performance.getEntriesByName('sf-charts-drawn')[0];
    return {
      fcp: paint?.startTime ?? NaN,
      charts: charts?.startTime ?? NaN,
      load: nav.loadEventStart,
      html: nav.responseEnd - nav.requestStart,
      decoded: nav.decodedBodySize + resources.reduce((sum, r) => sum + r.decodedBodySize, 0),
    };
  });
  return { ...timing, transferred };
}

/** Signs in through the form as a browser would, and returns the session cookie it sets. */
export async function sessionCookie(origin: string, viewerToken: string) {
  const response = await fetch(`${origin}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams({ token: viewerToken, next: '/' }),
    redirect: 'manual',
  });
  const match = /^sf_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '');
  if (response.status !== 303 || !match) throw new Error(`sign-in failed: HTTP ${response.status}`);
  return { name: 'sf_session', value: match[1]!, url: origin };
}

/** GETs `paths` in sequence from Node, `runs` times: the server's side of a page or of its API calls. */
export async function measureGets(origin: string, headers: Record<string, string>, paths: string[], runs: number): Promise<Spread> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    for (const path of paths) {
      const response = await fetch(`${origin}${path}`, { headers });
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      await response.arrayBuffer();
    }
    times.push(performance.now() - started);
  }
  return spread(times);
}
