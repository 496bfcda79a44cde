/**
 * Ingest benchmark (`npm run bench:ingest`). Loopback only; bounded; stops by itself.
 *
 *  1. Starts the collector (`sf-collector serve`, from source) as a child process on a fresh
 *     embedded-ClickHouse data dir, listening on a free 127.0.0.1 port.
 *  2. Creates the simulated trusts' sites and enrols the fleet through the public API (untimed).
 *  3. Pre-generates the fleet's daily reports (unique report ids) and gzips each once (untimed).
 *  4. Timed: autocannon POSTs every report exactly once to /v1/reports over N keep-alive
 *     connections, each request its own body and node key. The collector answers 202 only
 *     after the report's rows are committed, so the time covers HTTP, gunzip, validation,
 *     row building, group commit and the engine's inserts.
 *  5. Checks through /v1/admin/stats that every report was stored once, then stops the collector.
 *  6. Ceiling, same run: the same rows (`reportToRows` of the same reports) inserted into the same
 *     engine on a second fresh data dir from this process, `--batch-rows` rows per insert.
 *
 * Prints a table, then one JSON line (last line of stdout) for machines.
 */
import { Command, InvalidArgumentError } from 'commander';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AdminClient } from '../../collector/admin-client.js';
import { postReport } from '../../demo/load-fleet.js';
import { WRITE_ORDER } from '../../collector/ingest/report-rows.js';
import { bareInsert } from './ceiling.js';
import { startCollectorProcess, type CollectorProcess } from './collector.js';
import { postAll } from './http-load.js';
import { enrolFleet, expectedCounts, prepareReports, rowsOf } from './workload.js';

interface Options {
  devices: number;
  days: number;
  reports?: number;
  connections: number;
  batchRows: number;
  flushMs?: number;
  flushRows?: number;
  seed: number;
  dataDir?: string;
  timeout: number;
  jsonOnly: boolean;
}

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number ≥ 1');
  return n;
}

const program = new Command('bench:ingest')
  .description('End-to-end ingest over HTTP on loopback vs a bare batched insert of the same rows into the same engine.')
  .option('--devices <n>', 'simulated devices to enrol', count, 2000)
  .option('--days <n>', 'daily reports per device (devices silent for a while send at most 3)', count, 5)
  .option('--reports <n>', 'send at most this many reports (default: all the fleet has)', count)
  .option('--connections <n>', 'concurrent keep-alive HTTP connections (agents reporting at once)', count, 128)
  .option('--batch-rows <n>', 'ceiling: rows per bare insert', count, 50_000)
  .option('--flush-ms <ms>', "passed to the collector's --flush-ms (default: the collector's default)", count)
  .option('--flush-rows <n>', "passed to the collector's --flush-rows (default: the collector's default)", count)
  .option('--seed <n>', 'seed of the simulated fleet', count, 1)
  .option('--data-dir <dir>', 'where the two data dirs go (kept); default a fresh temp dir, deleted at the end')
  .option('--timeout <s>', 'give up (and stop the collector) after this many seconds', count, 900)
  .option('--json-only', 'print only the JSON line', false)
  .action(run);

