import { type CheckContext, type DoctorCheck, probeCheck } from '../check.js';

/** Is there a ping to run? `ping -V` prints the version only (iputils); other pings fail it harmlessly but prove they exist. */
async function pingPresent(ctx: CheckContext): Promise<DoctorCheck[]> {
  if (ctx.config.latency.targets.length === 0) return [];
  const ping = await ctx.run('ping', ['-V'], { timeoutMs: 5000 });
  return [{ check: 'ping', ok: ping.spawnError === undefined, detail: ping.spawnError ?? (ping.stdout.trim().split('\n')[0] || 'present') }];
}

/**
 * `doctor`'s self-check of the latency collector: a ping must be present when targets are set, and every
 * configured target is probed once — one echo (or connection) per target is enough to prove it works.
 */
export const latencyCheck = probeCheck({
  before: pingPresent,
  probeConfig: (config) => ({ ...config, latency: { ...config.latency, count: 1 } }),
  nothingSampled: (config) => (config.latency.targets.length === 0 ? 'no latency targets configured, nothing probed' : 'no samples produced here'),
});
