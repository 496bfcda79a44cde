import type { LatencySample } from '../../../protocol/index.js';
import type { CollectContext, Collector } from '../types.js';
import { probeByConnecting } from './connect-rounds.js';
import { parsePingOutput, rttStats } from './parse-ping.js';
import { pingCommand } from './ping-command.js';
import { type ResolvedTarget, type TargetResolvers, resolveTarget, systemResolvers } from './targets.js';
import { LATENCY_SETTINGS, type LatencyTarget } from './settings.js';

const MAX_PARALLEL_TARGETS = 4;

/** One ICMP round to one target. Throws only when ping could not run or said nothing readable. */
export async function probeTarget(ctx: CollectContext, target: ResolvedTarget): Promise<LatencySample> {
  const { count, timeout_ms } = ctx.config.latency;
  const ts = ctx.clock.now().toISOString();
  const base = { kind: 'latency' as const, ts, target: target.host.slice(0, 255), method: 'icmp' as const, ...(target.label ? { label: target.label } : {}) };
  const failed = (error: string): LatencySample => ({ ...base, sent: count, received: 0, ...rttStats([], count, 0), error });
  if (target.error) return failed(target.error);
  const plan = pingCommand(ctx.platform, target.host, count, timeout_ms);
  const result = await ctx.run(plan.command, plan.args, { timeoutMs: plan.timeoutMs, signal: ctx.signal, maxOutputBytes: 256 * 1024 });
  if (result.spawnError) throw new Error(`cannot run ping: ${result.spawnError}`);
  const parsed = parsePingOutput(`${result.stdout}\n${result.stderr}`);
  if (parsed.sent === undefined) {
    if (parsed.failure) return failed(parsed.failure);
    if (result.timedOut) return failed('ping did not finish in time');
    // Windows ping exits 1 with one localised sentence and no statistics when it could not send at
    // all (unknown host, no route): the target is unreachable from here, in whatever language it said so.
    const said = `${result.stdout}\n${result.stderr}`.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    if (ctx.platform === 'win32' && result.exitCode === 1 && said.length > 0 && said.length <= 3) {
      return failed(`ping could not send (exit 1): ${said[0]?.slice(0, 160)}`);
    }
    throw new Error(`unreadable ping output for ${target.host} (exit ${result.exitCode ?? 'signal'})`);
  }
  const sent = Math.max(1, parsed.sent);
  const received = Math.min(sent, parsed.received ?? parsed.rtts.length);
  const sample: LatencySample = { ...base, sent, received, ...rttStats(parsed.rtts, sent, received) };
  return parsed.failure && received === 0 ? { ...sample, error: parsed.failure } : sample;
}

/** Each target by its method: ICMP through the system ping, TCP connect and HTTPS first byte from Node. */
export async function probeConfiguredTarget(ctx: CollectContext, config: LatencyTarget, resolvers: TargetResolvers): Promise<LatencySample> {
  const target = await resolveTarget(config, resolvers);
  return (config.method ?? 'icmp') === 'icmp' ? probeTarget(ctx, target) : probeByConnecting(ctx, target, config, resolvers.address ?? systemResolvers.address);
}

export function createLatencyCollector(resolvers: TargetResolvers = systemResolvers): Collector {
  return {
    ...LATENCY_SETTINGS,
    async collect(ctx) {
      const targets = ctx.config.latency.targets;
      if (targets.length === 0) return { samples: [] };
      const samples: LatencySample[] = [];
      const problems: string[] = [];
      for (let i = 0; i < targets.length; i += MAX_PARALLEL_TARGETS) {
        const batch = targets.slice(i, i + MAX_PARALLEL_TARGETS);
        const results = await Promise.allSettled(
          batch.map((t) => probeConfiguredTarget(ctx, t, resolvers)),
        );
        results.forEach((r, j) => {
          if (r.status === 'fulfilled') samples.push(r.value);
          else problems.push(`${batch[j]?.host}: ${(r.reason as Error).message}`);
        });
      }
      return problems.length > 0 ? { samples, problem: problems.join('; ').slice(0, 1000) } : { samples };
    },
  };
}
