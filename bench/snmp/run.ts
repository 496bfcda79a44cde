/**
 * SNMP poller benchmark (`npm run bench:snmp`). Loopback only; bounded; stops by itself.
 *
 * Starts `--processes` real snmpd processes on 127.0.0.1, each listening on several ports and
 * impersonating a vendor (ENTITY-MIB and IF-MIB served by the pass_persist test script), so there
 * are `--targets` targets in all; half are polled over v2c, half over v3 authPriv (SHA-256/AES).
 * Then runs the snmp collector `--rounds` times over all targets (the first round untimed, a
 * warm-up that also primes the counters so later rounds compute rates) and reports devices per
 * second and the poller's own CPU (user + system of this process) per device.
 *
 * Prints a table, then one JSON line (last line of stdout) for machines.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { createSnmpCollector } from '../../agent/collectors/snmp/index.js';
import { configWith } from '../../agent/config/load.js';
import { silentLogger } from '../../agent/log.js';
import { runCommand } from '../../agent/host/runner.js';
import { SNMPD, type IfCounters, type RunningSnmpd, startSnmpd, zeroCounters } from '../../test/helpers/snmpd.js';
import { VENDORS } from '../../test/helpers/snmp-vendors.js';

const program = new Command()
  .option('--targets <n>', 'simulated targets', '50')
  .option('--processes <n>', 'snmpd processes', '5')
  .option('--interfaces <n>', 'interfaces per device', '24')
  .option('--concurrency <n>', 'snmp.concurrency', '16')
  .option('--rounds <n>', 'timed polling rounds (after one warm-up)', '3')
  .parse();
const opts = program.opts<{ targets: string; processes: string; interfaces: string; concurrency: string; rounds: string }>();
const targets = Number(opts.targets);
const processes = Number(opts.processes);
const ifCount = Number(opts.interfaces);
const rounds = Number(opts.rounds);

if (!existsSync(SNMPD)) {
  console.error(`${SNMPD} not found: apt-get install snmpd (scripts/setup.sh --test checks for it)`);
  process.exit(2);
}

const USER = { name: 'benchpoller', auth: 'SHA-256' as const, authKey: 'bench-auth-key', priv: 'AES' as const, privKey: 'bench-priv-key' };
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

try {
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
      concurrency: Number(opts.concurrency),
      check_default_communities: false,
    },
  });
  const collector = createSnmpCollector({ secrets: { env: { BENCH_RO: 'bench-ro', BENCH_AUTH: USER.authKey, BENCH_PRIV: USER.privKey }, readFile: () => '' } });
  const ctx = () => ({ run: runCommand, clock: { now: () => new Date() }, config, log: silentLogger, platform: process.platform, signal: new AbortController().signal, deadline: Date.now() + 600_000 });

  const warm = await collector.collect(ctx());
  const warmFailed = (warm.network_devices ?? []).filter((d) => d.error).length;
  const results: Array<{ wallMs: number; cpuMs: number; failed: number; withRates: number }> = [];
  for (let r = 1; r <= rounds; r++) {
    for (const a of agents) a.setCounters(counters(r));
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const out = await collector.collect(ctx());
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const devices = out.network_devices ?? [];
    results.push({
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      failed: devices.filter((d) => d.error).length,
      withRates: devices.filter((d) => d.interfaces?.[0]?.in_bps !== undefined).length,
    });
  }
  const wall = results.reduce((a, b) => a + b.wallMs, 0);
  const cpu = results.reduce((a, b) => a + b.cpuMs, 0);
  const polled = targets * rounds;
  const summary = {
    bench: 'snmp',
    targets,
    snmpd_processes: processes,
    interfaces_per_device: ifCount,
    concurrency: Number(opts.concurrency),
    rounds,
    devices_per_s: Math.round((polled / (wall / 1000)) * 10) / 10,
    cpu_ms_per_device: Math.round((cpu / polled) * 100) / 100,
    round_wall_ms: results.map((r) => Math.round(r.wallMs)),
    failed: results.reduce((a, b) => a + b.failed, 0) + warmFailed,
    with_rates: results.map((r) => r.withRates),
    snmpd_startup_ms: Math.round(startupMs),
    cpus: os.cpus().length,
    node: process.version,
  };
  console.log(`SNMP poll: ${targets} targets on ${processes} snmpd processes (127.0.0.1), ${ifCount} interfaces each, half v2c / half v3 authPriv`);
  console.log(`  rounds (ms):        ${summary.round_wall_ms.join(', ')}`);
  console.log(`  devices/s:          ${summary.devices_per_s}`);
  console.log(`  CPU per device:     ${summary.cpu_ms_per_device} ms (poller process, user+system)`);
  console.log(`  failed polls:       ${summary.failed}`);
  console.log(JSON.stringify(summary));
  if (summary.failed > 0) process.exitCode = 1;
} finally {
  await Promise.all(agents.map((a) => a.stop()));
  rmSync(dir, { recursive: true, force: true });
}
