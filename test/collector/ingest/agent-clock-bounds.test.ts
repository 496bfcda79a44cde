import { describe, expect, it } from 'vitest';
import { boundToReceipt } from '../../../collector/ingest/agent-clock.js';
import type { Report } from '../../../protocol/index.js';
import { reportFor } from '../../helpers/scoring-fleet.js';

/** The receipt window as a pure function: what is refused, clamped or made unknown, and the skew kept. */
describe('boundToReceipt', () => {
  const receivedAt = new Date('2026-11-20T12:00:00.000Z');
  const receipt = { receivedAt, inputDays: 30 };
  const base = () => reportFor('good', 'dev_0000000000000001');

  it('leaves a report of a right clock as it was, skew included', () => {
    const report = base();
    const bounded = boundToReceipt(report, receipt);
    expect(bounded.problems).toEqual([]);
    expect(bounded.report).toEqual(report);
    expect(bounded.clockSkewMs).toBe(Date.parse(report.collected_at) - receivedAt.getTime());
  });

  it('accepts a clock up to 5 minutes ahead unchanged, and clamps one further ahead to receipt + 5 minutes', () => {
    const within = { ...base(), collected_at: '2026-11-20T12:04:59.000Z' };
    expect(boundToReceipt(within, receipt).report.collected_at).toBe('2026-11-20T12:04:59.000Z');
    const ahead = { ...base(), collected_at: '2027-01-01T00:00:00.000Z' };
    const bounded = boundToReceipt(ahead, receipt);
    expect(bounded.report.collected_at).toBe('2026-11-20T12:05:00.000Z');
    expect(bounded.clockSkewMs).toBe(Date.parse('2027-01-01T00:00:00.000Z') - receivedAt.getTime());
  });

  it('refuses row times older than the input retention, naming each', () => {
    const report: Report = { ...base(), collected_at: '2026-10-01T00:00:00.000Z' };
    report.samples![1]!.ts = '2020-01-01T00:00:00.000Z';
    expect(boundToReceipt(report, receipt).problems.map((p) => p.field)).toEqual(['collected_at', 'samples.1.ts']);
  });

  it('makes future inventory dates unknown with the reason, and drops a future release date', () => {
    const report = base();
    report.inventory!.patches = { ...report.inventory!.patches!, last_update_at: '2030-01-01T00:00:00Z', pending: [{ id: 'KB1', severity: 'critical', security: true, released_at: '2030-01-01T00:00:00Z' }] };
    report.inventory!.hardware!.firmware = { vendor: 'Dell Inc.', version: '1', release_date: '2030-01-01' };
    const { report: out } = boundToReceipt(report, receipt);
    expect(out.inventory!.patches!.last_update_at).toEqual({ unknown: expect.stringMatching(/^2030-01-01T00:00:00Z is later than the report itself/) });
    expect(out.inventory!.patches!.pending![0]).not.toHaveProperty('released_at');
    expect(out.inventory!.hardware!.firmware).toMatchObject({ release_date: { unknown: expect.stringMatching(/later than the report itself/) } });
    // The report as sent is not changed.
    expect(report.inventory!.patches!.last_update_at).toBe('2030-01-01T00:00:00Z');
  });

  it('holds inventory dates to the report\'s own collected_at: a report dated back cannot carry a later update', () => {
    const report: Report = { ...base(), collected_at: '2026-11-01T00:00:00.000Z' };
    report.inventory!.patches = { ...report.inventory!.patches!, last_update_at: '2026-11-20T11:00:00.000Z' };
    const { report: out } = boundToReceipt(report, receipt);
    expect(out.inventory!.patches!.last_update_at).toEqual({ unknown: expect.stringMatching(/later than the report itself \(collected 2026-11-01/) });
  });
});
