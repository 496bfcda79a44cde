/**
 * Dashboard benchmark (`npm run bench:dashboard`). Loopback only; bounded; stops by itself.
 *
 *  1. Loads the demo fleet (same generator and size as `npm start`) into a collector on a fresh
 *     embedded-ClickHouse data dir, through the public HTTP API, and scores its history (untimed).
 *  2. Debian's Chromium (headless, background networking off) signs in with the viewer token.
 *  3. Timed, each `--runs` times in a fresh browser context (empty cache) and once more warm:
 *     the CIO view's first contentful paint, DOMContentLoaded, load, and the moment its charts are
 *     drawn (a performance mark the bundle sets), plus the bytes transferred (HTML, script, styles).
 *  4. References in the same run: the sign-in page (same server, same style sheet, no data) as
 *     the floor a page of this server can paint at; and the read API the view is built on
 *     (/v1/scores and /v1/scores/trend, fetched from Node) as the floor for the server's work,
 *     compared with the CIO page's HTML fetched the same way.
 *
 * Prints a table, then one JSON line (last line of stdout) for machines.
 */
import { Command, InvalidArgumentError } from 'commander';
import { chromium, type Browser } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_COLLECTOR_CONFIG } from '../../collector/config.js';
import { loadFleet } from '../../demo/load-fleet.js';
import { startCollector } from '../../collector/service.js';
import { measureGets, measurePage, sessionCookie, type PageTiming, type Spread } from './measure.js';

const positive = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number ≥ 1');
  return n;
};

const program = new Command('bench:dashboard')
  .description('Page weight and time to first render of the built-in dashboard on the demo fleet, in Debian Chromium over loopback.')
  .option('--devices <n>', 'simulated endpoints (the demo loads 3000)', positive, 3000)
  .option('--days <n>', 'days of history', positive, 7)
  .option('--runs <n>', 'cold loads per page', positive, 15)
  .action(run);

async function run(options: { devices: number; days: number; runs: number }): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-bench-dashboard-'));
  const collector = await startCollector({ ...DEFAULT_COLLECTOR_CONFIG, dataDir: dir, listen: { host: '127.0.0.1', port: 0 }, snapshotOnStart: false });
  let browser: Browser | undefined;
  try {
    const started = Date.now();
    const loaded = await loadFleet(collector.url, collector.adminToken, { seed: 1, devices: options.devices, days: options.days, now: new Date() }, 64);
    await collector.scoring.backfill(options.days);
    console.log(`Loaded ${loaded.devices} devices, ${loaded.reportsSent} reports and scored ${options.days} days in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
    const asOf = collector.scoring.today();
    const { trusts } = await collector.scoring.scores(asOf);
    const trust = trusts[0]!.trust_id;

    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const pages = {
      cio: `${collector.url}/?trust=${trust}&as_of=${asOf}`,
      login: `${collector.url}/login`,
    };
    const cio = await measurePage(browser, collector.url, collector.viewerToken, pages.cio, options.runs);
    const login = await measurePage(browser, collector.url, undefined, pages.login, options.runs);
    const api = await measureGets(collector.url, { authorization: `Bearer ${collector.viewerToken}` }, [`/v1/scores?trust=${trust}&as_of=${asOf}`, `/v1/scores/trend?trust=${trust}&to=${asOf}`], options.runs);
    const cookie = await sessionCookie(collector.url, collector.viewerToken);
    const server = await measureGets(collector.url, { cookie: `${cookie.name}=${cookie.value}`, 'accept-encoding': 'gzip' }, [new URL(pages.cio).pathname + new URL(pages.cio).search], options.runs);
    report(options, cio, login, api, server);
  } finally {
    await browser?.close();
    await collector.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(options: { devices: number; runs: number }, cio: PageTiming, login: PageTiming, api: Spread, server: Spread): void {
  const row = (name: string, value: string, note = '') => console.log(`${name.padEnd(44)} ${value.padStart(14)}  ${note}`);
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  console.log('');
  console.log(`CIO view, ${options.devices} devices, median of ${options.runs} cold loads (p95 in brackets)`);
  row('first contentful paint', ms(cio.fcp.median), `(${ms(cio.fcp.p95)})`);
  row('charts drawn', ms(cio.charts.median), `(${ms(cio.charts.p95)})`);
  row('load event', ms(cio.load.median), `(${ms(cio.load.p95)})`);
  row('HTML from the server (request → last byte)', ms(cio.html.median), `(${ms(cio.html.p95)})`);
  row('warm load: first contentful paint', ms(cio.warmFcp));
  row('transferred, cold (HTML + script + styles)', kb(cio.transferred), `decoded ${kb(cio.decoded)}`);
  row('transferred, warm (assets cached)', kb(cio.warmTransferred));
  console.log('');
  console.log('References, same run');
  row('sign-in page: first contentful paint', ms(login.fcp.median), `(${ms(login.fcp.p95)})`);
  row('CIO HTML fetched from Node (no browser)', ms(server.median), `(${ms(server.p95)})`);
  row('read API the view uses (scores + trend)', ms(api.median), `(${ms(api.p95)})`);
  row('CIO paint ÷ sign-in paint', (cio.fcp.median / login.fcp.median).toFixed(2));
  row('CIO HTML ÷ its read API (both from Node)', (server.median / api.median).toFixed(2));
  console.log(JSON.stringify({ bench: 'dashboard', devices: options.devices, runs: options.runs, cio, login, api, server }));
}

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`bench:dashboard: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
