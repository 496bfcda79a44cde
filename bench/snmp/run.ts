/**
 * SNMP poller benchmark (`npm run bench:snmp`). Loopback only; bounded; stops by itself.
 *
 * Starts `--processes` real snmpd processes on 127.0.0.1, each listening on several ports and
 * impersonating a vendor (ENTITY-MIB and IF-MIB served by the pass_persist test script), so there
 * are `--targets` targets in all; half are polled over v2c, half over v3 authPriv (SHA-256/AES).
 *
 * Two phases, interleaved round by round so the machine's load drifts hit both alike:
 *  - poller: the snmp collector over all targets (identification, parsing, rates, the report);
 *  - ceiling: the same requests to the same targets at the same concurrency, sent by the bare
 *    net-snmp library with nothing else (ceiling.ts). Its requests are planned from the poller's
 *    own OID constants and walk (plan.ts) and checked against what the poller sent in its warm-up
 *    round; the run stops if they differ.
 * The poller and the ceiling have one untimed warm-up round each (the poller's also primes the
 * counters so later rounds compute rates). With `--cli`, a third phase sends the same planned
 * requests with Net-SNMP's `snmpget`/`snmpbulkget`, one process per request (cli.ts; Debian
 * package snmp; no warm-up, each tool run is a fresh process). Reports devices per second, CPU per
 * device (this process and its children) and wall per round for each phase, and the ratios
 * poller ÷ ceiling (and poller ÷ tools).
 *
 * Prints a table, then one JSON line (last line of stdout) for machines.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import pLimit from 'p-limit';
import { resolveCredential } from '../../agent/collectors/snmp/credentials.js';
import { createSnmpCollector } from '../../agent/collectors/snmp/index.js';
import { netSnmpSession } from '../../agent/collectors/snmp/net-snmp-session.js';
import { configWith } from '../../agent/config/load.js';
import { silentLogger } from '../../agent/log.js';
import { runCommand } from '../../agent/host/runner.js';
import { SNMPD, type IfCounters, type RunningSnmpd, startSnmpd, zeroCounters } from '../../test/helpers/snmpd.js';
import { VENDORS } from '../../test/helpers/snmp-vendors.js';
import { type CeilingTarget, ceilingRound } from './ceiling.js';
import { SNMPBULKGET, SNMPGET, childrenCpuMs, cliRound, cliToolsPresent } from './cli.js';
import { planDevice, planRequests } from './plan.js';
import { type RequestLog, recordingFactory, requestCounts, requestDifferences, targetKey } from './requests.js';
import { type PhaseRound, printSummary, summarise } from './summary.js';

const program = new Command()
  .option('--targets <n>', 'simulated targets', '50')
  .option('--processes <n>', 'snmpd processes', '5')
  .option('--interfaces <n>', 'interfaces per device', '24')
  .option('--concurrency <n>', 'snmp.concurrency', '16')
  .option('--rounds <n>', 'timed rounds of each phase (after one warm-up each)', '3')
  .option('--cli', "also send the requests with Net-SNMP's snmpget/snmpbulkget (Debian package snmp), a process per request")
  .parse();
const opts = program.opts<{ targets: string; processes: string; interfaces: string; concurrency: string; rounds: string; cli?: boolean }>();
const targets = Number(opts.targets);
const processes = Number(opts.processes);
const ifCount = Number(opts.interfaces);
const rounds = Number(opts.rounds);
const concurrency = Number(opts.concurrency);

if (!existsSync(SNMPD)) {
  console.error(`${SNMPD} not found: apt-get install snmpd (scripts/setup.sh --test checks for it)`);
  process.exit(2);
}
if (opts.cli && !cliToolsPresent()) {
  console.error(`--cli: ${SNMPGET} or ${SNMPBULKGET} not found: apt-get install snmp`);
  process.exit(2);
}

const USER = { name: 'benchpoller', auth: 'SHA-256' as const, authKey: 'bench-auth-key', priv: 'AES' as const, privKey: 'bench-priv-key' };
const SECRETS = { env: { BENCH_RO: 'bench-ro', BENCH_AUTH: USER.authKey, BENCH_PRIV: USER.privKey }, readFile: () => '' };
const profiles = [VENDORS.ciscoIosXe, VENDORS.arubaCx, VENDORS.juniperEx, VENDORS.fortigate, VENDORS.procurve];
const dir = mkdtempSync(join(tmpdir(), 'sf-bench-snmp-'));
const agents: RunningSnmpd[] = [];
const counters = (round: number): IfCounters[] =>
  Array.from({ length: ifCount }, (_, i) => ({
    ...zeroCounters(),
    inOctets: BigInt(round * 1_000_000 + i),
    outOctets: BigInt(round * 2_000_000 + i),
    inUcast: BigInt(round * 1_000),
    outUcast: BigInt(round * 2_000),
    inErrors: round,
  }));

/** Wall and CPU (user + system of this process and of the children it waited for) of one phase round. */
async function timed<T>(run: () => Promise<T>): Promise<{ value: T; wallMs: number; cpuMs: number }> {
  const cpu0 = process.cpuUsage();
  const children0 = childrenCpuMs();
  const t0 = performance.now();
  const value = await run();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { value, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 + childrenCpuMs() - children0 };
}