async function run(options: Options): Promise<void> {
  const say = (line: string) => {
    if (!options.jsonOnly) process.stderr.write(`${line}\n`);
  };
  const base = options.dataDir ? resolve(options.dataDir) : mkdtempSync(join(tmpdir(), 'sf-bench-ingest-'));
  const collectorDir = join(base, 'collector');
  const ceilingDir = join(base, 'ceiling');
  for (const dir of [collectorDir, ceilingDir]) if (existsSync(dir)) throw new Error(`${dir} exists; the benchmark needs fresh data dirs`);

  let collector: CollectorProcess | undefined;
  const watchdog = setTimeout(() => {
    console.error(`bench:ingest: timed out after ${options.timeout} s`);
    collector?.child.kill('SIGKILL');
    if (!options.dataDir) rmSync(base, { recursive: true, force: true });
    process.exit(2);
  }, options.timeout * 1000);
  watchdog.unref();

  try {
    const collectorArgs = [
      ...(options.flushMs !== undefined ? ['--flush-ms', String(options.flushMs)] : []),
      ...(options.flushRows !== undefined ? ['--flush-rows', String(options.flushRows)] : []),
    ];
    const loadBefore = os.loadavg()[0]!;
    if (loadBefore > os.cpus().length / 2) say(`Warning: load average ${loadBefore.toFixed(1)} on ${os.cpus().length} cores before the run; figures will be low.`);
    say(`Starting the collector on ${collectorDir} …`);
    collector = await startCollectorProcess(collectorDir, collectorArgs);
    say(`  listening on ${collector.url}`);

    const fleet = { seed: options.seed, devices: options.devices, days: options.days, now: new Date() };
    let t = performance.now();
    const devices = await enrolFleet(collector.url, collector.adminToken, fleet, 16);
    say(`  enrolled ${devices.length} devices in ${secs(t)} s (untimed)`);

    t = performance.now();
    const workload = prepareReports(devices, fleet, options.reports ?? Number.POSITIVE_INFINITY);
    const rows = rowsOf(workload.reports);
    const expected = expectedCounts(rows);
    say(
      `  prepared ${workload.reports.length} reports (${mb(workload.jsonBytes)} MB JSON, ${mb(workload.wireBytes)} MB gzip) ` +
        `= ${expected.rows} rows in ${secs(t)} s (untimed)`,
    );

    say(`Posting ${workload.reports.length} reports over ${options.connections} connections (autocannon) …`);
    const cpuBefore = collector.cpuSeconds();
    const benchCpu = process.cpuUsage();
    const machineBefore = machineBusySeconds();
    const http = await postAll(collector.url, workload.reports, options.connections, 120);
    const collectorCpu = collector.cpuSeconds() - cpuBefore;
    const benchCpuUsed = process.cpuUsage(benchCpu);
    const loadgenCpu = (benchCpuUsed.user + benchCpuUsed.system) / 1e6;
    const otherCpu = machineBusySeconds() - machineBefore - collectorCpu - loadgenCpu;

    // Anything not acknowledged (503 back-pressure, a dropped connection) is sent again the way an
    // agent would, outside the timing, so the store check below still holds; the table flags it.
    const missing = workload.reports.filter((r) => !http.stored.has(r.report.report_id));
    for (const r of missing) await postReport(collector.url, r.nodeKey, r.report);

    const admin = new AdminClient(collector.url, collector.adminToken);
    const stats = await admin.stats();
    say('Stopping the collector …');
    await collector.stop();
    collector = undefined;

    const checks: string[] = [];
    if (http.duplicates > 0) checks.push(`${http.duplicates} reports answered duplicate: true`);
    if (missing.length > 0) checks.push(`${missing.length} reports not acknowledged under load (re-sent afterwards, untimed)`);
    if (stats.devices !== devices.length) checks.push(`devices stored ${stats.devices} ≠ enrolled ${devices.length}`);
    for (const [key, want] of Object.entries(expected.stats)) {
      const got = stats[key as keyof typeof expected.stats];
      if (got !== want) checks.push(`${key}: stored ${got} ≠ expected ${want}`);
    }

    say(`Ceiling: the same ${expected.rows} rows as bare inserts of ${options.batchRows} rows into a fresh ${ceilingDir} …`);
    const ceiling = await bareInsert(ceilingDir, 'sf', rows, options.batchRows);
    for (const [key, want] of Object.entries(expected.stats)) {
      const got = ceiling.stats[key as keyof typeof expected.stats];
      if (got !== want) checks.push(`ceiling ${key}: stored ${got} ≠ expected ${want}`);
    }

    const reports = workload.reports.length;
    const httpReportsPerS = reports / http.seconds;
    const httpRowsPerS = expected.rows / http.seconds;
    const bareRowsPerS = ceiling.rows / ceiling.seconds;
    const summary = {
      bench: 'ingest',
      at: new Date().toISOString(),
      machine: machine(),
      load_average_before: round(loadBefore, 2),
      devices: devices.length,
      reports,
      rows: expected.rows,
      rows_per_report: round(expected.rows / reports, 1),
      rows_per_table: expected.perTable,
      gzip_bytes_per_report: Math.round(workload.wireBytes / reports),
      json_bytes_per_report: Math.round(workload.jsonBytes / reports),
      connections: options.connections,
      collector_flags: collectorArgs.join(' ') || 'defaults (--flush-ms 100 --flush-rows 50000)',
      http: {
        seconds: round(http.seconds, 2),
        reports_per_s: Math.round(httpReportsPerS),
        rows_per_s: Math.round(httpRowsPerS),
        latency_ms: http.latencyMs,
        status: http.statusCounts,
        errors: http.errors,
        timeouts: http.timeouts,
        collector_cpu_s: round(collectorCpu, 1),
        collector_cpu_ms_per_report: round((collectorCpu * 1000) / reports, 2),
        loadgen_cpu_s: round(loadgenCpu, 1),
        other_processes_cpu_s: round(Math.max(0, otherCpu), 1),
      },
      bare: {
        seconds: round(ceiling.seconds, 2),
        inserts: ceiling.inserts,
        batch_rows: options.batchRows,
        rows_per_s: Math.round(bareRowsPerS),
        reports_per_s_equivalent: Math.round(reports / ceiling.seconds),
        cpu_s: round(ceiling.cpuSeconds, 1),
      },
      ratio_http_to_bare: round(httpRowsPerS / bareRowsPerS, 3),
      checks: checks.length === 0 ? 'ok' : checks,
    };

    if (!options.jsonOnly) printTable(summary);
    console.log(JSON.stringify(summary));
    if (checks.length > 0) {
      console.error(`bench:ingest: checks failed:\n  ${checks.join('\n  ')}`);
      process.exitCode = 1;
    }
  } finally {
    clearTimeout(watchdog);
    if (collector) await collector.stop();
    if (!options.dataDir) rmSync(base, { recursive: true, force: true });
  }
}

