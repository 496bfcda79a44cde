import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../protocol/index.js';
import { Store } from '../../../collector/store/store.js';
import { stopProgram } from '../../../demo/processes.js';
import { adminFor, enroll, freePort, siteWithSecret, spawnCollector } from '../../helpers/collector.js';
import { makeReport, postReport } from '../../helpers/reports.js';
import { tempDir } from '../../helpers/temp.js';

const SAMPLES_PER_REPORT = 5;

interface Sent {
  report: Report;
  nodeKey: string;
  acknowledged: boolean;
}

/** Clients post reports until the collector goes away; each remembers what got a 2xx. */
async function postUntilGone(url: string, devices: Array<{ device_id: string; node_key: string }>, sent: Sent[], onAck: () => void) {
  await Promise.all(
    devices.map(async (device) => {
      for (;;) {
        const entry: Sent = { report: makeReport(device.device_id, SAMPLES_PER_REPORT), nodeKey: device.node_key, acknowledged: false };
        sent.push(entry);
        try {
          const response = await postReport(url, device.node_key, entry.report, { gzip: true });
          if (response.status !== 202) return;
          entry.acknowledged = true;
          onAck();
        } catch {
          return; // connection refused or reset: the collector is gone
        }
      }
    }),
  );
}

async function storedCounts(dataDir: string, ids: string[]) {
  const store = await Store.open({ dataDir, database: 'sf' });
  try {
    const list = ids.map((id) => `'${id}'`).join(',');
    const perReport = await store.query<{ id: string; reports: number; samples: number }>(
      `SELECT r.id AS id, r.n AS reports, ifNull(s.n, 0) AS samples
       FROM (SELECT toString(report_id) AS id, count() AS n FROM {db}.reports FINAL WHERE report_id IN (${list}) GROUP BY id) AS r
       LEFT JOIN (SELECT toString(report_id) AS id, count() AS n FROM {db}.latency_samples FINAL WHERE report_id IN (${list}) GROUP BY id) AS s
       USING id`,
    );
    const [raw] = await store.query<{ reports: number; distinct_reports: number }>(
      `SELECT count() AS reports, uniqExact(report_id) AS distinct_reports FROM {db}.reports`,
    );
    return { perReport: new Map(perReport.map((r) => [r.id, r])), raw: raw! };
  } finally {
    await store.close();
  }
}

describe.each([['SIGTERM'], ['SIGKILL']] as const)('collector stopped with %s while reports are posted', (signal) => {
  const dir = tempDir(`durable-${signal}`);
  afterAll(() => dir.remove());

  it('keeps every acknowledged report, once; retries store the rest exactly once', async () => {
    const port = await freePort();
    const first = await spawnCollector(dir.path, port);
    const secret = await siteWithSecret(adminFor(first.url, dir.path));
    const devices = await Promise.all(Array.from({ length: 8 }, (_, i) => enroll(first.url, secret, i.toString(16).padStart(2, '0').repeat(32))));

    const sent: Sent[] = [];
    let acks = 0;
    let stopped: Promise<void> | undefined;
    const exit = new Promise<number | null>((resolve) => first.child.once('exit', (code) => resolve(code)));
    await postUntilGone(first.url, devices, sent, () => {
      // Stop mid-stream, once a fair number of reports have been acknowledged.
      if (++acks === 150) stopped = stopProgram(first.child, signal);
    });
    await stopped;
    const code = await exit;
    if (signal === 'SIGTERM') expect(code).toBe(0);

    const acknowledged = sent.filter((s) => s.acknowledged);
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);
    const afterCrash = await storedCounts(dir.path, sent.map((s) => s.report.report_id));
    for (const { report } of acknowledged) {
      expect(afterCrash.perReport.get(report.report_id), `acknowledged report ${report.report_id}`).toEqual({
        id: report.report_id,
        reports: 1,
        samples: SAMPLES_PER_REPORT,
      });
    }
    expect(afterCrash.raw.reports).toBe(afterCrash.raw.distinct_reports);

    // Agents retry everything they have not seen acknowledged — and some they have (a lost 202).
    const second = await spawnCollector(dir.path, port);
    try {
      await Promise.all(
        devices.map(async (device) => {
          for (const entry of sent.filter((s) => s.nodeKey === device.node_key)) {
            const response = await postReport(second.url, entry.nodeKey, entry.report, { gzip: true });
            expect(response.status).toBe(202);
            const body = (await response.json()) as { duplicate: boolean };
            if (entry.acknowledged) expect(body.duplicate).toBe(true);
          }
        }),
      );
    } finally {
      await stopProgram(second.child, 'SIGTERM');
    }
    const final = await storedCounts(dir.path, sent.map((s) => s.report.report_id));
    expect(final.perReport.size).toBe(sent.length);
    for (const row of final.perReport.values()) expect(row).toMatchObject({ reports: 1, samples: SAMPLES_PER_REPORT });
    expect(final.raw.reports).toBe(final.raw.distinct_reports);
  });
});
