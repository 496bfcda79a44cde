import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../collector/service.js';
import { ingestStats } from '../../collector/store/stats.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../helpers/collector.js';
import { makeReport, postReport } from '../helpers/reports.js';
import { tempDir } from '../helpers/temp.js';

// Enrol → report → rows read back through the store, over real HTTP and the real embedded engine.
describe('collector end to end', () => {
  const dir = tempDir('e2e');
  let collector: RunningCollector;
  let secret: string;

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
    secret = await siteWithSecret(adminFor(collector.url, dir.path), 'rxa-ngh', 'rxa');
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  it('stores an enrolled device, its report, inventory and samples', async () => {
    const device = await enroll(collector.url, secret, 'a1'.repeat(32));
    expect(device).toMatchObject({ site_id: 'rxa-ngh', trust_id: 'rxa' });
    expect(device.device_id).toMatch(/^dev_[0-9a-f]{24}$/);

    const report = makeReport(device.device_id, 4);
    const response = await postReport(collector.url, device.node_key, report, { gzip: true });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ report_id: report.report_id, duplicate: false });

    const [stored] = await collector.store.query<Record<string, unknown>>(
      `SELECT device_id, site_id, trust_id, agent_version, sample_count, toString(collected_at) AS collected_at
       FROM {db}.reports FINAL WHERE report_id = {id:UUID}`,
      { id: report.report_id },
    );
    expect(stored).toEqual({
      device_id: device.device_id,
      site_id: 'rxa-ngh',
      trust_id: 'rxa',
      agent_version: '0.1.0',
      sample_count: 4,
      collected_at: report.collected_at.replace('T', ' ').replace('Z', ''),
    });

    const samples = await collector.store.query<{ target: string; rtt_avg_ms: number; seq: number }>(
      `SELECT target, rtt_avg_ms, seq FROM {db}.latency_samples FINAL WHERE report_id = {id:UUID} ORDER BY seq`,
      { id: report.report_id },
    );
    expect(samples.map((s) => s.seq)).toEqual([0, 1, 2, 3]);
    expect(samples[2]!.rtt_avg_ms).toBeCloseTo(0.06, 5);

    const [os] = await collector.store.query<{ body: string }>(
      `SELECT body FROM {db}.inventory_sections FINAL WHERE device_id = {d:String} AND section = 'os'`,
      { d: device.device_id },
    );
    expect(JSON.parse(os!.body)).toEqual(report.inventory!.os);

    const [row] = await collector.store.query<{ platform: string; revoked: number }>(
      `SELECT platform, revoked FROM {db}.devices FINAL WHERE device_id = {d:String}`,
      { d: device.device_id },
    );
    expect(row).toEqual({ platform: 'linux', revoked: 0 });
  });

  it('stores a retried report once and says it was a duplicate', async () => {
    const device = await enroll(collector.url, secret, 'b2'.repeat(32));
    const report = makeReport(device.device_id, 2);
    const answers = await Promise.all([1, 2, 3].map(() => postReport(collector.url, device.node_key, report)));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    const bodies = (await Promise.all(answers.map((a) => a.json()))) as Array<{ duplicate: boolean }>;
    expect(bodies.filter((b) => !b.duplicate)).toHaveLength(1);

    const again = await postReport(collector.url, device.node_key, report);
    expect(await again.json()).toEqual({ report_id: report.report_id, duplicate: true });

    const [counts] = await collector.store.query<{ reports: number; samples: number }>(
      `SELECT (SELECT count() FROM {db}.reports WHERE report_id = {id:UUID}) AS reports,
              (SELECT count() FROM {db}.latency_samples WHERE report_id = {id:UUID}) AS samples`,
      { id: report.report_id },
    );
    expect(counts).toEqual({ reports: 1, samples: 2 });
  });

  it('keeps the device id when the same hardware re-enrols (with a secret that may replace keys), and retires the old key', async () => {
    const first = await enroll(collector.url, secret, 'c3'.repeat(32));
    const reimaging = await adminFor(collector.url, dir.path).createEnrollSecret('rxa-ngh', { allowReenrol: true });
    const second = await enroll(collector.url, reimaging, 'c3'.repeat(32));
    expect(second.device_id).toBe(first.device_id);
    expect(second.node_key).not.toBe(first.node_key);
    expect((await postReport(collector.url, first.node_key, makeReport(first.device_id))).status).toBe(401);
    expect((await postReport(collector.url, second.node_key, makeReport(second.device_id))).status).toBe(202);
  });

  it('refuses a revoked device with 403 until an admin reinstates it and it re-enrols', async () => {
    const device = await enroll(collector.url, secret, 'd4'.repeat(32));
    await adminFor(collector.url, dir.path).revokeDevice(device.device_id);
    const refused = await postReport(collector.url, device.node_key, makeReport(device.device_id));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toMatch(/revoked/);
    await expect(enroll(collector.url, secret, 'd4'.repeat(32))).rejects.toThrow(/403.*reinstate/);
    await adminFor(collector.url, dir.path).reinstateDevice(device.device_id);
    const renewed = await enroll(collector.url, secret, 'd4'.repeat(32));
    expect((await postReport(collector.url, renewed.node_key, makeReport(renewed.device_id))).status).toBe(202);
  });

  it('counts what it stored', async () => {
    const stats = await ingestStats(collector.store);
    expect(stats.devices).toBe(4);
    expect(stats.reports).toBe(4);
    expect(stats.reports_by_site).toEqual({ 'rxa-ngh': 4 });
  });
});
