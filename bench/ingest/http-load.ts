import autocannon from 'autocannon';
import type { PreparedReport } from './workload.js';

export interface HttpLoadResult {
  /** Requests autocannon completed (any status). */
  requests: number;
  seconds: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  statusCounts: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Report ids answered 202 with duplicate: false. */
  stored: Set<string>;
  /** 202 answers saying the report was already stored (should be none: every id is new). */
  duplicates: number;
}

/**
 * POSTs every prepared report exactly once over `connections` keep-alive connections with
 * autocannon; each request is the next report in order (its own body and node key).
 */
export async function postAll(url: string, reports: PreparedReport[], connections: number, timeoutSeconds: number): Promise<HttpLoadResult> {
  let next = 0;
  const stored = new Set<string>();
  let duplicates = 0;
  const started = performance.now();
  const result = await autocannon({
    url,
    connections: Math.min(connections, reports.length),
    pipelining: 1,
    amount: reports.length,
    timeout: timeoutSeconds,
    requests: [
      {
        method: 'POST',
        path: '/v1/reports',
        // autocannon calls this once per request it sends, so each report goes out once.
        setupRequest: (request) => {
          const r = reports[next++ % reports.length]!;
          return {
            ...request,
            headers: {
              'content-type': 'application/json',
              'content-encoding': 'gzip',
              authorization: `Bearer ${r.nodeKey}`,
            },
            body: r.body,
          };
        },
        onResponse: (status, body) => {
          if (status !== 202) return;
          const answer = JSON.parse(body) as { report_id: string; duplicate: boolean };
          if (answer.duplicate) duplicates++;
          else stored.add(answer.report_id);
        },
      },
    ],
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    requests: result.requests.total,
    seconds,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    statusCounts: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, (s as { count: number }).count])),
    errors: result.errors,
    timeouts: result.timeouts,
    stored,
    duplicates,
  };
}
