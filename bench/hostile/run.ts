/**
 * Hostile-device benchmark (`npm run bench:hostile`). Loopback only; bounded; stops by itself.
 *
 * Must-show 3 of issue 12: under the load of 16 honest agents, one hostile enrolled device sending
 * the poison reports of finding 1 at 20 per second leaves the honest agents' acknowledgement rate
 * within 10 % of the run without it.
 *
 *  1. Starts the collector (`sf-collector serve`, from source) on a fresh data dir, 127.0.0.1.
 *  2. Enrols 16 honest agents and one hostile device through the public API (untimed).
 *  3. Baseline: 16 keep-alive connections (one per honest agent) POST fresh reports for --seconds.
 *  4. Hostile: the same, while the hostile device (its own process, bench/hostile/device.ts) POSTs
 *     poison reports at --poison-rate per second:
 *     a gear uptime of 1e21 (serialised 1e+21, which a UInt64 column cannot parse) and samples
 *     spread over 101 months (more partitions than one insert may touch), alternately.
 *  5. Steps 3 and 4 alternate for --rounds rounds in ABBA order, so drift in the machine's load or
 *     the engine's background merges falls on both alike.
 *  6. Prints both acknowledgement rates (202 per second, over all rounds) and the ratio; exits 1 when
 *     the hostile rate is more than 10 % below the baseline or any honest report was not acknowledged.
 * With --engine-poison the collector keeps 3,300 days of inputs, so the 101-month poison passes
 * validation and only the engine refuses it: the writer's isolation path is what is measured.
 */
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { AdminClient } from '../../collector/admin-client.js';
import type { Report } from '../../protocol/index.js';
import { startCollectorProcess } from '../ingest/collector.js';

const HONEST_AGENTS = 16;

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
  return n;
}

const program = new Command('bench:hostile')
  .description('Honest agents\' acknowledgement rate with and without one hostile device sending poison reports (loopback only).')
  .option('--seconds <n>', 'length of each run', positive, 10)
  .option('--rounds <n>', 'baseline and hostile runs, alternating (ABBA)', positive, 4)
  .option('--poison-rate <n>', 'poison reports per second from the hostile device', positive, 20)
  .option('--poison <kind>', 'which poison: both (alternately), number (uptime 1e21) or months (101 months of samples)', 'both')
  .option('--samples <n>', 'latency samples per honest report', positive, 20)
  .option('--engine-poison', 'keep 3,300 days of inputs, so the 101-month poison passes validation and the engine refuses it', false)
  .parse();
const options = program.opts<{ seconds: number; rounds: number; poisonRate: number; poison: string; samples: number; enginePoison: boolean }>();
if (!['both', 'number', 'months'].includes(options.poison)) throw new InvalidArgumentError('--poison must be both, number or months');

interface Agent {
  device_id: string;
  node_key: string;
}

function honestReport(deviceId: string, samples: number): Report {
  const now = Date.now();
  return {
    schema: 'sf.report/v1',
    report_id: randomUUID(),
    device_id: deviceId,
    agent_version: '0.1.0',
    collected_at: new Date(now).toISOString(),
    inventory: { os: { family: 'linux', name: 'Debian GNU/Linux', version: '12', build: { unknown: 'not applicable' }, edition: { unknown: 'no editions' }, kernel: '6.1.0-37-amd64', arch: 'x64' } },
    samples: Array.from({ length: samples }, (_, i) => ({
      kind: 'latency' as const, ts: new Date(now - i * 1000).toISOString(), target: '127.0.0.1', label: 'loopback', method: 'icmp' as const,
      sent: 5, received: 5, loss_pct: 0, rtt_min_ms: 0.02, rtt_avg_ms: 0.04, rtt_max_ms: 0.09, jitter_ms: 0.01,
    })),
  };
}

interface RunResult {
  acknowledged: number;
  requests: number;
  seconds: number;
  ackPerSecond: number;
  notAcknowledged: Record<string, number>;
  latencyMs: { p50: number; p99: number };
  /** CPU seconds the collector process used during the run. */
  collectorCpuSeconds: number;
  poison?: Record<string, number>;
}

async function honestLoad(url: string, agents: Agent[], seconds: number, samples: number, cpuSeconds: () => number): Promise<RunResult> {
  const cpuBefore = cpuSeconds();
  let acknowledged = 0;
  const notAcknowledged: Record<string, number> = {};
  let turn = 0;
  const started = performance.now();
  const result = await autocannon({
    url,
    connections: agents.length,
    pipelining: 1,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/v1/reports',
        setupRequest: (request) => {
          const agent = agents[turn++ % agents.length]!;
          return {
            ...request,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${agent.node_key}` },
            body: JSON.stringify(honestReport(agent.device_id, samples)),
          };
        },
        onResponse: (status) => {
          if (status === 202) acknowledged++;
          else notAcknowledged[status] = (notAcknowledged[status] ?? 0) + 1;
        },
      },
    ],
  });
  const elapsed = (performance.now() - started) / 1000;
  if (result.errors > 0 || result.timeouts > 0) notAcknowledged['error or timeout'] = result.errors + result.timeouts;
  return {
    acknowledged, requests: result.requests.total, seconds: elapsed, ackPerSecond: acknowledged / elapsed, notAcknowledged,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99 }, collectorCpuSeconds: cpuSeconds() - cpuBefore,
  };
}

/** The hostile device, in its own process (bench/hostile/device.ts): started, then stopped with its answers counted. */
async function hostileDevice(url: string, hostile: Agent, rate: number, kind: string): Promise<{ stop: () => Promise<Record<string, number>> }> {
  const child = fork(fileURLToPath(new URL('./device.ts', import.meta.url)), [url, hostile.device_id, hostile.node_key, String(rate), kind], { execArgv: ['--import', 'tsx'] });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the hostile device exited (${code}) before it started`)));
  });
  return {
    stop: () =>
      new Promise((resolve) => {
        child.once('message', (statuses) => resolve(statuses as Record<string, number>));
        child.send('stop');
      }),
  };
}

