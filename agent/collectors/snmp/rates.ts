import type { NetworkInterface } from '../../../protocol/index.js';
import type { Counter, CounterKey, InterfaceReading } from './interfaces.js';

/**
 * Increase of an SNMP counter between two polls, or undefined when the interval has no
 * trustworthy delta. Counters only grow and wrap to 0 past 2^bits − 1:
 * - the device rebooted (sysUpTime went back): counters restarted → undefined;
 * - curr ≥ prev: plain difference;
 * - curr < prev: a wrap if the wrapped difference is plausible (under half the counter range and
 *   under `maxPlausible` when the interface speed bounds it), else a reset (interface re-created,
 *   counters cleared) → undefined. A 64-bit counter essentially never wraps, so only a tiny
 *   wrapped difference (a counter just below 2^64) passes.
 */
export function counterDelta(
  prev: bigint,
  curr: bigint,
  bits: 32 | 64,
  uptimePrev?: number,
  uptimeCurr?: number,
  maxPlausible?: bigint,
): bigint | undefined {
  if (uptimePrev !== undefined && uptimeCurr !== undefined && uptimeCurr < uptimePrev) return undefined;
  if (curr >= prev) return maxPlausible !== undefined && curr - prev > maxPlausible ? undefined : curr - prev;
  const modulus = 1n << BigInt(bits);
  if (prev >= modulus) return undefined;
  const wrapped = modulus - prev + curr;
  if (wrapped > modulus / 2n) return undefined;
  if (maxPlausible !== undefined && wrapped > maxPlausible) return undefined;
  return wrapped;
}

/** What the poller remembers of a target between polls. */
export interface PollSnapshot {
  /** Epoch ms of the poll. */
  at: number;
  /** sysUpTime in hundredths of a second. */
  sysUpTime?: number;
  interfaces: Map<number, { name: string; counters: Partial<Record<CounterKey, Counter>> }>;
}

export function snapshotOf(at: number, sysUpTime: number | undefined, readings: readonly InterfaceReading[]): PollSnapshot {
  return {
    at,
    ...(sysUpTime !== undefined ? { sysUpTime } : {}),
    interfaces: new Map(readings.map((r) => [r.iface.index, { name: r.iface.name, counters: r.counters }])),
  };
}

const TICKS_WRAP = 2 ** 32;

export interface IntervalVerdict {
  /** Seconds the deltas cover; undefined when this interval gives no rates. */
  seconds?: number;
  /** sysUpTime values to hand to counterDelta (the current one unwrapped past 2^32 ticks). */
  uptimePrev?: number;
  uptimeCurr?: number;
  note?: string;
}

/**
 * Decides whether two polls bound a clean interval: sysUpTime must have advanced about as much
 * as the wall clock (allowing its 497-day wrap); less means the device or its agent restarted.
 */
export function judgeInterval(prev: PollSnapshot | undefined, at: number, sysUpTime: number | undefined): IntervalVerdict {
  if (!prev) return { note: 'first poll of this target: rates need two polls' };
  const wall = (at - prev.at) / 1000;
  if (wall <= 0) return { note: 'clock went back between polls: no rates this interval' };
  if (prev.sysUpTime === undefined || sysUpTime === undefined) return { seconds: wall };
  let curr = sysUpTime;
  if (curr < prev.sysUpTime) {
    // A 32-bit TimeTicks wrap looks like time going back; it is one only if the unwrapped
    // advance matches the wall clock.
    const unwrapped = curr + TICKS_WRAP - prev.sysUpTime;
    if (Math.abs(unwrapped / 100 - wall) <= Math.max(10, wall * 0.1)) curr += TICKS_WRAP;
    else return { note: 'device rebooted between polls (sysUpTime went back): no rates this interval' };
  }
  const advanced = (curr - prev.sysUpTime) / 100;
  if (advanced + Math.max(10, wall * 0.1) < wall) {
    return { note: `device or its SNMP agent restarted between polls (sysUpTime advanced ${Math.round(advanced)} s in ${Math.round(wall)} s): no rates this interval` };
  }
  return { seconds: advanced > 0 ? advanced : wall, uptimePrev: prev.sysUpTime, uptimeCurr: curr };
}