try {
  const loadBefore = os.loadavg()[0]!;
  const perProcess = Math.ceil(targets / processes);
  const started = performance.now();
  for (let p = 0; p < processes; p++) {
    const base = profiles[p % profiles.length]!;
    const profile = { ...base, interfaces: Array.from({ length: ifCount }, (_, i) => ({ name: `port${i + 1}`, speedMbps: 1000 })) };
    agents.push(await startSnmpd(join(dir, `snmpd${p}`), { profile, portCount: perProcess, communities: ['bench-ro'], users: [USER], counters: counters(0) }));
  }
  const startupMs = performance.now() - started;
  const list = agents.flatMap((a, p) => a.ports.map((port, i) => ({ name: `p${p}-t${i}`, address: '127.0.0.1', port, credentials: (p * perProcess + i) % 2 === 0 ? 'ro' : 'v3' }))).slice(0, targets);
  const config = configWith({
    state_dir: join(dir, 'state'),
    snmp: {
      targets: list,
      credentials: { ro: { version: 'v2c', community_env: 'BENCH_RO' }, v3: { version: 'v3', user: USER.name, auth_key_env: 'BENCH_AUTH', priv_key_env: 'BENCH_PRIV' } },
      concurrency,
      check_default_communities: false,
    },
  });
  const snmpConfig = config.snmp!;
  // The poller's sessions are recorded in its warm-up round only; the timed rounds open plain ones.
  const sent: RequestLog = new Map();
  let recording = true;
  const collector = createSnmpCollector({ secrets: SECRETS, sessionFactory: (o) => (recording ? recordingFactory(netSnmpSession, sent)(o) : netSnmpSession(o)) });
  const ctx = () => ({ run: runCommand, clock: { now: () => new Date() }, config, log: silentLogger, platform: process.platform, signal: new AbortController().signal, deadline: Date.now() + 600_000 });

  const warm = await collector.collect(ctx());
  recording = false;
  const warmFailed = (warm.network_devices ?? []).filter((d) => d.error).length;

  // The ceiling's plan per target, worked out once (untimed) and checked against what the poller sent.
  const session = { timeoutMs: snmpConfig.timeout_ms, retries: snmpConfig.retries };
  const planLimit = pLimit(concurrency);
  const ceilingTargets: CeilingTarget[] = await Promise.all(
    snmpConfig.targets.map((t) =>
      planLimit(async () => {
        const credential = resolveCredential(t.credentials, snmpConfig.credentials[t.credentials]!, SECRETS);
        const planning = netSnmpSession({ address: t.address, port: t.port, credential, ...session });
        try {
          return { address: t.address, port: t.port, credential, plan: await planDevice(planning, snmpConfig.max_repetitions) };
        } finally {
          planning.close();
        }
      }),
    ),
  );
  const mismatches = ceilingTargets.flatMap((t) => {
    const diff = requestDifferences(planRequests(t.plan), sent.get(targetKey(t.address, t.port))?.requests ?? []);
    return diff.length > 0 ? [`${targetKey(t.address, t.port)}: ${diff.join('; ')}`] : [];
  });
  if (mismatches.length > 0) {
    console.error(`The ceiling's plan is not what the poller sent (${mismatches.length} of ${targets} targets); fix bench/snmp/plan.ts:`);
    for (const m of mismatches.slice(0, 5)) console.error(`  ${m}`);
    process.exitCode = 1;
  } else {
    const ceilingOptions = { concurrency, ...session };
    const warmCeiling = await ceilingRound(ceilingTargets, ceilingOptions);
    const poller: PhaseRound[] = [];
    const ceiling: PhaseRound[] = [];
    const cli: PhaseRound[] = [];
    const withRates: number[] = [];
    const ceilingVarbinds: number[] = [];
    const cliVarbinds: number[] = [];
    const ceilingErrors = [...warmCeiling.errors];
    for (let r = 1; r <= rounds; r++) {
      // Each phase starts with freshly written simulator data (the pass script re-reads it on change).
      for (const a of agents) a.setCounters(counters(r));
      const polled = await timed(() => collector.collect(ctx()));
      const devices = polled.value.network_devices ?? [];
      poller.push({ wallMs: polled.wallMs, cpuMs: polled.cpuMs, failed: devices.filter((d) => d.error).length });
      withRates.push(devices.filter((d) => d.interfaces?.[0]?.in_bps !== undefined).length);

      for (const a of agents) a.setCounters(counters(r));
      const bare = await timed(() => ceilingRound(ceilingTargets, ceilingOptions));
      ceiling.push({ wallMs: bare.wallMs, cpuMs: bare.cpuMs, failed: bare.value.failed });
      ceilingVarbinds.push(bare.value.varbindsReceived);
      ceilingErrors.push(...bare.value.errors);

      if (opts.cli) {
        for (const a of agents) a.setCounters(counters(r));
        const tools = await timed(() => cliRound(ceilingTargets, ceilingOptions, dir));
        cli.push({ wallMs: tools.wallMs, cpuMs: tools.cpuMs, failed: tools.value.failed });
        cliVarbinds.push(tools.value.varbindsReceived);
        ceilingErrors.push(...tools.value.errors);
      }
    }
    const perTarget = [...sent.values()].map((log) => ({ ...requestCounts(log.requests), varbinds_received: log.varbindsReceived }));
    const summary = summarise({
      targets,
      processes,
      ifCount,
      concurrency,
      rounds,
      loadBefore,
      perTarget,
      poller,
      ceiling,
      warmFailed: { poller: warmFailed, ceiling: warmCeiling.failed },
      cli: opts.cli ? { rounds: cli, varbinds: cliVarbinds } : undefined,
      withRates,
      ceilingVarbinds,
      ceilingErrors: ceilingErrors.slice(0, 3),
      startupMs,
    });
    printSummary(summary);
    if (summary.checks !== 'ok') process.exitCode = 1;
  }
} finally {
  await Promise.all(agents.map((a) => a.stop()));
  rmSync(dir, { recursive: true, force: true });
}
