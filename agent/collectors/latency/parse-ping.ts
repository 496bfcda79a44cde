export interface PingParse {
  /** Echo requests the summary says were sent; undefined when the output has no summary. */
  sent?: number;
  received?: number;
  /** Round-trip times of the replies, in order of arrival. */
  rtts: number[];
  /** A recognised failure line ("Name or service not known", "unknown host"...). */
  failure?: string;
}

const FAILURE_PATTERNS: Array<[RegExp, string]> = [
  [/name or service not known|unknown host|could not find host|cannot resolve|temporary failure in name resolution/i, 'host name could not be resolved'],
  [/network is unreachable/i, 'network is unreachable'],
  [/operation not permitted|permission denied/i, 'not permitted to send ICMP'],
];

/**
 * Pure: reads the output of iputils/BusyBox (Linux), BSD (macOS) and Windows `ping`,
 * which the runner starts in the C locale. Per-reply times are kept so jitter can be
 * computed; the summary line gives the sent/received counts.
 */
export function parsePingOutput(text: string): PingParse {
  const rtts: number[] = [];
  let sent: number | undefined;
  let received: number | undefined;
  for (const line of text.split(/\r?\n/)) {
    const unix = line.match(/\btime[=<]\s*([\d.]+)\s*ms\b/i);
    if (unix && /bytes from|reply from|icmp_seq/i.test(line)) {
      if (/\(DUP!\)/.test(line)) continue; // a duplicate is not a second reply
      const value = Number(unix[1]);
      if (Number.isFinite(value)) rtts.push(value);
      continue;
    }
    // "3 packets transmitted, 3 received," (Linux) / "3 packets transmitted, 3 packets received," (BSD)
    const summary = line.match(/(\d+)\s+packets transmitted,\s*(\d+)\s+(?:packets\s+)?received/i);
    if (summary) {
      sent = Number(summary[1]);
      received = Number(summary[2]);
      continue;
    }
    // Windows: "Packets: Sent = 4, Received = 4, Lost = 0 (0% loss),"
    const win = line.match(/Sent\s*=\s*(\d+),\s*Received\s*=\s*(\d+)/i);
    if (win) {
      sent = Number(win[1]);
      received = Number(win[2]);
    }
  }
  const failure = FAILURE_PATTERNS.find(([pattern]) => pattern.test(text))?.[1];
  return { rtts, ...(sent !== undefined ? { sent } : {}), ...(received !== undefined ? { received } : {}), ...(failure ? { failure } : {}) };
}

export interface RttStats {
  loss_pct: number;
  rtt_min_ms: number | null;
  rtt_avg_ms: number | null;
  rtt_max_ms: number | null;
  jitter_ms: number | null;
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

/** Pure: jitter is the mean absolute difference of consecutive RTTs (RFC 3550's idea, unsmoothed). */
export function rttStats(rtts: readonly number[], sent: number, received: number): RttStats {
  const loss = sent > 0 ? Math.min(100, Math.max(0, ((sent - received) / sent) * 100)) : 100;
  if (rtts.length === 0) return { loss_pct: round3(loss), rtt_min_ms: null, rtt_avg_ms: null, rtt_max_ms: null, jitter_ms: null };
  let diffs = 0;
  for (let i = 1; i < rtts.length; i++) diffs += Math.abs((rtts[i] as number) - (rtts[i - 1] as number));
  return {
    loss_pct: round3(loss),
    rtt_min_ms: round3(Math.min(...rtts)),
    rtt_avg_ms: round3(rtts.reduce((a, b) => a + b, 0) / rtts.length),
    rtt_max_ms: round3(Math.max(...rtts)),
    jitter_ms: rtts.length > 1 ? round3(diffs / (rtts.length - 1)) : null,
  };
}