type Summary = {
  reports: number;
  rows: number;
  rows_per_report: number;
  gzip_bytes_per_report: number;
  devices: number;
  connections: number;
  collector_flags: string;
  rows_per_table: Record<string, number>;
  http: {
    seconds: number;
    reports_per_s: number;
    rows_per_s: number;
    latency_ms: { p50: number; p90: number; p99: number; max: number };
    status: Record<string, number>;
    errors: number;
    collector_cpu_s: number;
    collector_cpu_ms_per_report: number;
    loadgen_cpu_s: number;
    other_processes_cpu_s: number;
  };
  bare: { seconds: number; inserts: number; batch_rows: number; rows_per_s: number; reports_per_s_equivalent: number; cpu_s: number };
  ratio_http_to_bare: number;
  checks: string | string[];
  machine: string;
  load_average_before: number;
};

function printTable(s: Summary): void {
  const lines: Array<[string, string]> = [
    ['machine', `${s.machine}; load average ${s.load_average_before} before the run`],
    ['workload', `${s.devices} devices, ${s.reports} reports, ${s.rows} rows (${s.rows_per_report} rows/report, ${s.gzip_bytes_per_report} B gzip/report)`],
    ['rows per table', WRITE_ORDER.map((t) => `${t} ${s.rows_per_table[t]}`).join(', ')],
    ['collector', s.collector_flags],
    ['', ''],
    ['HTTP (end to end)', `${s.connections} connections, autocannon, POST /v1/reports gzip`],
    ['  wall time', `${s.http.seconds} s`],
    ['  reports/s', fmt(s.http.reports_per_s)],
    ['  rows/s', fmt(s.http.rows_per_s)],
    ['  latency', `p50 ${s.http.latency_ms.p50} ms, p90 ${s.http.latency_ms.p90} ms, p99 ${s.http.latency_ms.p99} ms, max ${s.http.latency_ms.max} ms`],
    ['  status', `${Object.entries(s.http.status).map(([c, n]) => `${c}×${n}`).join(', ')}${s.http.errors ? `, ${s.http.errors} connection errors` : ''}`],
    ['  collector CPU', `${s.http.collector_cpu_s} s (${round(s.http.collector_cpu_s / s.http.seconds, 2)} cores, ${s.http.collector_cpu_ms_per_report} ms/report)`],
    ['  load generator CPU', `${s.http.loadgen_cpu_s} s (this process: autocannon)`],
    ['  other processes CPU', `${s.http.other_processes_cpu_s} s (anything else on the machine meanwhile)`],
    ['', ''],
    ['Bare batched insert', `same rows, same engine, ${fmt(s.bare.batch_rows)} rows/insert, ${s.bare.inserts} inserts`],
    ['  wall time', `${s.bare.seconds} s (CPU ${s.bare.cpu_s} s)`],
    ['  rows/s', fmt(s.bare.rows_per_s)],
    ['  = reports/s', fmt(s.bare.reports_per_s_equivalent)],
    ['', ''],
    ['HTTP ÷ bare (rows/s)', String(s.ratio_http_to_bare)],
    ['checks', typeof s.checks === 'string' ? s.checks : s.checks.join('; ')],
  ];
  const width = Math.max(...lines.map(([k]) => k.length));
  for (const [k, v] of lines) console.log(k || v ? `${k.padEnd(width)}  ${v}` : '');
}

function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 1024 ** 3)} GB, Node ${process.version}, ${os.platform()}`;
}

/** Busy CPU seconds of the whole machine so far (all cores), from /proc/stat; NaN off Linux. */
function machineBusySeconds(): number {
  if (process.platform !== 'linux') return Number.NaN;
  // cpu  user nice system idle iowait irq softirq steal …, in USER_HZ (100) ticks
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return [0, 1, 2, 5, 6, 7].reduce((sum, i) => sum + (ticks[i] ?? 0), 0) / 100;
}

const secs = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const fmt = (n: number) => n.toLocaleString('en-GB');

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`bench:ingest: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
