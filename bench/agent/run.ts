/**
 * Agent footprint benchmark (`npm run bench:agent`). Loopback only; stops by itself.
 *
 * Runs the built bundle (dist/sf-agent.mjs, what endpoints get) with the real `run` command, the
 * real collectors on this machine, its disk spool and its sender, against a stand-in collector on
 * 127.0.0.1 that enrols it and accepts (and validates) every report. Reading the agent process's
 * /proc/<pid>/stat each time a report arrives gives CPU per cycle (its own plus the children it
 * waited for: ping, the inventory worker and the commands that ran); /proc/<pid>/status gives RSS.
 * The inventory worker processes (`inventory-worker` children) are sampled too: their peak RSS.
 *
 *   full:  every registered collector due every cycle, inventory re-sent every cycle
 *   light: latency to 127.0.0.1 only (what the agent sends every 5 minutes)
 *
 * Then, as a reference, the Debian `prometheus-node-exporter` on 127.0.0.1, scraped once.
 * Options: --full-cycles N (4), --light-cycles N (8), --light-interval S (5), --json-only,
 * --no-build (use dist/sf-agent.mjs as it is; by default it is rebuilt from the source first),
 * --node-arg=<flag> (repeatable: a Node/V8 flag for the agent process, e.g. --node-arg=--max-semi-space-size=1).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultCollectors } from '../../agent/collectors/registry.js';
import { type Arrival, type FakeCollector, startFakeCollector } from './fake-collector.js';
import { nodeExporterReference } from './node-exporter.js';
import { cpuMs, inventoryWorkers, procMemKb, round, stopChild, type ProcCpu } from './proc.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BUNDLE = path.join(ROOT, 'dist/sf-agent.mjs');
const TARGETS = { idleRssMb: 60, lightCpuMs: 50, lightGzipBytes: 2048 };
const MAX_WEEK_S = 7 * 24 * 3600;

const { values: opts } = parseArgs({
  options: {
    'full-cycles': { type: 'string', default: '4' },
    'light-cycles': { type: 'string', default: '8' },
    'light-interval': { type: 'string', default: '5' },
    'json-only': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'node-arg': { type: 'string', multiple: true, default: [] },
  },
});
const FULL_CYCLES = Math.max(2, Number(opts['full-cycles']));
const LIGHT_CYCLES = Math.max(2, Number(opts['light-cycles']));
const LIGHT_INTERVAL_S = Math.max(0.2, Number(opts['light-interval']));
const NODE_ARGS = opts['node-arg'] ?? [];
const say = (line: string): void => {
  if (!opts['json-only']) process.stderr.write(`${line}\n`);
};

if (process.platform !== 'linux') {
  console.error('bench:agent reads /proc and runs on Linux only');
  process.exit(1);
}

// ---------- one agent run ----------

interface AgentRun {
  arrivals: Arrival[];
  enrolCpu: ProcCpu;
  spawnedAt: number;
  /** VmRSS every 250 ms while the agent ran. */
  rssTimeline: Array<{ at: number; rssKb: number; anonKb: number }>;
  idleRssKb: number;
  idleAnonKb: number;
  peakRssKb: number;
  /**
   * The inventory worker processes seen (sampled every 250 ms): their highest VmHWM, and agent + worker
   * at once: RSS summed (counts the node binary's shared pages twice) and anonymous memory summed.
   */
  workerPeakRssKb: number;
  combinedPeakRssKb: number;
  combinedPeakAnonKb: number;
  workersSeen: number;
}


