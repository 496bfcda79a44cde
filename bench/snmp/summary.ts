import os from 'node:os';

/** One timed round of one phase. */
export interface PhaseRound {
  wallMs: number;
  /** CPU (user + system) of this process and the children it ran (only the --cli phase runs any). */
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
  /** With --cli: Net-SNMP's tools' rounds and, per round, the output lines (one per varbind). */
  cli: { rounds: PhaseRound[]; varbinds: number[] } | undefined;
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
  const cli = input.cli ? phase(input.cli.rounds, targets) : undefined;
  if (cli && cli.failed > 0) checks.push(`${cli.failed} failed snmpget/snmpbulkget polls`);
  input.cli?.varbinds.forEach((n, r) => n !== varbindsReceived && checks.push(`tools round ${r + 1}: ${n} varbinds answered, the poller's warm-up ${varbindsReceived}`));
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
    ...(cli
      ? {
          cli,
          ratio_devices_per_s_poller_to_cli: round(poller.devices_per_s / cli.devices_per_s, 3),
          ratio_cpu_per_device_poller_to_cli: round(poller.cpu_ms_per_device / cli.cpu_ms_per_device, 3),
        }
      : {}),
    snmpd_startup_ms: Math.round(input.startupMs),
    checks: checks.length === 0 ? 'ok' : checks.join('; '),
  };
}

export type Summary = ReturnType<typeof summarise>;

export function printSummary(s: Summary): void {
  const q = s.requests_per_device;
  const span = ([a, b]: number[]) => (a === b ? `${a}` : `${a}–${b}`);
  const phases = [s.poller, s.ceiling, ...(s.cli ? [s.cli] : [])];
  const width = Math.max(26, ...phases.map((p) => p.round_wall_ms.join(', ').length + 2));
  const row = (what: string, cells: string[]) => `  ${what.padEnd(22)}${cells.map((c) => c.padEnd(width)).join('')}`.trimEnd();
  console.log(`SNMP poll: ${s.targets} targets on ${s.snmpd_processes} snmpd processes (127.0.0.1), ${s.interfaces_per_device} interfaces each, half v2c / half v3 authPriv, concurrency ${s.concurrency}`);
  console.log(`  machine: ${s.machine}; load average ${s.load_average_before} before the run`);
  console.log(`  per device, every phase: ${span(q.get)} GETs, ${span(q.getbulk)} GETBULKs, ${q.varbinds_asked} varbinds asked, ${q.varbinds_received} answered`);
  console.log(row('', ['poller', 'ceiling (bare net-snmp)', ...(s.cli ? ['snmpget/snmpbulkget'] : [])]));
  console.log(row('devices/s', phases.map((p) => `${p.devices_per_s}`)));
  console.log(row('CPU per device (ms)', phases.map((p) => `${p.cpu_ms_per_device}`)));
  console.log(row('wall per round (ms)', phases.map((p) => p.round_wall_ms.join(', '))));
  console.log(row('failed polls', phases.map((p) => `${p.failed}`)));
  const per = s.ratios_per_round;
  console.log(`  poller ÷ ceiling:      devices/s ${s.ratio_devices_per_s_poller_to_ceiling} (rounds ${per.devices_per_s.join(', ')}), CPU per device ${s.ratio_cpu_per_device_poller_to_ceiling} (rounds ${per.cpu_per_device.join(', ')})`);
  if (s.cli) console.log(`  poller ÷ tools:        devices/s ${s.ratio_devices_per_s_poller_to_cli}, CPU per device ${s.ratio_cpu_per_device_poller_to_cli}`);
  console.log(`  CPU: user + system of this process and the children it ran; phases alternate round by round. Checks: ${s.checks}`);
  console.log(JSON.stringify(s));
}
