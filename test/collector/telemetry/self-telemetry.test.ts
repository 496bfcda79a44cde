import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../demo/processes.js';
import { startSelfTelemetry } from '../../../collector/telemetry/sdk.js';
import { adminFor, enroll, freePort, siteWithSecret, spawnCollector, startTestCollector } from '../../helpers/collector.js';
import { makeReport, postReport } from '../../helpers/reports.js';
import { tempDir } from '../../helpers/temp.js';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Array<{ key: string; value: Record<string, unknown> }>;
}

/** A loopback OTLP/HTTP (JSON) receiver: what an OpenTelemetry Collector would be sent. */
async function otlpReceiver(): Promise<{ server: Server; url: string; spans: OtlpSpan[] }> {
  const spans: OtlpSpan[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        const payload = JSON.parse(body) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }> };
        for (const resource of payload.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans };
}

/** The value of one Prometheus sample, its labels given in any order. */
function sample(metrics: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of metrics.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? ([0-9.e+-]+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => present[k] === v)) return Number(match[3]);
  }
  return undefined;
}

const attribute = (span: OtlpSpan, key: string) => Object.values(span.attributes.find((a) => a.key === key)?.value ?? {})[0];

// The collector's self-telemetry, turned on by the standard OTEL_* variables: Prometheus metrics
// scraped on loopback, traces sent over OTLP to a loopback receiver.
describe('collector self-telemetry', () => {
  const dir = tempDir('telemetry');
  let receiver: Awaited<ReturnType<typeof otlpReceiver>>;
  let collector: Awaited<ReturnType<typeof spawnCollector>>;
  let metricsUrl: string;

  beforeAll(async () => {
    receiver = await otlpReceiver();
    const metricsPort = await freePort();
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    collector = await spawnCollector(dir.path, await freePort(), {
      ...process.env,
      OTEL_METRICS_EXPORTER: 'prometheus',
      OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
  }, 90_000);
  afterAll(async () => {
    if (collector?.child.exitCode === null) collector.child.kill('SIGKILL');
    receiver?.server.close();
    dir.remove();
  });

  it('counts stored and duplicate reports, requests by route and status, and ClickHouse calls', async () => {
    const secret = await siteWithSecret(adminFor(collector.url, dir.path));
    const device = await enroll(collector.url, secret, 'f'.repeat(64));
    const reports = [makeReport(device.device_id), makeReport(device.device_id), makeReport(device.device_id)];
    for (const report of reports) expect((await postReport(collector.url, device.node_key, report)).status).toBe(202);
    expect((await postReport(collector.url, device.node_key, reports[0]!)).status).toBe(202); // a retry
    expect((await postReport(collector.url, device.node_key, { ...reports[1]!, collected_at: 'yesterday' })).status).toBe(400);

    const metrics = await (await fetch(metricsUrl)).text();
    expect(sample(metrics, 'sf_collector_reports_total', { sf_outcome: 'stored' })).toBe(3);
    expect(sample(metrics, 'sf_collector_reports_total', { sf_outcome: 'duplicate' })).toBe(1);
    expect(sample(metrics, 'sf_collector_writer_queued_rows')).toBe(0);
    expect(sample(metrics, 'sf_collector_writer_batches_total', { sf_outcome: 'failed' })).toBe(0);
    const route = { http_request_method: 'POST', http_route: '/v1/reports' };
    expect(sample(metrics, 'http_server_request_duration_count', { ...route, http_response_status_code: '202' })).toBe(4);
    expect(sample(metrics, 'http_server_request_duration_count', { ...route, http_response_status_code: '400' })).toBe(1);
    expect(sample(metrics, 'db_client_operation_duration_count', { db_system_name: 'clickhouse', db_operation_name: 'INSERT' })).toBeGreaterThan(0);
    expect(sample(metrics, 'sf_collector_writer_commit_reports_sum')).toBe(3);
  });

  it('traces a request down to its ClickHouse calls, and a group commit with its inserts', async () => {
    const viewer = (await import('node:fs')).readFileSync(`${dir.path}/viewer.token`, 'utf8').trim();
    expect((await fetch(`${collector.url}/v1/scores`, { headers: { authorization: `Bearer ${viewer}` } })).status).toBe(200);
    const request = await waitFor('the /v1/scores trace', async () => {
      const span = receiver.spans.find((s) => s.name === 'GET /v1/scores');
      return span && receiver.spans.some((s) => s.name === 'clickhouse SELECT' && s.parentSpanId === span.spanId) ? span : undefined;
    }, 15_000);
    expect(request.kind).toBe(2); // SERVER
    expect(attribute(request, 'http.response.status_code')).toBe(200);
    const query = receiver.spans.find((s) => s.parentSpanId === request.spanId)!;
    expect(attribute(query, 'db.system.name')).toBe('clickhouse');

    // The start-up snapshot: an evaluation and the ClickHouse work under it.
    const evaluation = receiver.spans.find((s) => s.name === 'score evaluation')!;
    expect(receiver.spans.some((s) => s.name === 'clickhouse INSERT score_runs' && s.parentSpanId === evaluation.spanId)).toBe(true);

    const commit = receiver.spans.find((s) => s.name === 'report-writer commit' && Number(attribute(s, 'sf.reports')) > 0);
    expect(commit).toBeDefined();
    expect(receiver.spans.some((s) => s.name === 'clickhouse INSERT reports' && s.parentSpanId === commit!.spanId)).toBe(true);
  });

  it('logs where its telemetry goes, and exports what it buffered when stopped', async () => {
    expect(collector.log()).toMatch(/"self_telemetry":"metrics: prometheus on http:\/\/127\.0\.0\.1:\d+\/metrics; traces: otlp; OTLP endpoint http:\/\/127\.0\.0\.1:\d+/);
    const before = receiver.spans.length;
    await fetch(`${collector.url}/healthz`);
    collector.child.kill('SIGTERM');
    await once(collector.child, 'exit');
    expect(receiver.spans.slice(before).some((s) => s.name === 'GET /healthz')).toBe(true);
  });
});

describe('self-telemetry settings', () => {
  it('is off unless an exporter or an OTLP endpoint is named', async () => {
    const dir = tempDir('telemetry-off');
    const collector = await startTestCollector(dir.path);
    try {
      expect(collector.telemetry.enabled).toBe(false);
    } finally {
      await collector.close();
      dir.remove();
    }
  });

  it('refuses a bad setting, naming the variable', async () => {
    await expect(startSelfTelemetry({ OTEL_METRICS_EXPORTER: 'prometheus,statsd' })).rejects.toThrow(/^OTEL_METRICS_EXPORTER: must be a comma-separated list of otlp, prometheus, console, none$/);
    await expect(startSelfTelemetry({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).rejects.toThrow(/^OTEL_EXPORTER_OTLP_ENDPOINT: must be an http:\/\/ or https:\/\/ URL$/);
    await expect(startSelfTelemetry({ OTEL_SDK_DISABLED: 'true', OTEL_METRICS_EXPORTER: 'prometheus' })).resolves.toMatchObject({ enabled: false });
  });
});
