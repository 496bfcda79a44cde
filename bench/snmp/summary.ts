import os from 'node:os';

/** One timed round of one phase. */
export interface PhaseRound {
  wallMs: number;
  /** CPU (user + system) of this process, the only one polling. */
  cpuMs: number;
  failed: number;
}

export interface SummaryInput {
  targets: number;
  processes: number;
  ifCount: number;
  concurrency: number;
  rounds: number;
  loadBefore: number;
  /** Per target, what the poller sent in its warm-up round (the ceiling sends the same, checked). */
  perTarget: Array<{ get: number; getbulk: number; varbinds_asked: number; varbinds_received: number }>;
  poller: PhaseRound[];
  ceiling: PhaseRound[];
  warmFailed: { poller: number; ceiling: number };
  /** Per poller round, devices whose first interface got a rate. */
  withRates: number[];
  /** Per ceiling round, varbinds answered in all. */
  ceilingVarbinds: number[];
  ceilingErrors: string[];
  startupMs: number;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function phase(rounds: readonly PhaseRound[], targets: number) {
  const polled = targets * rounds.length;
  return {
    devices_per_s: round(polled / (sum(rounds.map((r) => r.wallMs)) / 1000), 1),
    cpu_ms_per_device: round(sum(rounds.map((r) => r.cpuMs)) / polled, 2),
    round_wall_ms: rounds.map((r) => Math.round(r.wallMs)),
    round_cpu_ms: rounds.map((r) => Math.round(r.cpuMs)),
    failed: sum(rounds.map((r) => r.failed)),
  };
}

export function summarise(input: SummaryInput) {
  const { targets, perTarget } = input;
  const poller = phase(input.poller, targets);
  const ceiling = phase(input.ceiling, targets);
  const varbindsReceived = sum(perTarget.map((t) => t.varbinds_received));
  const checks: string[] = [];
  const failedPolls = poller.failed + input.warmFailed.poller;
  const failedCeiling = ceiling.failed + input.warmFailed.ceiling;
  if (failedPolls > 0) checks.push(`${failedPolls} failed polls`);
  if (failedCeiling > 0) checks.push(`${failedCeiling} failed ceiling polls (${input.ceilingErrors.join('; ')})`);
  input.withRates.forEach((n, r) => n < targets && checks.push(`poller round ${r + 1}: rates on ${n} of ${targets} devices`));
  input.ceilingVarbinds.forEach((n, r) => n !== varbindsReceived && checks.push(`ceiling round ${r + 1}: ${n} varbinds answered, the poller's warm-up ${varbindsReceived}`));
  return {
    bench: 'snmp',
    at: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 1024 ** 3)} GB, Node ${process.version}, ${os.platform()}`,
    load_average_before: round(input.loadBefore, 2),
    targets,
    snmpd_processes: input.processes,
    interfaces_per_device: input.ifCount,
    concurrency: input.concurrency,
    rounds: input.rounds,
    requests_per_device: {
      get: [Math.min(...perTarget.map((t) => t.get)), Math.max(...perTarget.map((t) => t.get))],
      getbulk: [Math.min(...perTarget.map((t) => t.getbulk)), Math.max(...perTarget.map((t) => t.getbulk))],
      varbinds_asked: round(sum(perTarget.map((t) => t.varbinds_asked)) / targets, 1),
      varbinds_received: round(varbindsReceived / targets, 1),
    },
    // The poller's, at the top level as before the ceiling was added, so older runs compare.
    devices_per_s: poller.devices_per_s,
    cpu_ms_per_device: poller.cpu_ms_per_device,
    poller: { ...poller, with_rates: input.withRates },
    ceiling,
    ratio_devices_per_s_poller_to_ceiling: round(poller.devices_per_s / ceiling.devices_per_s, 3),
    ratio_cpu_per_device_poller_to_ceiling: round(poller.cpu_ms_per_device / ceiling.cpu_ms_per_device, 2),
    ratios_per_round: {
      devices_per_s: input.poller.map((p, r) => round(input.ceiling[r]!.wallMs / p.wallMs, 3)),
      cpu_per_device: input.poller.map((p, r) => round(p.cpuMs / input.ceiling[r]!.cpuMs, 2)),
    },
    snmpd_startup_ms: Math.round(input.startupMs),
    checks: checks.length === 0 ? 'ok' : checks.join('; '),
  };
}

export type Summary = ReturnType<typeof summarise>;

export function printSummary(s: Summary): void {
  const q = s.requests_per_device;
  const span = ([a, b]: number[]) => (a === b ? `${a}` : `${a}–${b}`);
  const row = (what: string, poller: string, ceiling: string, ratio: string) => `  ${what.padEnd(22)}${poller.padEnd(20)}${ceiling.padEnd(24)}${ratio}`;
  console.log(`SNMP poll: ${s.targets} targets on ${s.snmpd_processes} snmpd processes (127.0.0.1), ${s.interfaces_per_device} interfaces each, half v2c / half v3 authPriv, concurrency ${s.concurrency}`);
  console.log(`  machine: ${s.machine}; load average ${s.load_average_before} before the run`);
  console.log(`  per device, both phases: ${span(q.get)} GETs, ${span(q.getbulk)} GETBULKs, ${q.varbinds_asked} varbinds asked, ${q.varbinds_received} answered`);
  console.log(row('', 'poller', 'ceiling (bare net-snmp)', 'poller ÷ ceiling'));
  console.log(row('devices/s', `${s.poller.devices_per_s}`, `${s.ceiling.devices_per_s}`, `${s.ratio_devices_per_s_poller_to_ceiling} (rounds ${s.ratios_per_round.devices_per_s.join(', ')})`));
  console.log(row('CPU per device (ms)', `${s.poller.cpu_ms_per_device}`, `${s.ceiling.cpu_ms_per_device}`, `${s.ratio_cpu_per_device_poller_to_ceiling} (rounds ${s.ratios_per_round.cpu_per_device.join(', ')})`));
  console.log(row('wall per round (ms)', s.poller.round_wall_ms.join(', '), s.ceiling.round_wall_ms.join(', '), ''));
  console.log(row('failed polls', `${s.poller.failed}`, `${s.ceiling.failed}`, ''));
  console.log(`  CPU is this process's user + system; the phases alternate round by round. Checks: ${s.checks}`);
  console.log(JSON.stringify(s));
}
