import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../protocol/index.js';
import type { RunningCollector } from '../../../collector/service.js';
import type { CollectorConfig } from '../../../collector/config.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../../helpers/collector.js';
import { makeReport, postReport } from '../../helpers/reports.js';
import { tempDir } from '../../helpers/temp.js';

/**
 * Finding 1: one device must not stop ingestion for everyone. A report the engine would refuse
 * shares a group commit with honest ones; it is refused alone (400 naming the field or the
 * engine's reason), the honest reports in its batch are committed, and none of its rows remain.
 */
const MONTH_MS = 31 * 86_400_000;
// A write interval long enough that the poison and the honest report posted together share one commit.
const WRITER = { maxBatchRows: 50_000, minFlushIntervalMs: 1_000, maxQueuedRows: 500_000 };
const REPORT_TABLES = ['reports', 'inventory_sections', 'inventory_history', 'latency_samples', 'wifi_samples', 'network_polls', 'network_devices', 'network_device_history', 'interface_samples'];

/** 101 latency samples, one per month going back: more partitions than one insert may touch. */
function spreadOverMonths(deviceId: string): Report {
  const report = makeReport(deviceId, 101);
  const now = Date.now();
  report.samples = report.samples!.map((s, i) => ({ ...s, ts: new Date(now - i * MONTH_MS).toISOString() }));
  return report;
}

/** A gear poll whose uptime serialises in exponent form (1e+21), which a UInt64 column cannot parse. */
function exponentNumber(deviceId: string): Report {
  const polledAt = new Date().toISOString();
  return makeReport(deviceId, 1, {
    network_devices: [{ target: 'core-1', address: '127.0.0.1', polled_at: polledAt, snmp_version: 'v2c', security_level: 'community', uptime_seconds: 1e21 }],
  });
}

interface Setup {
  collector: RunningCollector;
  honest: { device_id: string; node_key: string };
  hostile: { device_id: string; node_key: string };
}

async function setUp(dir: string, overrides: Partial<CollectorConfig> = {}): Promise<Setup> {
  const collector = await startTestCollector(dir, { writer: WRITER, ...overrides });
  const secret = await siteWithSecret(adminFor(collector.url, dir));
  const honest = await enroll(collector.url, secret, 'a1'.repeat(32));
  const hostile = await enroll(collector.url, secret, 'b2'.repeat(32));
  return { collector, honest, hostile };
}

/** Posts an honest report to open a write interval, then the poison and another honest report together. */
async function poisonBeside(s: Setup, poison: Report) {
  expect((await postReport(s.collector.url, s.honest.node_key, makeReport(s.honest.device_id, 2))).status).toBe(202);
  const honestReport = makeReport(s.honest.device_id, 2);
  const [bad, good] = await Promise.all([
    postReport(s.collector.url, s.hostile.node_key, poison),
    postReport(s.collector.url, s.honest.node_key, honestReport),
  ]);
  return {
    bad: { status: bad.status, body: (await bad.json()) as { error: string; problems?: Array<{ field: string; message: string }> } },
    good: { status: good.status, body: (await good.json()) as { duplicate: boolean } },
    honestReport,
  };
}

async function rowsOf(collector: RunningCollector, reportId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of REPORT_TABLES) {
    const [row] = await collector.store.query<{ n: number }>(`SELECT count() AS n FROM {db}.${table} WHERE report_id = {id:UUID}`, { id: reportId });
    counts[table] = Number(row!.n);
  }
  return counts;
}
const none = Object.fromEntries(REPORT_TABLES.map((t) => [t, 0]));

describe('a poison report is refused by validation, honest reports beside it are stored', () => {
  const dir = tempDir('poison');
  let s: Setup;
  beforeAll(async () => {
    s = await setUp(dir.path);
  });
  afterAll(async () => {
    await s.collector.close();
    dir.remove();
  });

  it('a number beyond its column (uptime 1e21) → 400 naming the field; the honest report → 202', async () => {
    const poison = exponentNumber(s.hostile.device_id);
    const { bad, good, honestReport } = await poisonBeside(s, poison);
    expect(good.status).toBe(202);
    expect(bad.status).toBe(400);
    expect(bad.body.problems?.map((p) => p.field)).toContain('network_devices.0.uptime_seconds');
    expect(await rowsOf(s.collector, poison.report_id)).toEqual(none);
    expect((await rowsOf(s.collector, honestReport.report_id)).reports).toBe(1);
  });

  it('samples older than the input retention (101 months) → 400 naming the sample; the honest report → 202', async () => {
    const poison = spreadOverMonths(s.hostile.device_id);
    const { bad, good } = await poisonBeside(s, poison);
    expect(good.status).toBe(202);
    expect(bad.status).toBe(400);
    expect(bad.body.problems?.[0]?.field).toMatch(/^samples\.\d+\.ts$/);
    expect(bad.body.problems?.[0]?.message).toMatch(/retention/);
    expect(await rowsOf(s.collector, poison.report_id)).toEqual(none);
  });
});

describe('a report touching more partitions than one insert may is refused alone, before any row is written', () => {
  // Nine years of retention let samples spread over 101 months pass validation: only the engine's limit refuses them.
  const dir = tempDir('poison-isolated');
  let s: Setup;
  beforeAll(async () => {
    s = await setUp(dir.path, { retention: { inputDays: 3_300, runDays: 3_000 } });
  });
  afterAll(async () => {
    await s.collector.close();
    dir.remove();
  });

  it('→ 400 naming the part and the limit for the poison, 202 for the honest report, no rows of the poison anywhere', async () => {
    const poison = spreadOverMonths(s.hostile.device_id);
    const { bad, good, honestReport } = await poisonBeside(s, poison);
    expect(good.status).toBe(202);
    expect(bad.status).toBe(400);
    expect(bad.body.problems?.[0]?.field).toBe('samples');
    expect(bad.body.error).toMatch(/partitions/i);
    expect(await rowsOf(s.collector, poison.report_id)).toEqual(none);
    const honestRows = await rowsOf(s.collector, honestReport.report_id);
    expect(honestRows).toMatchObject({ reports: 1, latency_samples: 2 });
  });

  it('the refused report sent again is refused again (never a 503 retried for ever), and ingestion goes on', async () => {
    const poison = spreadOverMonths(s.hostile.device_id);
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await postReport(s.collector.url, s.hostile.node_key, poison);
      expect(response.status).toBe(400);
    }
    expect(await rowsOf(s.collector, poison.report_id)).toEqual(none);
    expect((await postReport(s.collector.url, s.honest.node_key, makeReport(s.honest.device_id, 1))).status).toBe(202);
  });
});
