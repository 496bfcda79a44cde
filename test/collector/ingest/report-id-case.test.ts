import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../../collector/service.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../../helpers/collector.js';
import { makeReport, postReport } from '../../helpers/reports.js';
import { tempDir } from '../../helpers/temp.js';

/**
 * Finding 3: a report id is a UUID, which RFC 9562 compares without regard to case. A retry
 * that spells the id in the other case is the same report: stored once, the first version kept.
 */
describe('report ids are recognised as retries whatever their case', () => {
  const dir = tempDir('report-id-case');
  let collector: RunningCollector;
  let device: { device_id: string; node_key: string };

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
    const secret = await siteWithSecret(adminFor(collector.url, dir.path));
    device = await enroll(collector.url, secret, 'c3'.repeat(32));
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  async function post(report: unknown) {
    const response = await postReport(collector.url, device.node_key, report);
    return { status: response.status, body: (await response.json()) as { report_id: string; duplicate: boolean } };
  }
  async function stored(id: string) {
    const [row] = await collector.store.query<{ reports: number; samples: number }>(
      `SELECT (SELECT count() FROM {db}.reports WHERE report_id = {id:UUID}) AS reports,
              (SELECT count() FROM {db}.latency_samples WHERE report_id = {id:UUID}) AS samples`,
      { id },
    );
    return { reports: Number(row!.reports), samples: Number(row!.samples) };
  }

  for (const [first, retry] of [['upper', 'lower'], ['lower', 'upper']] as const) {
    it(`sent in ${first} case, retried in ${retry} case and replayed with other content → one report, the first version`, async () => {
      const original = makeReport(device.device_id, 2);
      const id = original.report_id.toLowerCase();
      const spell = (c: 'upper' | 'lower') => (c === 'upper' ? id.toUpperCase() : id);

      const firstAnswer = await post({ ...original, report_id: spell(first) });
      expect(firstAnswer).toEqual({ status: 202, body: { report_id: id, duplicate: false } });
      expect(await post({ ...original, report_id: spell(retry) })).toEqual({ status: 202, body: { report_id: id, duplicate: true } });
      expect(await post({ ...original, report_id: spell(first) })).toEqual({ status: 202, body: { report_id: id, duplicate: true } });
      // A replay under the same id with different content is acknowledged as the duplicate it is, and not stored.
      const replay = makeReport(device.device_id, 7, { report_id: spell(retry) });
      expect(await post(replay)).toEqual({ status: 202, body: { report_id: id, duplicate: true } });

      expect(await stored(id)).toEqual({ reports: 1, samples: 2 });
    });
  }

  it('a retry in the other case inside the same batch is stored once', async () => {
    const original = makeReport(device.device_id, 1);
    const id = original.report_id.toLowerCase();
    const answers = await Promise.all([post({ ...original, report_id: id.toUpperCase() }), post({ ...original, report_id: id })]);
    expect(answers.map((a) => a.status)).toEqual([202, 202]);
    expect(answers.filter((a) => a.body.duplicate)).toHaveLength(1);
    expect(await stored(id)).toEqual({ reports: 1, samples: 1 });
  });
});
