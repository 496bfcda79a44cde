import type { ReportWriter } from '../ingest/report-writer.js';
import { meter } from './instruments.js';

/**
 * Exposes the group-commit writer's own counters as observable instruments, read when the
 * SDK collects: the writer keeps one set of numbers (also served by /v1/admin/stats), not two.
 * Returns a function that stops observing (a closed collector must not be read).
 */
export function observeWriter(writer: ReportWriter): () => void {
  const m = meter();
  const reports = m.createObservableCounter('sf.collector.reports', {
    description: 'Reports committed, by outcome: stored, or duplicate (a retry of a report already stored)',
    unit: '{report}',
  });
  const rows = m.createObservableCounter('sf.collector.writer.rows', { description: 'Rows inserted by group commits', unit: '{row}' });
  const batches = m.createObservableCounter('sf.collector.writer.batches', { description: 'Group commits, by outcome: committed or failed', unit: '{batch}' });
  const queued = m.createObservableGauge('sf.collector.writer.queued_rows', {
    description: 'Rows waiting for the next group commit (back-pressure starts at the configured maximum)',
    unit: '{row}',
  });
  const observed = [reports, rows, batches, queued];
  const callback: Parameters<typeof m.addBatchObservableCallback>[0] = (result) => {
    const stats = writer.stats;
    result.observe(reports, stats.reportsWritten, { 'sf.outcome': 'stored' });
    result.observe(reports, stats.duplicates, { 'sf.outcome': 'duplicate' });
    result.observe(rows, stats.rowsWritten);
    result.observe(batches, stats.batches, { 'sf.outcome': 'committed' });
    result.observe(batches, stats.failedBatches, { 'sf.outcome': 'failed' });
    result.observe(queued, writer.queuedRowCount);
  };
  m.addBatchObservableCallback(callback, observed);
  return () => m.removeBatchObservableCallback(callback, observed);
}