async function runAgent(
  fake: FakeCollector,
  intervals: Record<string, number>,
  inventoryResendHours: number,
  enough: (arrivals: Arrival[]) => boolean,
  deadlineMs: number,
): Promise<AgentRun> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sf-bench-agent-'));
  const configFile = path.join(dir, 'agent.json');
  await writeFile(
    configFile,
    JSON.stringify({
      collector_url: fake.url,
      enroll_secret: 'bench-enrol-secret-0123456789',
      state_dir: path.join(dir, 'state'),
      log_level: 'warn',
      latency: { targets: [{ host: '127.0.0.1', label: 'loopback' }] },
      intervals,
      inventory_resend_hours: inventoryResendHours,
    }),
  );
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SF_')));
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...NODE_ARGS, BUNDLE, 'run', '--config', configFile], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  if (child.pid === undefined) throw new Error('could not start the agent');
  fake.watch(child.pid);
  const rssTimeline: AgentRun['rssTimeline'] = [];
  const pid = child.pid;
  const workers = { peakKb: 0, combinedKb: 0, combinedAnonKb: 0, seen: new Set<number>() };
  const sampler = setInterval(() => {
    try {
      const { rssKb, anonKb } = procMemKb(pid);
      rssTimeline.push({ at: performance.now(), rssKb, anonKb });
      let workerRssKb = 0;
      let workerAnonKb = 0;
      for (const worker of inventoryWorkers(pid)) {
        const mem = procMemKb(worker);
        workers.seen.add(worker);
        workers.peakKb = Math.max(workers.peakKb, mem.hwmKb);
        workerRssKb += mem.rssKb;
        workerAnonKb += mem.anonKb;
      }
      workers.combinedKb = Math.max(workers.combinedKb, rssKb + workerRssKb);
      workers.combinedAnonKb = Math.max(workers.combinedAnonKb, anonKb + workerAnonKb);
    } catch {
      // exited
    }
  }, 250);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not done after ${fake.arrivals.length} reports in ${deadlineMs} ms; agent stderr: ${stderr}`)), deadlineMs);
      child.once('exit', (code) => reject(new Error(`agent exited early (${code}); stderr: ${stderr}`)));
      fake.onArrival = () => {
        if (enough(fake.arrivals)) {
          clearTimeout(timer);
          resolve();
        }
      };
    });
    child.removeAllListeners('exit');
    // The last report is answered; let the agent finish spool bookkeeping and go idle.
    await new Promise((r) => setTimeout(r, 500));
    const mem = procMemKb(child.pid);
    if (!fake.enrolCpu) throw new Error('agent did not enrol');
    return {
      arrivals: [...fake.arrivals],
      enrolCpu: fake.enrolCpu,
      spawnedAt,
      rssTimeline,
      idleRssKb: mem.rssKb,
      idleAnonKb: mem.anonKb,
      peakRssKb: mem.hwmKb,
      workerPeakRssKb: workers.peakKb,
      combinedPeakRssKb: Math.max(workers.combinedKb, mem.hwmKb),
      combinedPeakAnonKb: workers.combinedAnonKb,
      workersSeen: workers.seen.size,
    };
  } finally {
    clearInterval(sampler);
    delete fake.onArrival;
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

/** Runs per collector in these reports. */
function runCounts(arrivals: Arrival[], names: string[]): number[] {
  return names.map((n) => arrivals.filter((a) => a.collectors.some((c) => c === n || c === `${n}(failed)`)).length);
}

/** Mean CPU per cycle over consecutive arrivals [from..to]: the spacing between reports is one cycle. */
function perCycle(arrivals: Arrival[], from: number, to: number) {
  const first = arrivals[from];
  const last = arrivals[to];
  if (!first || !last || to <= from) throw new Error('not enough reports');
  const d = cpuMs(first.cpu, last.cpu);
  const n = to - from;
  return { cycles: n, cpu_ms: round(d.total / n), agent_cpu_ms: round(d.self / n), children_cpu_ms: round(d.children / n) };
}

/** RSS of an idle Node process that loads nothing: the floor under any Node agent. */
async function bareNodeRssMb(): Promise<number> {
  const child = spawn(process.execPath, [...NODE_ARGS, '-e', 'setTimeout(() => {}, 5000)'], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 1000));
    return round(procMemKb(child.pid as number).rssKb / 1024);
  } finally {
    await stopChild(child);
  }
}

// ---------- main ----------

// Rebuilt each time (about a second) so the bundle matches the collectors registered in the source.
if (!opts['no-build'] || !existsSync(BUNDLE)) {
  say('bench: building dist/sf-agent.mjs (node scripts/build.mjs)');
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
}

const names = defaultCollectors().map((c) => c.name);
const fake = await startFakeCollector();
let result: Record<string, unknown>;
try {
  // Full: every collector due every 3 s, inventory re-sent every time. Each collector's next run is
  // jittered (±10%) on its own, so a round may arrive as several reports: CPU is divided by the
  // number of collector runs after the first report over the number of collectors (full-collection
  // equivalents), once every collector has run FULL_CYCLES more times.
  say(`bench: full collections (${names.join(', ')}) x${FULL_CYCLES} after the first…`);
  // Counted by what the bundle actually ran (its first report lists every collector it has).
  const ran = (arrivals: Arrival[]): string[] => arrivals[0]?.collectors.map((c) => c.replace('(failed)', '')) ?? names;
  const fullRounds = (arrivals: Arrival[]): number => {
    const counts = runCounts(arrivals.slice(1), ran(arrivals));
    return counts.reduce((a, b) => a + b, 0) / ran(arrivals).length;
  };
  const full = await runAgent(
    fake,
    Object.fromEntries(names.map((n) => [n, 3])),
    0.0001,
    (arrivals) => Math.min(...runCounts(arrivals.slice(1), ran(arrivals))) >= FULL_CYCLES,
    60_000 + FULL_CYCLES * 8000,
  );
  const firstFull = full.arrivals[0] as Arrival;
  const coldFull = cpuMs(full.enrolCpu, firstFull.cpu);
  const rounds = fullRounds(full.arrivals);
  const fullSpan = cpuMs(firstFull.cpu, (full.arrivals[full.arrivals.length - 1] as Arrival).cpu);
  const steadyFull = {
    cycles: round(rounds, 2),
    reports: full.arrivals.length - 1,
    cpu_ms: round(fullSpan.total / rounds),
    agent_cpu_ms: round(fullSpan.self / rounds),
    children_cpu_ms: round(fullSpan.children / rounds),
  };
  // The first report: every collector, inventory included (what a device sends at start and daily).
  const fullReport = firstFull;

  // Light: latency every LIGHT_INTERVAL_S; everything else not due again within the run.
  say(`bench: light cycles (latency to 127.0.0.1) x${LIGHT_CYCLES}…`);
  const light = await runAgent(
    fake,
    Object.fromEntries(names.map((n) => [n, n === 'latency' ? LIGHT_INTERVAL_S : MAX_WEEK_S])),
    24,
    (arrivals) => arrivals.length >= LIGHT_CYCLES + 1,
    60_000 + LIGHT_CYCLES * LIGHT_INTERVAL_S * 1500,
  );
  const lightArrivals = light.arrivals.slice(1);
  if (lightArrivals.some((a) => a.hasInventory || a.collectors.some((c) => !c.startsWith('latency')))) {
    throw new Error(`a light report carried more than latency: ${JSON.stringify(lightArrivals.map((a) => a.collectors))}`);
  }
  // Skip the first light cycle (first ping spawn, JIT warm-up) for the steady figure.
  const steadyLight = perCycle(light.arrivals, 2, light.arrivals.length - 1);
  const firstLight = cpuMs((light.arrivals[0] as Arrival).cpu, (light.arrivals[1] as Arrival).cpu);

  const bareNode = await bareNodeRssMb();
  say('bench: reference: prometheus-node-exporter on 127.0.0.1, one scrape…');
  const exporter = await nodeExporterReference(say);

  // Idle: the agent between two light cycles, in the second half of the last gap.
  const lastGap: [Arrival, Arrival] = [light.arrivals[light.arrivals.length - 2] as Arrival, light.arrivals[light.arrivals.length - 1] as Arrival];
  const idleFrom = (lastGap[0].at + lastGap[1].at) / 2;
  const idleSamples = light.rssTimeline.filter((x) => x.at >= idleFrom && x.at < lastGap[1].at - 100);
  const idleRssMb = round((idleSamples.length > 0 ? median(idleSamples.map((x) => x.rssKb)) : light.idleRssKb) / 1024);
  const idleAnonMb = round((idleSamples.length > 0 ? median(idleSamples.map((x) => x.anonKb)) : light.idleAnonKb) / 1024);
  const peakRssMb = round(Math.max(full.peakRssKb, light.peakRssKb) / 1024);
  const workerPeakRssMb = round(Math.max(full.workerPeakRssKb, light.workerPeakRssKb) / 1024);
  const combinedPeakRssMb = round(Math.max(full.combinedPeakRssKb, light.combinedPeakRssKb) / 1024);
  const combinedPeakAnonMb = round(Math.max(full.combinedPeakAnonKb, light.combinedPeakAnonKb) / 1024);
  const lightGzip = median(lightArrivals.map((a) => a.wireBytes));
  const lightRaw = median(lightArrivals.map((a) => a.rawBytes));
  result = {
    bench: 'agent',
    node: process.version,
    node_args: NODE_ARGS,
    collectors: names,
    agent: {
      startup_cpu_ms: round(cpuMs({ self: 0, children: 0 }, full.enrolCpu).total),
      full_first_cpu_ms: round(coldFull.total),
      full_cpu_ms: steadyFull.cpu_ms,
      full_agent_cpu_ms: steadyFull.agent_cpu_ms,
      full_children_cpu_ms: steadyFull.children_cpu_ms,
      full_cycles_measured: steadyFull.cycles,
      full_reports_measured: steadyFull.reports,
      light_first_cpu_ms: round(firstLight.total),
      light_cpu_ms: steadyLight.cpu_ms,
      light_agent_cpu_ms: steadyLight.agent_cpu_ms,
      light_children_cpu_ms: steadyLight.children_cpu_ms,
      light_cycles_measured: steadyLight.cycles,
      idle_rss_mb: idleRssMb,
      idle_rss_anon_mb: idleAnonMb,
      bare_node_rss_mb: bareNode,
      peak_rss_mb: peakRssMb,
      worker_peak_rss_mb: workerPeakRssMb,
      combined_peak_rss_mb: combinedPeakRssMb,
      combined_peak_anon_mb: combinedPeakAnonMb,
      inventory_workers_started: full.workersSeen + light.workersSeen,
      full_report_bytes: fullReport.rawBytes,
      full_report_gzip_bytes: fullReport.wireBytes,
      light_report_bytes: lightRaw,
      light_report_gzip_bytes: lightGzip,
    },
    node_exporter: exporter,
    targets: {
      idle_rss_mb: { target: TARGETS.idleRssMb, pass: idleRssMb <= TARGETS.idleRssMb },
      light_cpu_ms: { target: TARGETS.lightCpuMs, pass: steadyLight.cpu_ms <= TARGETS.lightCpuMs },
      light_report_gzip_bytes: { target: TARGETS.lightGzipBytes, pass: lightGzip <= TARGETS.lightGzipBytes },
    },
  };

  if (!opts['json-only']) {
    const mark = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');
    const ne = 'skipped' in exporter ? undefined : exporter;
    const rows: Array<[string, string, string, string]> = [
      ['measure', 'sf-agent', 'node-exporter (1 scrape)', 'target'],
      ['idle RSS', `${idleRssMb} MB`, ne ? `${ne.idle_rss_mb} MB` : '—', `≤ ${TARGETS.idleRssMb} MB ${mark(idleRssMb <= TARGETS.idleRssMb)}`],
      ['  of which anonymous (heap etc.)', `${idleAnonMb} MB`, '', ''],
      ['  bare Node, nothing loaded', `${bareNode} MB`, '', ''],
      ['peak RSS (VmHWM)', `${peakRssMb} MB`, ne ? `${ne.peak_rss_mb} MB` : '—', ''],
      ['  inventory worker, peak (sampled)', `${workerPeakRssMb} MB`, '', ''],
      ['  agent + worker at once (sampled), RSS sum', `${combinedPeakRssMb} MB`, '', ''],
      ['  agent + worker at once, anonymous sum', `${combinedPeakAnonMb} MB`, '', ''],
      ['CPU, full collection (steady)', `${steadyFull.cpu_ms} ms`, ne ? `${ne.scrape_cpu_ms} ms` : '—', ''],
      ['CPU, first full collection', `${round(coldFull.total)} ms`, '', ''],
      ['CPU, light cycle (steady)', `${steadyLight.cpu_ms} ms`, '', `≤ ${TARGETS.lightCpuMs} ms ${mark(steadyLight.cpu_ms <= TARGETS.lightCpuMs)}`],
      ['full report raw / gzip', `${fullReport.rawBytes} / ${fullReport.wireBytes} B`, ne ? `${ne.metrics_bytes} / ${ne.metrics_gzip_bytes} B` : '—', ''],
      ['light report raw / gzip', `${lightRaw} / ${lightGzip} B`, '', `gzip ≤ ${TARGETS.lightGzipBytes} B ${mark(lightGzip <= TARGETS.lightGzipBytes)}`],
    ];
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]?.length ?? 0)));
    for (const r of rows) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}\n`);
    process.stdout.write(
      `(CPU = agent process + its children: ping, inventory worker and its commands; steady figures average ${steadyFull.cycles} full / ${steadyLight.cycles} light cycles; ` +
        `light cycle breakdown: agent ${steadyLight.agent_cpu_ms} ms, ping ${steadyLight.children_cpu_ms} ms)\n`,
    );
    if ('skipped' in exporter) process.stdout.write(`node-exporter reference skipped: ${exporter.skipped}\n`);
    else process.stdout.write(`node-exporter: ${exporter.version}, ${exporter.series} series\n`);
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await fake.close();
}
