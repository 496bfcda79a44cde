import { describe, expect, it } from 'vitest';
import { parsePingOutput, rttStats, windowsReplyMs, windowsSummary } from '../../../../agent/collectors/latency/parse-ping.js';
import { pingCommand } from '../../../../agent/collectors/latency/ping-command.js';
import { fixtureCases, fixtureJson, fixtureText } from '../../../helpers/agent.js';

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

/** Encodes text in an OEM code page by inverting Node's (ICU) decoder over every one- and two-byte sequence. */
function oemEncoder(encoding: 'ibm866' | 'shift_jis'): (text: string) => Buffer {
  const decoder = new TextDecoder(encoding, { fatal: true });
  const table = new Map<string, number[]>();
  const tryBytes = (bytes: number[]): void => {
    try {
      const char = decoder.decode(Uint8Array.from(bytes));
      if (char.length === 1 && !table.has(char)) table.set(char, bytes);
    } catch {
      // not a character in this code page
    }
  };
  for (let lead = 0x80; lead <= 0xff; lead++) {
    tryBytes([lead]);
    if (encoding === 'shift_jis') for (let trail = 0x40; trail <= 0xfc; trail++) tryBytes([lead, trail]);
  }
  return (text) =>
    Buffer.from([...text].flatMap((char) => (char.charCodeAt(0) < 0x80 ? [char.charCodeAt(0)] : (table.get(char) ?? [0x3f]))));
}

describe('Windows ping in its OEM code page, read as UTF-8 by the runner', () => {
  // ping.exe writes to a pipe in the console's OEM code page; the runner decodes UTF-8, so every
  // non-ASCII word turns into U+FFFD runs. The genuine samples must give the same values regardless.
  const cases: Array<[string, 'ibm866' | 'shift_jis']> = [
    ['windows-ru-cp866-ttl65', 'ibm866'],
    ['windows-ru-cp866-ttl107', 'ibm866'],
    ['windows-ja-cp932-pingscope', 'shift_jis'],
  ];
  for (const [name, encoding] of cases) {
    it(`${name} as ${encoding} bytes`, () => {
      const genuine = fixtureText('latency', name, 'output.txt');
      const mangled = oemEncoder(encoding)(genuine).toString('utf8');
      expect(mangled).not.toBe(genuine);
      const expected = fixtureJson<Expected>('latency', name, 'expected.json');
      const parsed = parsePingOutput(mangled);
      expect(parsed.rtts).toEqual(expected.rtts);
      expect(parsed.sent).toBe(expected.sent);
      expect(parsed.received).toBe(expected.received);
    });
  }
});

describe('Windows ping read by shape', () => {
  it('the min/max/average line is never taken for the statistics, even when all three are equal', () => {
    expect(windowsSummary('    Minimum = 0ms, Maximum = 0ms, Average = 0ms')).toBeUndefined();
    expect(windowsSummary('    最小 = 10ms、最大 = 13ms、平均 = 11ms')).toBeUndefined();
    expect(windowsSummary('    Pakete: Gesendet = 4, Empfangen = 3, Verloren = 1')).toEqual([4, 3]);
  });
  it('an iputils reply in another language is not a Windows reply', () => {
    expect(windowsReplyMs('64 Bytes von 127.0.0.1: icmp_seq=1 ttl=64 Zeit=0,045 ms')).toBeUndefined();
  });
  it('Spanish "tiempo<1m" and a TTL-expired answer', () => {
    expect(windowsReplyMs('Respuesta desde 192.168.1.1: bytes=32 tiempo<1m TTL=64')).toBe(1);
    expect(windowsReplyMs('Reply from 192.0.2.1: TTL expired in transit.')).toBeUndefined();
  });
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
