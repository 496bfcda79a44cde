import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportToRows, REPORT_CHILD_TABLES } from '../../../collector/ingest/report-rows.js';
import { ReportRefusedError, ReportWriter } from '../../../collector/ingest/report-writer.js';
import { Store } from '../../../collector/store/store.js';
import { makeReport } from '../../helpers/reports.js';
import { tempDir } from '../../helpers/temp.js';

/**
 * The writer's last line of defence, on the real engine: rows the engine cannot parse (here a
 * number in exponent form in a UInt16 column, as if validation had missed it) are refused for
 * their report alone; the report batched with it is committed; none of the refused report's rows remain.
 */
describe('a report the engine refuses is isolated from its batch', () => {
  const dir = tempDir('writer-isolation');
  let store: Store;
  let writer: ReportWriter;

  beforeAll(async () => {
    store = await Store.open({ dataDir: dir.path, database: 'sf' });
    // A write interval long enough that both reports below go in one batch after the first write.
    writer = new ReportWriter(store, { maxBatchRows: 50_000, minFlushIntervalMs: 1_000, maxQueuedRows: 500_000 });
  });
  afterAll(async () => {
    await writer.close();
    await store.close();
    dir.remove();
  });

  const origin = { trustId: 'trust', siteId: 'site', receivedAt: new Date(), bodyBytes: 100 };
  // FINAL: a report written again after its batch failed collapses by its key, as readers see it.
  async function count(table: string, reportId: string): Promise<number> {
    const [row] = await store.query<{ n: number }>(`SELECT count() AS n FROM {db}.${table} FINAL WHERE report_id = {id:UUID}`, { id: reportId });
    return Number(row!.n);
  }

  it('→ the bad report refused naming its part and the engine reason, the good one committed, no rows of the bad one', async () => {
    const opening = makeReport('dev_00000000aa', 1);
    await writer.write(opening.report_id, reportToRows(opening, origin));

    const good = makeReport('dev_00000000aa', 2);
    const bad = makeReport('dev_00000000bb', 2);
    const badRows = reportToRows(bad, origin);
    badRows.latency_samples[1]!.sent = 1e21;
    const [badOutcome, goodOutcome] = await Promise.allSettled([writer.write(bad.report_id, badRows), writer.write(good.report_id, reportToRows(good, origin))]);

    expect(goodOutcome).toEqual({ status: 'fulfilled', value: { duplicate: false } });
    expect(badOutcome.status).toBe('rejected');
    const refusal = (badOutcome as PromiseRejectedResult).reason as unknown;
    expect(refusal).toBeInstanceOf(ReportRefusedError);
    expect(refusal).toMatchObject({ field: 'samples', table: 'latency_samples', message: expect.stringMatching(/Cannot parse input/) });

    for (const table of [...REPORT_CHILD_TABLES, 'reports']) expect([table, await count(table, bad.report_id)]).toEqual([table, 0]);
    expect(await count('reports', good.report_id)).toBe(1);
    expect(await count('latency_samples', good.report_id)).toBe(2);
    // Its os section and the lifecycle key derived from it.
    expect(await count('inventory_sections', good.report_id)).toBe(2);
    expect(writer.stats.refused).toBe(1);
  });
});
