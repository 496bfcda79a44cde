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
 * Pure: reads the output of iputils/BusyBox (Linux), BSD (macOS) and Windows `ping`. Linux and
 * macOS run it in the C locale, so their English lines are read as such. Windows `ping.exe`
 * ignores LC_ALL, prints in the display language and writes in the console's OEM code page
 * (cp850, cp866, cp932, cp936...), which the runner decodes as UTF-8: every non-ASCII word
 * may arrive mangled. Windows output is therefore read by its shape only — digits, `=`, `<`
 * and `TTL=`, which are ASCII in every language and which no OEM code page's double-byte
 * characters can produce (their trail bytes lie above 0x3F): see windowsReplyMs and
 * windowsSummary.
 */
export function parsePingOutput(text: string): PingParse {
  const rtts: number[] = [];
  let sent: number | undefined;
  let received: number | undefined;
  let windows = false;
  for (const line of text.split(/\r?\n/)) {
    const unix = line.match(/\btime[=<]\s*([\d.]+)\s*ms\b/i);
    if (unix && /bytes from|icmp_seq/i.test(line)) {
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
    const replyMs = windowsReplyMs(line);
    if (replyMs !== undefined) {
      rtts.push(replyMs);
      continue;
    }
    const counts = sent === undefined ? windowsSummary(line) : undefined;
    if (counts) {
      [sent, received] = counts;
      windows = true;
    }
  }
  // Windows counts "Destination host unreachable" answers as received; only echo replies carry a time.
  if (windows && received !== undefined && received > rtts.length) received = rtts.length;
  const failure = FAILURE_PATTERNS.find(([pattern]) => pattern.test(text))?.[1];
  return { rtts, ...(sent !== undefined ? { sent } : {}), ...(received !== undefined ? { received } : {}), ...(failure ? { failure } : {}) };
}

// "bytes=32 time=4ms TTL=117", "octets=32 temps=15 ms TTL=117", "バイト数 =32 時間 <1ms TTL=64",
// "число байт=32 время=52мс TTL=65": the time is the value right before TTL, whatever its label and unit.
const IPV4_REPLY = /[=<]\s*(\d+)\s*[^\s\d=<]*\s+TTL=\d+/;
// IPv6 replies carry no byte count and no TTL: "Reply from ::1: time<1ms".
const IPV6_REPLY = /[0-9a-f]*:[0-9a-f]*:[0-9a-f:%.]*\s*:[^=<]*[=<]\s*(\d+)\s*[^\s\d=<,]*\s*$/i;

/** Pure: the round-trip time of one Windows echo-reply line in any language; "<1ms" reads as 1 (an upper bound). */
export function windowsReplyMs(line: string): number | undefined {
  // Windows prints "TTL=" in capitals in every language; iputils' lines ("icmp_seq=1 ttl=64") are not Windows'.
  if (/icmp_seq/i.test(line)) return undefined;
  const match = line.match(IPV4_REPLY) ?? (/TTL/.test(line) ? null : line.match(IPV6_REPLY));
  if (!match) return undefined;
  const ms = Number(match[1]);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * Pure: [sent, received] from the Windows statistics line in any language — "Packets: Sent = 4,
 * Received = 3, Lost = 1 (25% loss)", "パケット数: 送信 = 4、受信 = 4、損失 = 0", "Пакетов: отправлено = 4,
 * получено = 4, потеряно = 0". It is the one line with exactly three counts where the first is the
 * sum of the other two (sent = received + lost), which the min/max/average line cannot be once at
 * least one request was sent.
 */
export function windowsSummary(line: string): [number, number] | undefined {
  if (/TTL=|icmp_seq/.test(line)) return undefined;
  const counts = [...line.matchAll(/=\s*(\d+)(?!\s*[.,]\d)/g)].map((m) => Number(m[1]));
  if (counts.length !== 3) return undefined;
  const [sent, received, lost] = counts as [number, number, number];
  return sent >= 1 && sent === received + lost ? [sent, received] : undefined;
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
