import type { CollectorStatus } from '../../protocol/index.js';
import type { AgentConfig } from '../config/schema.js';
import type { CommandResult, CommandRunner } from '../host/runner.js';
import { type Logger, silentLogger } from '../log.js';
import type { Clock, Collector, CollectorOutput } from './types.js';

/** One line of `doctor`'s answer; a collector's self-check gives its `probe:<name>` line and any it checks first. */
export interface DoctorCheck {
  check: string;
  ok: boolean;
  detail: string;
  /** `probe:<collector>` checks: how long the collector took here. */
  duration_ms?: number;
  /** `probe:<collector>` checks: the OS commands the collector ran, and what became of them. */
  commands?: CommandOutcome[];
  /** `probe:<collector>` checks: values the collector could not determine here, with the reason. */
  unknown?: Array<{ field: string; reason: string }>;
  /** `probe:<collector>` checks: degraded = it ran but returned unknowns (listed in `unknown`). */
  status?: 'ok' | 'degraded' | 'failed';
  /** A finding that does not stop reports but should be fixed (plain http to another machine). */
  severity?: 'warning';
}

/** An OS command a collector ran during its self-check, and what became of it. */
export interface CommandOutcome {
  command: string;
  outcome: 'ok' | 'missing' | 'failed' | 'timed_out' | 'exit_nonzero';
  detail?: string;
}

/** How the doctor runs one collector: with its per-collector budget and its output checked against the wire contract. */
export type RunOnce = (
  collector: Collector,
  base: { run: CommandRunner; clock: Clock; config: AgentConfig; log: Logger; platform: NodeJS.Platform },
  budgetMs: number,
) => Promise<{ status: CollectorStatus; output?: CollectorOutput }>;

export interface CheckContext {
  config: AgentConfig;
  run: CommandRunner;
  clock: Clock;
  platform: NodeJS.Platform;
  /** Wall-clock budget for the collector's one run. */
  budgetMs: number;
  runOnce: RunOnce;
}

/** A collector's self-check for `doctor`, in its folder as check.ts; composed in collectors/registry.ts. */
export interface CollectorCheck {
  /** What the collector needs before it runs, checked first (latency: is there a ping?). */
  before?(ctx: CheckContext): Promise<DoctorCheck[]>;
  /** Runs the collector once, recording the OS commands it ran, and says what works here: `probe:<name>`. */
  probe(collector: Collector, ctx: CheckContext): Promise<DoctorCheck>;
}

export interface ProbeCheckOptions {
  before?: CollectorCheck['before'];
  /** The settings the collector is probed with (latency: one echo per target is enough). */
  probeConfig?: (config: AgentConfig) => AgentConfig;
  /** What to say when a samples collector ran fine and produced nothing. */
  nothingSampled?: (config: AgentConfig) => string;
}

const MAX_UNKNOWNS = 20;

/** The self-check every collector shares: run it once and report failures, missing commands, sample errors and unknowns. */
export function probeCheck(options: ProbeCheckOptions = {}): CollectorCheck {
  return {
    ...(options.before ? { before: options.before } : {}),
    async probe(collector, ctx) {
      const seen: CommandOutcome[] = [];
      const recording: CommandRunner = async (command, args, opts) => {
        const result = await ctx.run(command, args, opts);
        seen.push(outcomeOf(command, result));
        return result;
      };
      const config = options.probeConfig ? options.probeConfig(ctx.config) : ctx.config;
      const { status, output } = await ctx.runOnce(collector, { run: recording, clock: ctx.clock, config, log: silentLogger, platform: ctx.platform }, ctx.budgetMs);
      const unknown = findUnknowns(output?.inventory ?? {}).slice(0, MAX_UNKNOWNS);
      const sampleErrors = (output?.samples ?? []).flatMap((s) => ('error' in s && typeof s.error === 'string' ? [`${describeSample(s)}: ${s.error}`] : []));
      const missing = seen.filter((c) => c.outcome === 'missing').map((c) => c.command);
      const parts = [status.ok ? `ok in ${status.duration_ms} ms` : `failed after ${status.duration_ms} ms: ${status.error ?? 'no message'}`];
      if (missing.length > 0) parts.push(`missing commands: ${[...new Set(missing)].join(', ')}`);
      if (sampleErrors.length > 0) parts.push(`sample errors: ${sampleErrors.join('; ')}`);
      const failed = !status.ok || sampleErrors.length > 0;
      if (unknown.length > 0) parts.push(`degraded — unknown here: ${unknown.map((u) => `${u.field} (${u.reason})`).join('; ')}`);
      if (collector.kind === 'samples' && status.ok && (output?.samples?.length ?? 0) === 0) {
        parts.push(options.nothingSampled ? options.nothingSampled(ctx.config) : 'no samples produced here');
      }
      return {
        check: `probe:${collector.name}`,
        ok: !failed,
        status: failed ? 'failed' : unknown.length > 0 ? 'degraded' : 'ok',
        detail: parts.join('; '),
        duration_ms: status.duration_ms,
        ...(seen.length > 0 ? { commands: seen } : {}),
        ...(unknown.length > 0 ? { unknown } : {}),
      };
    },
  };
}

function outcomeOf(command: string, result: CommandResult): CommandOutcome {
  if (result.spawnError !== undefined) {
    const missing = /ENOENT/.test(result.spawnError);
    return { command, outcome: missing ? 'missing' : 'failed', detail: result.spawnError };
  }
  if (result.timedOut) return { command, outcome: 'timed_out' };
  if (result.exitCode !== 0) {
    const firstLine = result.stderr.trim().split('\n')[0]?.slice(0, 200);
    return { command, outcome: 'exit_nonzero', detail: `exit ${result.exitCode ?? 'signal'}${firstLine ? `: ${firstLine}` : ''}` };
  }
  return { command, outcome: 'ok' };
}

function describeSample(sample: object): string {
  const s = sample as { kind?: string; target?: string; label?: string };
  return [s.kind, s.label ?? s.target].filter(Boolean).join(' ');
}

/** Every `{unknown: reason}` in an inventory, with its dotted path. */
function findUnknowns(value: unknown, at = ''): Array<{ field: string; reason: string }> {
  if (value === null || typeof value !== 'object') return [];
  if (!Array.isArray(value) && 'unknown' in value && Object.keys(value).length === 1) {
    return [{ field: at, reason: String((value as { unknown: unknown }).unknown) }];
  }
  return Object.entries(value).flatMap(([k, v]) => findUnknowns(v, at ? `${at}.${k}` : k));
}
