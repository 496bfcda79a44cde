import { isIP } from 'node:net';
import type { LatencySample } from '../../../protocol/index.js';
import type { LatencyTarget } from './settings.js';
import { sleep } from '../../host/sleep.js';
import type { CollectContext } from '../types.js';
import { rttStats } from './parse-ping.js';
import { type Attempt, httpsFirstByteAttempt, tcpConnectAttempt } from './socket-probes.js';
import { type ResolvedTarget, type TargetResolvers, systemResolvers } from './targets.js';

/** Pause between attempts, as ping's default 0.2 s interval: a round, not a burst. */
export const ATTEMPT_GAP_MS = 200;
/** No attempt is started with less time than this left before the collector deadline. */
const MIN_ATTEMPT_MS = 50;

/** Where an https or tcp target points, from `url` or from host + port + path. */
export interface Endpoint {
  hostName: string;
  port: number;
  path: string;
}

/** Pure: the endpoint a tcp/https target names (config validation has already checked the fields). */
export function endpointOf(target: LatencyTarget, resolvedHost: string): Endpoint {
  if (target.url !== undefined) {
    const url = new URL(target.url);
    return { hostName: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: url.port ? Number(url.port) : 443, path: `${url.pathname}${url.search}` || '/' };
  }
  return { hostName: resolvedHost, port: target.port ?? 443, path: target.path ?? '/' };
}

/** Pure: the sample for a round of attempts. Jitter is the mean absolute consecutive difference of successes. */
export function sampleFromAttempts(base: Omit<LatencySample, 'sent' | 'received' | 'loss_pct' | 'rtt_min_ms' | 'rtt_avg_ms' | 'rtt_max_ms' | 'jitter_ms'>, attempts: readonly Attempt[]): LatencySample {
  const rtts = attempts.flatMap((a) => (a.ok ? [a.ms] : []));
  const failures = attempts.flatMap((a) => (a.ok ? [] : [a.error]));
  const sample: LatencySample = { ...base, sent: attempts.length, received: rtts.length, ...rttStats(rtts, attempts.length, rtts.length) };
  if (failures.length === 0) return sample;
  const error = failures.length === attempts.length ? (failures[0] as string) : `${failures.length} of ${attempts.length} attempts failed: ${failures[0]}`;
  return { ...sample, error: error.slice(0, 500) };
}

type AddressLookup = NonNullable<TargetResolvers['address']>;

async function resolveAddress(hostName: string, lookup: AddressLookup, timeoutMs: number, signal: AbortSignal): Promise<string> {
  if (isIP(hostName) !== 0) return hostName;
  // getaddrinfo cannot be cancelled; the race only stops waiting for it.
  // Yielding once after the timer lets an answer that arrived while a busy agent was descheduled win
  // (timers run before I/O callbacks in a loop turn), as in socket-probes.ts.
  const timeout = sleep(timeoutMs, signal)
    .then(() => new Promise((resolve) => setImmediate(resolve)))
    .then(() => {
      throw new Error('host name could not be resolved in time');
    });
  const found = lookup(hostName).then((address) => address, () => {
    throw new Error('host name could not be resolved');
  });
  return Promise.race([found, timeout]);
}

/**
 * `latency.count` sequential TCP-connect or HTTPS attempts to one target, each bounded by
 * `latency.timeout_ms` and by the collector's deadline. A round cut short by the deadline
 * reports the attempts it made; one that could make none throws (a collector problem, not loss).
 */
export async function probeByConnecting(
  ctx: CollectContext,
  target: ResolvedTarget,
  config: LatencyTarget,
  lookup: AddressLookup = systemResolvers.address as AddressLookup,
): Promise<LatencySample> {
  const method: 'tcp' | 'https' = config.method === 'https' ? 'https' : 'tcp';
  const { count, timeout_ms } = ctx.config.latency;
  const base = { kind: 'latency' as const, ts: ctx.clock.now().toISOString(), target: target.host.slice(0, 255), method, ...(target.label ? { label: target.label } : {}) };
  const failedRound = (error: string): LatencySample => sampleFromAttempts(base, Array.from({ length: count }, () => ({ ok: false as const, error })));
  if (target.error) return failedRound(target.error);
  const endpoint = endpointOf(config, target.host);
  let address: string;
  try {
    address = await resolveAddress(endpoint.hostName, lookup, Math.min(5000, Math.max(0, ctx.deadline - Date.now())), ctx.signal);
  } catch (error) {
    return failedRound((error as Error).message);
  }
  const attempts: Attempt[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0) await sleep(ATTEMPT_GAP_MS, ctx.signal);
    const left = ctx.deadline - Date.now();
    if (ctx.signal.aborted || left < MIN_ATTEMPT_MS) break;
    const options = { address, port: endpoint.port, timeoutMs: Math.min(timeout_ms, left), signal: ctx.signal };
    const attempt =
      method === 'tcp'
        ? await tcpConnectAttempt(options)
        : await httpsFirstByteAttempt({ ...options, hostName: endpoint.hostName, path: endpoint.path, method: config.http_method ?? 'GET' });
    // A wait shortened by the deadline that then ran out says nothing about the target.
    const cutShort = !attempt.ok && options.timeoutMs < timeout_ms && attempt.error.startsWith('no answer');
    attempts.push(cutShort ? { ok: false, error: 'stopped: collector deadline reached' } : attempt);
    if (ctx.signal.aborted || cutShort) break;
  }
  // An attempt cut short by the abort is not evidence of loss.
  const counted = attempts.filter((a) => a.ok || !a.error.startsWith('stopped:'));
  if (counted.length === 0) throw new Error(`${method} probe of ${target.host} could not run before the collector deadline`);
  return sampleFromAttempts(base, counted);
}
