import { describe, expect, it } from 'vitest';
import { LatencySample } from '../../../../protocol/index.js';
import { createLatencyCollector } from '../../../../agent/collectors/latency/index.js';
import { resolveTarget } from '../../../../agent/collectors/latency/targets.js';
import type { CollectContext } from '../../../../agent/collectors/types.js';
import type { CommandRunner } from '../../../../agent/host/runner.js';
import { testContextBase } from '../../../helpers/agent.js';

// Loopback only: tests never send traffic anywhere else.
function ctx(targets: Array<{ host: string; label?: string }>, run?: CommandRunner): CollectContext {
  const base = testContextBase({ latency: { targets, count: 3, timeout_ms: 1000 } });
  return { ...base, ...(run ? { run } : {}), signal: new AbortController().signal, deadline: Date.now() + 30_000 };
}

describe('latency collector against the real ping on loopback', () => {
  it('measures 127.0.0.1', async () => {
    const output = await createLatencyCollector().collect(ctx([{ host: '127.0.0.1', label: 'loopback' }]));
    expect(output.problem).toBeUndefined();
    const [sample] = output.samples ?? [];
    expect(LatencySample.parse(sample)).toMatchObject({ target: '127.0.0.1', label: 'loopback', method: 'icmp', sent: 3, received: 3, loss_pct: 0 });
    expect(sample?.kind === 'latency' && sample.rtt_avg_ms).toBeGreaterThan(0);
    expect(sample?.kind === 'latency' && sample.jitter_ms).not.toBeNull();
  });

  it('measures ::1', async () => {
    const output = await createLatencyCollector().collect(ctx([{ host: '::1' }]));
    const [sample] = output.samples ?? [];
    expect(sample).toMatchObject({ target: '::1', received: 3 });
  });

  it('no targets configured means no probes and no samples', async () => {
    let calls = 0;
    const output = await createLatencyCollector().collect(ctx([], async () => {
      calls++;
      throw new Error('must not run');
    }));
    expect(output.samples).toEqual([]);
    expect(calls).toBe(0);
  });

  it('an unresolvable name becomes a sample with an error, not a crash', async () => {
    // `.invalid` is reserved (RFC 2606) and resolved by no one; a canned answer keeps the resolver offline.
    const run: CommandRunner = async () => ({ stdout: '', stderr: 'ping: x.invalid: Name or service not known\n', exitCode: 2, timedOut: false, truncated: false });
    const output = await createLatencyCollector().collect(ctx([{ host: 'x.invalid' }], run));
    expect(output.samples?.[0]).toMatchObject({ received: 0, loss_pct: 100, rtt_avg_ms: null, error: 'host name could not be resolved' });
  });

  it('unreadable output is a collector problem, other targets still reported', async () => {
    const run: CommandRunner = async (_cmd, args) =>
      args.includes('127.0.0.2')
        ? { stdout: 'Zeit=0,1 ms', stderr: '', exitCode: 0, timedOut: false, truncated: false }
        : { stdout: '64 bytes from 127.0.0.1: icmp_seq=1 time=0.1 ms\n1 packets transmitted, 1 received, 0% packet loss\n', stderr: '', exitCode: 0, timedOut: false, truncated: false };
    const output = await createLatencyCollector().collect(ctx([{ host: '127.0.0.1' }, { host: '127.0.0.2' }], run));
    expect(output.samples).toHaveLength(1);
    expect(output.problem).toMatch(/127\.0\.0\.2: unreadable ping output/);
  });

  it('Windows ping that could not send at all (exit 1, one sentence in any language) is a failed sample, not a collector problem', async () => {
    // Hand-written in the shape of a German Windows ping for an unknown host.
    const run: CommandRunner = async () => ({ stdout: 'Ping-Anforderung konnte Host "x.invalid" nicht finden. Überprüfen Sie den Namen, und versuchen Sie es erneut.\r\n', stderr: '', exitCode: 1, timedOut: false, truncated: false });
    const output = await createLatencyCollector().collect({ ...ctx([{ host: 'x.invalid' }], run), platform: 'win32' });
    expect(output.problem).toBeUndefined();
    expect(output.samples?.[0]).toMatchObject({ received: 0, loss_pct: 100, error: expect.stringMatching(/^ping could not send \(exit 1\): Ping-Anforderung konnte Host/) });
  });

  it('a missing ping binary fails the collector with a clear message', async () => {
    const run: CommandRunner = async () => ({ stdout: '', stderr: '', exitCode: null, timedOut: false, truncated: false, spawnError: 'spawn ping ENOENT' });
    const output = await createLatencyCollector().collect(ctx([{ host: '127.0.0.1' }], run));
    expect(output.problem).toMatch(/cannot run ping/);
  });
});

describe('symbolic targets', () => {
  it('resolves gateway and dns through injected resolvers only', async () => {
    const resolvers = { gateway: async () => '127.0.0.1', dnsServer: async () => '[::1]:53' };
    expect(await resolveTarget({ host: 'gateway' }, resolvers)).toEqual({ host: '127.0.0.1', label: 'gateway' });
    expect(await resolveTarget({ host: 'dns', label: 'resolver' }, resolvers)).toEqual({ host: '::1', label: 'resolver' });
    expect(await resolveTarget({ host: 'gateway' }, { ...resolvers, gateway: async () => '' })).toMatchObject({ error: 'no default gateway configured' });
  });
});
