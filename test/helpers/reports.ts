import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Report } from '../../protocol/index.js';

/** A valid report with one inventory section and `samples` latency samples. */
export function makeReport(deviceId: string, samples = 3, overrides: Partial<Report> = {}): Report {
  const now = Date.now();
  return {
    schema: 'sf.report/v1',
    report_id: randomUUID(),
    device_id: deviceId,
    agent_version: '0.1.0',
    collected_at: new Date(now).toISOString(),
    inventory: {
      os: { family: 'linux', name: 'Debian GNU/Linux', version: '12', build: { unknown: 'not applicable' }, edition: { unknown: 'no editions' }, kernel: '6.1.0-37-amd64', arch: 'x64' },
    },
    samples: Array.from({ length: samples }, (_, i) => ({
      kind: 'latency' as const,
      ts: new Date(now - i * 1000).toISOString(),
      target: '127.0.0.1',
      label: 'loopback',
      method: 'icmp' as const,
      sent: 5,
      received: 5,
      loss_pct: 0,
      rtt_min_ms: 0.02,
      rtt_avg_ms: 0.04 + i / 100,
      rtt_max_ms: 0.09,
      jitter_ms: 0.01,
    })),
    collectors: [{ collector: 'latency', ok: true, duration_ms: 12 }],
    ...overrides,
  };
}

export interface PostOptions {
  gzip?: boolean;
  signal?: AbortSignal;
}

export async function postReport(url: string, nodeKey: string, report: unknown, options: PostOptions = {}): Promise<Response> {
  const json = JSON.stringify(report);
  return fetch(`${url}/v1/reports`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${nodeKey}`,
      ...(options.gzip ? { 'content-encoding': 'gzip' } : {}),
    },
    body: options.gzip ? gzipSync(json) : json,
    signal: options.signal,
  });
}
