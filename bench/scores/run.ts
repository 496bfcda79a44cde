// bench/scores: one million simulated devices with a week of samples in the embedded engine;
// prints the load time, the evaluation time, and trust-score and site-league query times.
// Run: npm run bench:scores [-- --devices 1000000 --days 7]
import { Command, InvalidArgumentError } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findingChanges } from '../../collector/queries/changes.js';
import { loadScoringModel } from '../../collector/scoring/controls.js';
import { isoDaysBefore } from '../../collector/scoring/dates.js';
import { ensureCatalogue } from '../../collector/lifecycle/catalogue-store.js';
import { ScoringService } from '../../collector/scoring/service.js';
import { deviceDetail } from '../../collector/queries/device-detail.js';
import { Store } from '../../collector/store/store.js';
import { generateEstate } from './generate.js';

const whole = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number ≥ 1');
  return n;
};

const options = new Command('bench-scores')
  .option('--devices <n>', 'simulated devices', whole, 1_000_000)
  .option('--sites <n>', 'sites', whole, 200)
  .option('--trusts <n>', 'trusts', whole, 10)
  .option('--days <n>', 'days of samples', whole, 7)
  .option('--samples-per-day <n>', 'latency (and Wi-Fi) samples per device per day', whole, 4)
  .option('--repeat <n>', 'timed repetitions of each query', whole, 20)
  .parse()
  .opts<{ devices: number; sites: number; trusts: number; days: number; samplesPerDay: number; repeat: number }>();

const AS_OF = '2026-11-20';
const dir = mkdtempSync(join(tmpdir(), 'sf-bench-scores-'));
const seconds = (ms: number) => (ms / 1000).toFixed(2);

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { median_ms: Math.round(at(0.5)), p95_ms: Math.round(at(0.95)) };
}

async function time<T>(repeat: number, run: () => Promise<T>) {
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return stats(samples);
}

const store = await Store.open({ dataDir: dir, database: 'sf' });
try {
  await ensureCatalogue(store);
  console.log(`Loading ${options.devices} devices, ${options.sites} sites, ${options.trusts} trusts, ${options.days} days × ${options.samplesPerDay} samples/day …`);
  const loadStarted = performance.now();
  const load = await generateEstate(store, options, AS_OF);
  const loadMs = performance.now() - loadStarted;
  const [rows] = await store.query<Record<string, number>>(
    `SELECT (SELECT count() FROM {db}.latency_samples) AS latency_samples, (SELECT count() FROM {db}.wifi_samples) AS wifi_samples,
            (SELECT count() FROM {db}.reports) AS reports, (SELECT count() FROM {db}.inventory_history) AS inventory_rows`,
  );
  console.log(`  loaded in ${seconds(loadMs)} s:`, rows, Object.fromEntries(Object.entries(load).map(([k, v]) => [k, `${v.toFixed(1)} s`])));

  const scoring = new ScoringService(store, loadScoringModel(), () => new Date(`${AS_OF}T23:00:00Z`));
  const evalStarted = performance.now();
  const { run } = await scoring.reevaluate(AS_OF);
  const evaluationMs = performance.now() - evalStarted;
  console.log(`  evaluated ${run.devices} devices × ${scoring.model.controls.length} controls in ${seconds(evaluationMs)} s`);

  const trust = await time(options.repeat, () => scoring.scores(AS_OF, { trust: 'trust-0' }));
  const league = await time(options.repeat, async () => {
    const { trusts } = await scoring.scores(AS_OF);
    return trusts.flatMap((t) => t.sites).sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  });
  const unsupported = await time(options.repeat, () => deviceDetail(store, scoring, AS_OF, 'dev_000000000000000000000007'));

  // The cyber view's "since yesterday" line and the digest compare two snapshots: keep the day before's too.
  const dayBefore = isoDaysBefore(AS_OF, 1);
  const previousStarted = performance.now();
  const { run: previous } = await scoring.reevaluate(dayBefore);
  console.log(`  evaluated the day before (${dayBefore}) in ${seconds(performance.now() - previousStarted)} s`);
  const changes = await time(options.repeat, () =>
    findingChanges(store, previous, run, { trust: 'trust-0', control: 'CYB-PATCH', limit: 1, offset: 0, format: 'json' }),
  );

  const result = {
    devices: options.devices,
    samples: rows!.latency_samples! + rows!.wifi_samples!,
    load_s: Number(seconds(loadMs)),
    evaluation_s: Number(seconds(evaluationMs)),
    trust_score: trust,
    site_league: league,
    device_detail: unsupported,
    finding_changes: changes,
    target_trust_score_under_1s: trust.p95_ms < 1000,
  };
  console.log('');
  console.log(`  trust score (one trust, all its sites)   median ${trust.median_ms} ms   p95 ${trust.p95_ms} ms   target < 1000 ms: ${result.target_trust_score_under_1s ? 'met' : 'MISSED'}`);
  console.log(`  site league (every trust and site)       median ${league.median_ms} ms   p95 ${league.p95_ms} ms`);
  console.log(`  one device with evidence                 median ${unsupported.median_ms} ms   p95 ${unsupported.p95_ms} ms`);
  console.log(`  finding changes (one trust, one control) median ${changes.median_ms} ms   p95 ${changes.p95_ms} ms`);
  console.log(JSON.stringify(result));
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
