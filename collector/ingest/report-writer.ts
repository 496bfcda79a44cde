import { countRows, emptyRows, MAX_PARTITIONS_PER_INSERT, partitionMonths, REPORT_CHILD_TABLES, WRITE_ORDER, type RowsByTable, type WritableTable } from './report-rows.js';
import type { Store } from '../store/store.js';
import { instruments, measured } from '../telemetry/instruments.js';
import { ReportRefusedError, refusedForItsData } from './report-refusal.js';

export { ReportRefusedError } from './report-refusal.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface WriterOptions {
  /** Flush when this many rows are waiting. */
  maxBatchRows: number;
  /**
   * Least time between the starts of two writes. An idle writer writes at once; under load,
   * reports arriving during a write are coalesced into the next one, so a busy collector
   * makes at most one insert per table per interval (ClickHouse prefers few, large inserts).
   */
  minFlushIntervalMs: number;
  /** Refuse new reports (back-pressure) while this many rows wait. */
  maxQueuedRows: number;
}

export const DEFAULT_WRITER_OPTIONS: WriterOptions = { maxBatchRows: 50_000, minFlushIntervalMs: 100, maxQueuedRows: 500_000 };

export interface WriteResult {
  /** True when this report id was already stored; nothing new was written. */
  duplicate: boolean;
}

export class WriterOverloadedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('the collector is busy writing; retry later');
  }
}

interface Pending {
  /** Set for reports: a report id already stored is skipped. Other rows (device upserts) have none. */
  reportId: string | undefined;
  rows: RowsByTable;
  rowCount: number;
  /** Months each partitioned table's rows fall in: a batch is cut before its inserts would touch too many. */
  months: Map<WritableTable, Set<string>>;
  settle: { resolve: (r: WriteResult) => void; reject: (e: unknown) => void };
}

export interface WriterStats {
  batches: number;
  reportsWritten: number;
  duplicates: number;
  rowsWritten: number;
  failedBatches: number;
  /** Reports the engine refused on their own, answered 400. */
  refused: number;
}

/**
 * Group commit: rows of many requests (reports, and device upserts from enrolment) are inserted together, and each request's promise
 * settles only after the batch holding its rows is committed, so an acknowledged report is
 * on disk. The `reports` row goes last and marks a report as stored: a report whose
 * `reports` row exists is skipped as a duplicate; one interrupted before that row is
 * written again on retry and collapses by its ReplacingMergeTree key. A report the engine refuses
 * is isolated from its batch and refused alone (`insertIsolatingRefusals`).
 */
export class ReportWriter {
  private queue: Pending[] = [];
  private queuedRows = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private closed = false;
  private lastFlushStart = 0;
  readonly stats: WriterStats = { batches: 0, reportsWritten: 0, duplicates: 0, rowsWritten: 0, failedBatches: 0, refused: 0 };

  constructor(
    private readonly store: Store,
    private readonly options: WriterOptions = DEFAULT_WRITER_OPTIONS,
  ) {}

  write(reportId: string | undefined, rows: Partial<RowsByTable>): Promise<WriteResult> {
    if (this.closed) return Promise.reject(new Error('writer is closed'));
    if (this.queuedRows >= this.options.maxQueuedRows) {
      return Promise.reject(new WriterOverloadedError(Math.ceil((this.options.minFlushIntervalMs * 10) / 1000) + 1));
    }
    const full = { ...emptyRows(), ...rows };
    const months = partitionMonths(full);
    // Refused before anything is written: the engine would refuse the insert of these rows whole.
    for (const [table, spread] of months) {
      if (spread.size > MAX_PARTITIONS_PER_INSERT) {
        const reason = new Error(`its rows span ${spread.size} months; one insert may touch at most ${MAX_PARTITIONS_PER_INSERT} partitions (max_partitions_per_insert_block)`);
        return Promise.reject(new ReportRefusedError(table, reason));
      }
    }
    return new Promise<WriteResult>((resolve, reject) => {
      const rowCount = countRows(full);
      this.queue.push({ reportId, rows: full, rowCount, months, settle: { resolve, reject } });
      this.queuedRows += rowCount;
      this.schedule();
    });
  }

  get queuedRowCount(): number {
    return this.queuedRows;
  }

  /** Commits everything waiting; resolves when the queue is empty. */
  async flush(): Promise<void> {
    while (this.queue.length > 0 || this.flushing) {
      if (this.flushing) await this.flushing;
      else await this.startFlush();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private schedule(): void {
    if (this.flushing || this.timer || this.queue.length === 0) return;
    const wait = this.lastFlushStart + this.options.minFlushIntervalMs - Date.now();
    if (wait <= 0 || this.queuedRows >= this.options.maxBatchRows) void this.startFlush();
    else this.timer = setTimeout(() => void this.startFlush(), wait);
  }

  private startFlush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.flushing) return this.flushing;
    this.lastFlushStart = Date.now();
    const batch = this.takeBatch();
    this.flushing = this.commit(batch).finally(() => {
      this.flushing = undefined;
      this.schedule();
    });
    return this.flushing;
  }

  private takeBatch(): Pending[] {
    const batch: Pending[] = [];
    const months = new Map<WritableTable, Set<string>>();
    let rows = 0;
    while (this.queue.length > 0 && (batch.length === 0 || (rows + this.queue[0]!.rowCount <= this.options.maxBatchRows && fitsPartitions(months, this.queue[0]!)))) {
      const next = this.queue.shift()!;
      rows += next.rowCount;
      for (const [table, spread] of next.months) months.set(table, new Set([...(months.get(table) ?? []), ...spread]));
      batch.push(next);
    }
    this.queuedRows -= rows;
    return batch;
  }

