import { describe, expect, it } from 'vitest';
import { parsePingOutput, rttStats } from '../../agent/collectors/latency/parse-ping.js';
import { pingCommand } from '../../agent/collectors/latency/ping-command.js';
import { fixtureCases, fixtureJson, fixtureText } from './helpers.js';

interface Expected {
  sent?: number;
  received?: number;
  rtts: number[];
  failure?: string;
  stats?: ReturnType<typeof rttStats>;
}

describe('ping output parser (fixtures)', () => {
  for (const name of fixtureCases('latency')) {
    it(name, () => {
      const expected = fixtureJson<Expected>('latency', name, 'expected.json');
      const parsed = parsePingOutput(fixtureText('latency', name, 'output.txt'));
      expect(parsed.rtts).toEqual(expected.rtts);
      expect(parsed.sent).toBe(expected.sent);
      expect(parsed.received).toBe(expected.received);
      expect(parsed.failure).toBe(expected.failure);
      if (expected.stats) expect(rttStats(parsed.rtts, parsed.sent ?? 0, parsed.received ?? 0)).toEqual(expected.stats);
    });
  }
});

describe('rtt statistics', () => {
  it('jitter is the mean absolute difference of consecutive RTTs', () => {
    expect(rttStats([10, 20, 10, 20], 4, 4).jitter_ms).toBe(10);
  });
  it('one reply has no jitter', () => {
    expect(rttStats([5], 2, 1)).toEqual({ loss_pct: 50, rtt_min_ms: 5, rtt_avg_ms: 5, rtt_max_ms: 5, jitter_ms: null });
  });
});

describe('ping command per OS', () => {
  it('never uses a shell and bounds the run', () => {
    const linux = pingCommand('linux', '127.0.0.1', 3, 1000);
    expect(linux.command).toBe('ping');
    expect(linux.args).toEqual(expect.arrayContaining(['-n', '-c', '3', '127.0.0.1']));
    expect(pingCommand('win32', '::1', 2, 500).args).toEqual(['-n', '2', '-w', '500', '::1']);
    expect(pingCommand('darwin', 'h', 1, 700).args).toContain('-W');
  });
});