/** Runs added up: acknowledgement rate over their summed time, worst latency figures. */
function total(runs: RunResult[]): RunResult {
  const sum = (pick: (r: RunResult) => number) => runs.reduce((a, r) => a + pick(r), 0);
  const counts = (pick: (r: RunResult) => Record<string, number> | undefined) => {
    const out: Record<string, number> = {};
    for (const r of runs) for (const [k, v] of Object.entries(pick(r) ?? {})) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  const seconds = sum((r) => r.seconds);
  return {
    acknowledged: sum((r) => r.acknowledged),
    requests: sum((r) => r.requests),
    seconds,
    ackPerSecond: sum((r) => r.acknowledged) / seconds,
    notAcknowledged: counts((r) => r.notAcknowledged),
    latencyMs: { p50: Math.max(...runs.map((r) => r.latencyMs.p50)), p99: Math.max(...runs.map((r) => r.latencyMs.p99)) },
    collectorCpuSeconds: sum((r) => r.collectorCpuSeconds),
    ...(runs.some((r) => r.poison) ? { poison: counts((r) => r.poison) } : {}),
  };
}

async function enrol(url: string, secret: string, n: number): Promise<Agent> {
  const response = await fetch(`${url}/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enroll_secret: secret, fingerprint: n.toString(16).padStart(64, '0'), hostname: 'a'.repeat(64), platform: 'linux', agent_version: '0.1.0' }),
  });
  if (response.status !== 201) throw new Error(`enrolment failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as Agent;
}

const dataDir = mkdtempSync(join(tmpdir(), 'sf-bench-hostile-'));
const extra = options.enginePoison ? ['--input-retention-days', '3300', '--run-retention-days', '3000'] : [];
const collector = await startCollectorProcess(dataDir, extra);
try {
  const admin = new AdminClient(collector.url, collector.adminToken);
  await admin.addSite({ site_id: 'bench-site', trust_id: 'bench-trust', name: 'Bench site', trust_name: 'Bench trust' });
  const secret = await admin.createEnrollSecret('bench-site');
  const agents: Agent[] = [];
  for (let i = 1; i <= HONEST_AGENTS; i++) agents.push(await enrol(collector.url, secret, i));
  const hostile = await enrol(collector.url, secret, 0xbad);

  // A short warm-up so both runs start with the engine's caches and the JIT alike.
  await honestLoad(collector.url, agents, 3, options.samples, collector.cpuSeconds);
  const baselines: RunResult[] = [];
  const attacks: RunResult[] = [];
  const attacked = async () => {
    const attack = await hostileDevice(collector.url, hostile, options.poisonRate, options.poison);
    const run = await honestLoad(collector.url, agents, options.seconds, options.samples, collector.cpuSeconds);
    run.poison = await attack.stop();
    attacks.push(run);
  };
  // Without, with; then with, without (ABBA…): a trend in the machine's load or the engine's merges falls on both alike.
  for (let round = 0; round < options.rounds; round++) {
    if (round % 2 === 1) await attacked();
    baselines.push(await honestLoad(collector.url, agents, options.seconds, options.samples, collector.cpuSeconds));
    if (round % 2 === 0) await attacked();
  }
  const baseline = total(baselines);
  const underAttack = total(attacks);

  const ratio = underAttack.ackPerSecond / baseline.ackPerSecond;
  const honestFailures = Object.values(underAttack.notAcknowledged).reduce((a, b) => a + b, 0) + Object.values(baseline.notAcknowledged).reduce((a, b) => a + b, 0);
  const pass = ratio >= 0.9 && honestFailures === 0;
  const row = (name: string, r: RunResult) =>
    `${name.padEnd(22)} ${r.acknowledged.toString().padStart(7)} acknowledged in ${r.seconds.toFixed(1)} s = ${r.ackPerSecond.toFixed(1).padStart(7)}/s  p50 ${r.latencyMs.p50} ms  p99 ${r.latencyMs.p99} ms  collector CPU ${(r.collectorCpuSeconds / r.seconds).toFixed(2)} s/s  not acknowledged ${JSON.stringify(r.notAcknowledged)}`;
  console.log(`collector ${collector.url}, ${HONEST_AGENTS} honest agents × ${options.samples} samples per report, ${options.rounds} rounds of ${options.seconds} s per run${options.enginePoison ? ', engine poison (3,300 days of inputs)' : ''}`);
  baselines.forEach((b, i) => {
    console.log(row(`round ${i + 1} without`, b));
    console.log(row(`round ${i + 1} with`, attacks[i]!));
  });
  console.log(row('without hostile device', baseline));
  console.log(row('with hostile device', underAttack));
  console.log(`hostile device: ${options.poisonRate} poison reports/s, answers ${JSON.stringify(underAttack.poison)}`);
  console.log(`ratio ${(ratio * 100).toFixed(1)} % of the baseline: ${pass ? 'PASS' : 'FAIL'} (must be ≥ 90 % with every honest report acknowledged)`);
  console.log(JSON.stringify({ bench: 'hostile', engine_poison: options.enginePoison, seconds: options.seconds, rounds: options.rounds, baseline, under_attack: underAttack, ratio, pass }));
  process.exitCode = pass ? 0 : 1;
} finally {
  await collector.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