const round = (n: number, digits = 3) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

/**
 * Adds per-interface rates to the readings of this poll, from the deltas to the previous one.
 * An interface gets no rates when it is new, renamed (ifIndex reused) or its counters reset.
 */
export function applyRates(readings: InterfaceReading[], prev: PollSnapshot | undefined, verdict: IntervalVerdict): NetworkInterface[] {
  return readings.map(({ iface, counters }) => {
    if (!prev || verdict.seconds === undefined) return iface;
    const before = prev.interfaces.get(iface.index);
    if (!before || before.name !== iface.name) return iface;
    const seconds = verdict.seconds;
    // Speed bounds how much a counter can grow: 1.5× line rate, with a floor for unknown/zero speed.
    const speedBps = iface.speed_mbps ? iface.speed_mbps * 1e6 : undefined;
    const maxOctets = speedBps ? BigInt(Math.ceil((speedBps / 8) * seconds * 1.5)) + 1_000_000n : undefined;
    const maxPackets = speedBps ? BigInt(Math.ceil((speedBps / 8 / 64) * seconds * 1.5)) + 10_000n : undefined;
    const delta = (key: CounterKey, max?: bigint): bigint | undefined => {
      const a = before.counters[key];
      const b = counters[key];
      if (!a || !b || a.bits !== b.bits) return undefined;
      return counterDelta(a.value, b.value, b.bits, verdict.uptimePrev, verdict.uptimeCurr, max);
    };
    const sum = (keys: CounterKey[]): bigint | undefined => {
      const present = keys.filter((k) => counters[k] && before.counters[k]);
      if (present.length === 0) return undefined;
      let total = 0n;
      for (const k of present) {
        const d = delta(k, maxPackets);
        if (d === undefined) return undefined;
        total += d;
      }
      return total;
    };
    const out: NetworkInterface = { ...iface };
    const inOct = delta('inOctets', maxOctets);
    const outOct = delta('outOctets', maxOctets);
    const inPkts = sum(['inUcast', 'inMulticast', 'inBroadcast']);
    const outPkts = sum(['outUcast', 'outMulticast', 'outBroadcast']);
    if (inOct !== undefined) out.in_bps = round((Number(inOct) * 8) / seconds);
    if (outOct !== undefined) out.out_bps = round((Number(outOct) * 8) / seconds);
    if (inPkts !== undefined) out.in_pps = round(Number(inPkts) / seconds);
    if (outPkts !== undefined) out.out_pps = round(Number(outPkts) / seconds);
    // Errored and discarded packets are not in the packet counts: the base is all packets seen.
    const pct = (part: bigint | undefined, pkts: bigint | undefined, other: bigint | undefined): number | undefined => {
      if (part === undefined || pkts === undefined) return undefined;
      const base = pkts + part + (other ?? 0n);
      return base === 0n ? 0 : Math.min(100, round((Number(part) / Number(base)) * 100, 6));
    };
    const inErr = delta('inErrors', maxPackets);
    const outErr = delta('outErrors', maxPackets);
    const inDisc = delta('inDiscards', maxPackets);
    const outDisc = delta('outDiscards', maxPackets);
    const put = (k: 'in_error_pct' | 'out_error_pct' | 'in_discard_pct' | 'out_discard_pct', v: number | undefined) => {
      if (v !== undefined) out[k] = v;
    };
    put('in_error_pct', pct(inErr, inPkts, inDisc));
    put('out_error_pct', pct(outErr, outPkts, outDisc));
    put('in_discard_pct', pct(inDisc, inPkts, inErr));
    put('out_discard_pct', pct(outDisc, outPkts, outErr));
    if (speedBps && (out.in_bps !== undefined || out.out_bps !== undefined)) {
      out.utilisation_pct = Math.min(100, round((Math.max(out.in_bps ?? 0, out.out_bps ?? 0) / speedBps) * 100, 4));
    }
    return out;
  });
}
