import type { Report } from '../../protocol/index.js';
import { chooseEvictions } from './eviction.js';
import type { PutResult, Spool, SpoolEntry, SpoolStats, SpoolStore } from './types.js';

/** The spool logic shared by the memory and disk spools: ordering, accounting, bounds. */
export class BoundedSpool implements Spool {
  private entries: SpoolEntry[] = [];
  private nextSeq = 1;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly store: SpoolStore,
    private readonly maxBytes: number,
  ) {}

  static async open(store: SpoolStore, maxBytes: number): Promise<BoundedSpool> {
    const spool = new BoundedSpool(store, maxBytes);
    spool.entries = (await store.load()).sort((a, b) => a.seq - b.seq);
    spool.nextSeq = (spool.entries.at(-1)?.seq ?? 0) + 1;
    return spool;
  }

  // The collection loop and the sender share the spool: one operation at a time.
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  put(report: Report): Promise<PutResult> {
    return this.exclusive(async () => {
      const json = JSON.stringify(report);
      const inventory = Object.keys(report.inventory ?? {}).filter((k) => k !== 'hostname').sort();
      const entry: SpoolEntry = { id: report.report_id, seq: this.nextSeq, bytes: Buffer.byteLength(json), inventory };
      if (this.entries.some((e) => e.id === entry.id)) return { stored: false, evicted: [], reason: 'duplicate report_id' };
      const evictions = chooseEvictions(this.entries, entry, this.maxBytes);
      if (evictions === undefined) {
        return { stored: false, evicted: [], reason: `report of ${entry.bytes} bytes does not fit in a spool of ${this.maxBytes} bytes` };
      }
      for (const id of evictions) await this.drop(id);
      await this.store.write(entry, json);
      this.nextSeq += 1;
      this.entries.push(entry);
      return { stored: true, evicted: evictions };
    });
  }

  async list(): Promise<SpoolEntry[]> {
    return this.entries.map((e) => ({ ...e, inventory: [...e.inventory] }));
  }

  peekOldest(): Promise<{ entry: SpoolEntry; json: string } | undefined> {
    return this.exclusive(async () => {
      // A body that vanished (deleted by hand) is skipped rather than blocking delivery forever.
      while (this.entries.length > 0) {
        const entry = this.entries[0] as SpoolEntry;
        const json = await this.store.read(entry);
        if (json !== undefined) return { entry: { ...entry }, json };
        this.entries.shift();
      }
      return undefined;
    });
  }

  read(id: string): Promise<string | undefined> {
    return this.exclusive(async () => {
      const entry = this.entries.find((e) => e.id === id);
      return entry ? this.store.read(entry) : undefined;
    });
  }

  remove(id: string): Promise<void> {
    return this.exclusive(() => this.drop(id));
  }

  reject(id: string, reason: string): Promise<void> {
    return this.exclusive(async () => {
      const entry = this.entries.find((e) => e.id === id);
      if (!entry) return;
      await this.store.moveToRejected(entry, reason);
      this.entries = this.entries.filter((e) => e.id !== id);
    });
  }

  rejectedIds(): Promise<string[]> {
    return this.store.rejectedIds();
  }

  stats(): SpoolStats {
    return { count: this.entries.length, bytes: this.entries.reduce((s, e) => s + e.bytes, 0), maxBytes: this.maxBytes };
  }

  private async drop(id: string): Promise<void> {
    const entry = this.entries.find((e) => e.id === id);
    if (!entry) return;
    await this.store.delete(entry);
    this.entries = this.entries.filter((e) => e.id !== id);
  }
}