  private async commit(batch: Pending[]): Promise<void> {
    try {
      await measured('report-writer commit', () => instruments().commit, {}, async (span) => {
        const stored = await this.storedReportIds(batch.flatMap((p) => (p.reportId ? [p.reportId] : [])));
        const seen = new Set<string>();
        const duplicate = batch.map((pending) => {
          const id = pending.reportId;
          if (id !== undefined && (stored.has(id) || seen.has(id))) return true;
          if (id !== undefined) seen.add(id);
          return false;
        });
        const fresh = batch.filter((_, i) => !duplicate[i]);
        const failed = await this.insertIsolatingRefusals(fresh);
        const refused = [...failed.values()].filter((e) => e instanceof ReportRefusedError).length;
        const written = fresh.filter((p) => !failed.has(p));
        const rows = written.reduce((sum, p) => sum + p.rowCount, 0);
        const reports = written.filter((p) => p.reportId !== undefined).length;
        const duplicates = duplicate.filter(Boolean).length;
        span.setAttributes({ 'sf.reports': reports, 'sf.duplicates': duplicates, 'sf.rows': rows, 'sf.refused': refused });
        instruments().commitReports.record(reports);
        this.stats.batches++;
        this.stats.rowsWritten += rows;
        this.stats.reportsWritten += reports;
        this.stats.duplicates += duplicates;
        this.stats.refused += refused;
        if (failed.size > refused) this.stats.failedBatches++;
        batch.forEach((pending, i) => {
          const refusal = failed.get(pending);
          if (refusal) pending.settle.reject(refusal);
          else pending.settle.resolve({ duplicate: duplicate[i]! });
        });
      });
    } catch (error) {
      this.stats.failedBatches++;
      for (const pending of batch) pending.settle.reject(error);
    }
  }

  /**
   * Inserts the batch as one group commit; returns the requests that failed, with why. When the
   * engine refuses the batch, each request is written alone, so one device's report the engine
   * cannot take (a value its column cannot hold) cannot hold back everyone else's. A report whose
   * rows the engine refuses alone is refused (ReportRefusedError, a 400): its rows already written
   * are deleted by report id, and its `devices` and `reports` rows were never written (they come
   * last). Any other failure is the store's, not the data's: that request fails with it (a 503, retried).
   */
  private async insertIsolatingRefusals(fresh: Pending[]): Promise<Map<Pending, Error>> {
    const refused = new Map<Pending, Error>();
    const batchFailure = await this.insertTogether(fresh);
    if (!batchFailure) return refused;
    // The engine is not answering: the whole batch waits for it (503), no report is tried alone.
    if (!(await this.store.ping())) throw batchFailure.error;
    for (const pending of fresh) {
      const failure = fresh.length === 1 ? batchFailure : await this.insertTogether([pending]);
      if (!failure) continue;
      // Only a refusal of the rows themselves is the report's fault; anything else (a full disk, a
      // timeout) is the store's: the request fails with it (503) and is retried, its rows collapse by key.
      if (pending.reportId === undefined || !refusedForItsData(failure.error)) {
        refused.set(pending, failure.error);
        continue;
      }
      await this.deleteReportRows(pending.reportId);
      refused.set(pending, new ReportRefusedError(failure.table, failure.error));
    }
    return refused;
  }

  /** Inserts the requests' rows table by table; on failure, says which table the engine refused and why. */
  private async insertTogether(pendings: Pending[]): Promise<{ table: WritableTable; error: Error } | undefined> {
    for (const table of WRITE_ORDER) {
      const rows = pendings.flatMap((p) => p.rows[table]);
      try {
        await this.store.insert(table, rows);
      } catch (error) {
        return { table, error: error instanceof Error ? error : new Error(String(error)) };
      }
    }
    return undefined;
  }

  /** Removes a refused report's rows from every table that may hold them (a lightweight delete: hidden at once). */
  private async deleteReportRows(reportId: string): Promise<void> {
    if (!UUID.test(reportId)) return;
    for (const table of REPORT_CHILD_TABLES) await this.store.command(`DELETE FROM {db}.${table} WHERE report_id = '${reportId}'`);
  }

  private async storedReportIds(ids: string[]): Promise<Set<string>> {
    // Ids are validated UUIDs (the protocol schema), so they are safe inline; an unparameterised
    // query also skips the embedded engine's serial queue.
    const list = [...new Set(ids)].filter((id) => UUID.test(id)).map((id) => `'${id}'`);
    if (list.length === 0) return new Set();
    const rows = await this.store.query<{ id: string }>(
      `SELECT DISTINCT toString(report_id) AS id FROM {db}.reports WHERE report_id IN (${list.join(',')})`,
    );
    return new Set(rows.map((r) => r.id));
  }
}

/** Whether adding this request keeps every table of the batch within the partitions one insert may touch. */
function fitsPartitions(batch: Map<WritableTable, Set<string>>, next: Pending): boolean {
  for (const [table, spread] of next.months) {
    const have = batch.get(table);
    if (!have) continue;
    let union = have.size;
    for (const month of spread) if (!have.has(month)) union++;
    if (union > MAX_PARTITIONS_PER_INSERT) return false;
  }
  return true;
}
