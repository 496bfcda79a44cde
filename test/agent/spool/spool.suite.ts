import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../protocol/index.js';
import type { Spool } from '../../../agent/spool/types.js';

export interface SpoolHarness {
  open(maxBytes: number): Promise<Spool>;
  /** Reopens the same storage (a restart), when the spool persists. */
  reopen?: (maxBytes: number) => Promise<Spool>;
}

export function sampleReport(padding = 0, collectedAt = '2026-01-01T00:00:00.000Z'): Report {
  return {
    schema: 'sf.report/v1',
    report_id: randomUUID(),
    device_id: 'dev_test0001',
    agent_version: '0.1.0',
    collected_at: collectedAt,
    samples: [{ kind: 'latency', ts: collectedAt, target: '127.0.0.1', label: 'x'.repeat(Math.min(64, padding)), method: 'icmp', sent: 1, received: 1, loss_pct: 0, rtt_min_ms: 1, rtt_avg_ms: 1, rtt_max_ms: 1, jitter_ms: null, ...(padding > 64 ? { error: 'p'.repeat(Math.min(500, padding - 64)) } : {}) }],
  };
}

export function inventoryReport(sections: Array<'hardware' | 'os'> = ['os']): Report {
  const os = { family: 'linux' as const, name: 'Debian', version: '12', build: { unknown: 'n/a' }, edition: { unknown: 'n/a' }, kernel: '6.1', arch: 'x64' };
  const inventory: Report['inventory'] = { hostname: 'h' };
  if (sections.includes('os')) inventory.os = os;
  if (sections.includes('hardware')) {
    inventory.hardware = { manufacturer: 'Dell', model: 'X', serial: 'S', chassis: 'laptop', cpu: { model: 'c', cores: 1 }, ram_bytes: 1, system_disk: { unknown: 'x' }, firmware: { unknown: 'x' }, battery: { present: false }, age: { unknown: 'x' } };
  }
  return { ...sampleReport(), samples: undefined, inventory } as Report;
}

const size = (r: Report): number => Buffer.byteLength(JSON.stringify(r));

/** One behaviour contract for every spool implementation. */
export function spoolSuite(name: string, harness: SpoolHarness): void {
  describe(`spool contract: ${name}`, () => {
    it('keeps reports oldest first and reads them back intact', async () => {
      const spool = await harness.open(1024 * 1024);
      const reports = [sampleReport(), inventoryReport(), sampleReport()];
      for (const r of reports) expect((await spool.put(r)).stored).toBe(true);
      expect((await spool.list()).map((e) => e.id)).toEqual(reports.map((r) => r.report_id));
      const oldest = await spool.peekOldest();
      expect(oldest?.entry.id).toBe(reports[0]?.report_id);
      expect(JSON.parse(oldest?.json ?? '')).toEqual(reports[0]);
      expect(JSON.parse((await spool.read(reports[1]!.report_id)) ?? '')).toEqual(reports[1]);
    });

    it('removes and accounts for sizes', async () => {
      const spool = await harness.open(1024 * 1024);
      const a = sampleReport();
      const b = sampleReport(200);
      await spool.put(a);
      await spool.put(b);
      expect(spool.stats()).toEqual({ count: 2, bytes: size(a) + size(b), maxBytes: 1024 * 1024 });
      await spool.remove(a.report_id);
      await spool.remove('not-there');
      expect(spool.stats()).toMatchObject({ count: 1, bytes: size(b) });
      expect((await spool.peekOldest())?.entry.id).toBe(b.report_id);
      await spool.remove(b.report_id);
      expect(await spool.peekOldest()).toBeUndefined();
    });

    it('refuses the same report id twice', async () => {
      const spool = await harness.open(1024 * 1024);
      const a = sampleReport();
      await spool.put(a);
      expect(await spool.put(a)).toMatchObject({ stored: false, reason: 'duplicate report_id' });
    });

    it('when full, drops the oldest sample-only reports first and keeps the latest inventory', async () => {
      const probe = sampleReport(500);
      const max = size(inventoryReport(['hardware', 'os'])) + size(probe) * 3 + 10;
      const spool = await harness.open(max);
      const inv = inventoryReport(['hardware', 'os']);
      const s1 = sampleReport(500);
      await spool.put(s1);
      await spool.put(inv);
      const s2 = sampleReport(500);
      const s3 = sampleReport(500);
      await spool.put(s2);
      await spool.put(s3);
      const s4 = sampleReport(500);
      const put = await spool.put(s4);
      expect(put).toMatchObject({ stored: true, evicted: [s1.report_id] });
      const s5 = sampleReport(500);
      expect((await spool.put(s5)).evicted).toEqual([s2.report_id]);
      const ids = (await spool.list()).map((e) => e.id);
      expect(ids).toEqual([inv.report_id, s3.report_id, s4.report_id, s5.report_id]);
      expect(spool.stats().bytes).toBeLessThanOrEqual(max);
    });

    it('a newer inventory makes the older one evictable, never the newest per section', async () => {
      const inv = inventoryReport(['os']);
      const max = size(inv) * 2 + 10;
      const spool = await harness.open(max);
      const first = inventoryReport(['os']);
      const second = inventoryReport(['os']);
      await spool.put(first);
      await spool.put(second);
      const third = inventoryReport(['os']);
      expect(await spool.put(third)).toMatchObject({ stored: true, evicted: [first.report_id] });
      // Only inventory left and a sample that cannot fit: the sample is refused, inventory kept.
      const tight = await harness.open(size(inv) + 10);
      const only = inventoryReport(['os']);
      await tight.put(only);
      expect((await tight.put(sampleReport(300))).stored).toBe(false);
      expect((await tight.list()).map((e) => e.id)).toEqual([only.report_id]);
    });

    it('refuses a report larger than the whole spool', async () => {
      const spool = await harness.open(200);
      const put = await spool.put(sampleReport(400));
      expect(put.stored).toBe(false);
      expect(put.reason).toMatch(/does not fit/);
      expect(spool.stats().count).toBe(0);
    });

    it('moves rejected reports aside', async () => {
      const spool = await harness.open(1024 * 1024);
      const a = sampleReport();
      const b = sampleReport();
      await spool.put(a);
      await spool.put(b);
      await spool.reject(a.report_id, 'HTTP 400: bad');
      expect((await spool.list()).map((e) => e.id)).toEqual([b.report_id]);
      expect(await spool.rejectedIds()).toEqual([a.report_id]);
    });

    if (harness.reopen) {
      const reopen = harness.reopen;
      it('survives a restart with order, sizes and inventory protection intact', async () => {
        const spool = await harness.open(1024 * 1024);
        const reports = [sampleReport(), inventoryReport(['hardware']), sampleReport(100)];
        for (const r of reports) await spool.put(r);
        await spool.remove(reports[0]!.report_id);
        const again = await reopen(1024 * 1024);
        expect((await again.list()).map((e) => ({ id: e.id, inventory: e.inventory }))).toEqual([
          { id: reports[1]!.report_id, inventory: ['hardware'] },
          { id: reports[2]!.report_id, inventory: [] },
        ]);
        expect(again.stats().bytes).toBe(size(reports[1]!) + size(reports[2]!));
        const next = sampleReport();
        await again.put(next);
        expect((await again.list()).at(-1)?.id).toBe(next.report_id);
        expect(JSON.parse((await again.peekOldest())?.json ?? '')).toEqual(reports[1]);
      });
    }
  });
}
