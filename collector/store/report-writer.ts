import { countRows, emptyRows, WRITE_ORDER, type RowsByTable } from './report-rows.js';
import type { Store } from './store.js';
import { instruments, measured } from '../telemetry/instruments.js';

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
 * Group commit: rows of many requests (reports, and device upserts from enrolment) are inserted together, and each request's promise
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
  private lastFlushStart = 0;
  readonly stats: WriterStats = { batches: 0, reportsWritten: 0, duplicates: 0, rowsWritten: 0, failedBatches: 0 };

  constructor(
    private readonly store: Store,
    private readonly options: WriterOptions = DEFAULT_WRITER_OPTIONS,
  ) {}

  write(reportId: string | undefined, rows: Partial<RowsByTable>): Promise<WriteResult> {
    if (this.closed) return Promise.reject(new Error('writer is closed'));
    if (this.queuedRows >= this.options.maxQueuedRows) {
      return Promise.reject(new WriterOverloadedError(Math.ceil((this.options.minFlushIntervalMs * 10) / 1000) + 1));
    }
    return new Promise<WriteResult>((resolve, reject) => {
      const full = { ...emptyRows(), ...rows };
      const rowCount = countRows(full);
      this.queue.push({ reportId, rows: full, rowCount, settle: { resolve, reject } });
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
      await measured('report-writer commit', () => instruments().commit, {}, async (span) => {
        const stored = await this.storedReportIds(batch.flatMap((p) => (p.reportId ? [p.reportId] : [])));
        const combined = emptyRows();
        const seen = new Set<string>();
        const duplicate = batch.map((pending) => {
          const id = pending.reportId;
          if (id !== undefined && (stored.has(id) || seen.has(id))) return true;
          if (id !== undefined) seen.add(id);
          for (const table of WRITE_ORDER) combined[table].push(...pending.rows[table]);
          return false;
        });
        for (const table of WRITE_ORDER) await this.store.insert(table, combined[table]);
        const rows = countRows(combined);
        const duplicates = duplicate.filter(Boolean).length;
        span.setAttributes({ 'sf.reports': seen.size, 'sf.duplicates': duplicates, 'sf.rows': rows });
        instruments().commitReports.record(seen.size);
        this.stats.batches++;
        this.stats.rowsWritten += rows;
        this.stats.reportsWritten += seen.size;
        this.stats.duplicates += duplicates;
        batch.forEach((pending, i) => pending.settle.resolve({ duplicate: duplicate[i]! }));
      });
    } catch (error) {
      this.stats.failedBatches++;
      for (const pending of batch) pending.settle.reject(error);
    }
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
