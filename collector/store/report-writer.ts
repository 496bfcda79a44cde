import { countRows, emptyRows, REPORT_TABLES, type RowsByTable } from './report-rows.js';
import type { Store } from './store.js';

export interface WriterOptions {
  /** Flush when this many rows are waiting. */
  maxBatchRows: number;
  /** Flush at the latest this long after the first waiting report arrived. */
  maxDelayMs: number;
  /** Refuse new reports (back-pressure) while this many rows wait. */
  maxQueuedRows: number;
}

export const DEFAULT_WRITER_OPTIONS: WriterOptions = { maxBatchRows: 50_000, maxDelayMs: 200, maxQueuedRows: 500_000 };

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
  reportId: string;
  rows: RowsByTable;
  rowCount: number;
  settle: { resolve: (r: WriteResult) => void; reject: (e: unknown) => void };
}

export interface WriterStats {
  batches: number;
  reportsWritten: number;
  duplicates: number;
  rowsWritten: number;
  failedBatches: number;
}

/**
 * Group commit: rows of many requests are inserted together, and each request's promise
 * settles only after the batch holding its rows is committed, so an acknowledged report is
 * on disk. The `reports` row goes last and marks a report as stored: a report whose
 * `reports` row exists is skipped as a duplicate; one interrupted before that row is
 * written again on retry and collapses by its ReplacingMergeTree key.
 */
export class ReportWriter {
  private queue: Pending[] = [];
  private queuedRows = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private closed = false;
  readonly stats: WriterStats = { batches: 0, reportsWritten: 0, duplicates: 0, rowsWritten: 0, failedBatches: 0 };

  constructor(
    private readonly store: Store,
    private readonly options: WriterOptions = DEFAULT_WRITER_OPTIONS,
  ) {}

  write(reportId: string, rows: RowsByTable): Promise<WriteResult> {
    if (this.closed) return Promise.reject(new Error('writer is closed'));
    if (this.queuedRows >= this.options.maxQueuedRows) {
      return Promise.reject(new WriterOverloadedError(Math.ceil((this.options.maxDelayMs * 4) / 1000) + 1));
    }
    return new Promise<WriteResult>((resolve, reject) => {
      const rowCount = countRows(rows);
      this.queue.push({ reportId, rows, rowCount, settle: { resolve, reject } });
      this.queuedRows += rowCount;
      if (this.queuedRows >= this.options.maxBatchRows) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.options.maxDelayMs);
    });
  }

  get queuedRowCount(): number {
    return this.queuedRows;
  }

  /** Commits everything waiting; resolves when the queue is empty. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0) return;
    const batch = this.takeBatch();
    this.flushing = this.commit(batch).finally(() => {
      this.flushing = undefined;
    });
    await this.flushing;
    if (this.queue.length > 0) {
      if (this.queuedRows >= this.options.maxBatchRows || this.closed) await this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.options.maxDelayMs);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private takeBatch(): Pending[] {
    const batch: Pending[] = [];
    let rows = 0;
    while (this.queue.length > 0 && (batch.length === 0 || rows + this.queue[0]!.rowCount <= this.options.maxBatchRows)) {
      const next = this.queue.shift()!;
      rows += next.rowCount;
      batch.push(next);
    }
    this.queuedRows -= rows;
    return batch;
  }

  private async commit(batch: Pending[]): Promise<void> {
    try {
      const stored = await this.storedReportIds(batch.map((p) => p.reportId));
      const combined = emptyRows();
      const fresh = new Set<string>();
      for (const pending of batch) {
        if (stored.has(pending.reportId) || fresh.has(pending.reportId)) continue;
        fresh.add(pending.reportId);
        for (const table of REPORT_TABLES) combined[table].push(...pending.rows[table]);
      }
      for (const table of REPORT_TABLES) await this.store.insert(table, combined[table]);
      this.stats.batches++;
      this.stats.rowsWritten += countRows(combined);
      this.stats.reportsWritten += fresh.size;
      this.stats.duplicates += batch.length - fresh.size;
      const firstSeen = new Set<string>();
      for (const pending of batch) {
        const duplicate = !fresh.has(pending.reportId) || firstSeen.has(pending.reportId);
        firstSeen.add(pending.reportId);
        pending.settle.resolve({ duplicate });
      }
    } catch (error) {
      this.stats.failedBatches++;
      for (const pending of batch) pending.settle.reject(error);
    }
  }

  private async storedReportIds(ids: string[]): Promise<Set<string>> {
    const rows = await this.store.query<{ id: string }>(
      `SELECT DISTINCT toString(report_id) AS id FROM {db}.reports WHERE report_id IN {ids:Array(UUID)}`,
      { ids: [...new Set(ids)] },
    );
    return new Set(rows.map((r) => r.id));
  }
}
