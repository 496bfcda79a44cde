import type { SessionFactory, SnmpSession } from '../../agent/collectors/snmp/session.js';

/** One SNMP request as the poller sends it: a GET, or a GETBULK with no non-repeaters. */
export type SnmpRequest = { kind: 'get'; oids: readonly string[] } | { kind: 'getbulk'; oids: readonly string[]; maxRepetitions: number };

/** What one target was sent, in the order sent, and how many varbinds came back. */
export interface TargetLog {
  requests: SnmpRequest[];
  varbindsReceived: number;
}

/** Requests sent per target, keyed `address:port`. */
export type RequestLog = Map<string, TargetLog>;

export const targetKey = (address: string, port: number) => `${address}:${port}`;

export const requestKey = (r: SnmpRequest) => (r.kind === 'get' ? `get ${r.oids.join(',')}` : `getbulk/${r.maxRepetitions} ${r.oids.join(',')}`);

/**
 * A session factory that writes down every request its sessions send (and the varbinds answered)
 * before passing it on. Used on the poller's warm-up round only, so the timed rounds carry no
 * bookkeeping; the log is what the ceiling's plan is checked against.
 */
export function recordingFactory(open: SessionFactory, log: RequestLog): SessionFactory {
  return (options) => {
    const session = open(options);
    const entry = log.get(targetKey(options.address, options.port)) ?? { requests: [], varbindsReceived: 0 };
    log.set(targetKey(options.address, options.port), entry);
    return recordingSession(session, entry);
  };
}

export function recordingSession(session: SnmpSession, entry: TargetLog): SnmpSession {
  return {
    get: async (oids) => {
      entry.requests.push({ kind: 'get', oids: [...oids] });
      const answer = await session.get(oids);
      entry.varbindsReceived += answer.length;
      return answer;
    },
    getBulk: async (oids, maxRepetitions) => {
      entry.requests.push({ kind: 'getbulk', oids: [...oids], maxRepetitions });
      const answer = await session.getBulk(oids, maxRepetitions);
      entry.varbindsReceived += answer.reduce((n, column) => n + column.length, 0);
      return answer;
    },
    close: () => session.close(),
  };
}

/**
 * Where two request lists of one target differ, as multisets (the poller's parts run side by side,
 * so their order between parts is not fixed); empty when they are the same requests.
 */
export function requestDifferences(expected: readonly SnmpRequest[], actual: readonly SnmpRequest[]): string[] {
  const counts = new Map<string, number>();
  for (const r of expected) counts.set(requestKey(r), (counts.get(requestKey(r)) ?? 0) + 1);
  for (const r of actual) counts.set(requestKey(r), (counts.get(requestKey(r)) ?? 0) - 1);
  return [...counts].filter(([, n]) => n !== 0).map(([key, n]) => `${n > 0 ? `ceiling only ×${n}` : `poller only ×${-n}`}: ${key.slice(0, 160)}`);
}

/** Requests of each kind and varbinds asked, per target, for the summary. */
export function requestCounts(requests: readonly SnmpRequest[]): { get: number; getbulk: number; varbinds_asked: number } {
  return {
    get: requests.filter((r) => r.kind === 'get').length,
    getbulk: requests.filter((r) => r.kind === 'getbulk').length,
    varbinds_asked: requests.reduce((n, r) => n + r.oids.length, 0),
  };
}
