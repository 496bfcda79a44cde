import { BoundedSpool } from './bounded.js';
import type { Spool, SpoolEntry, SpoolStore } from './types.js';

class MemoryStore implements SpoolStore {
  private readonly bodies = new Map<string, string>();
  private readonly rejected: string[] = [];
  async load(): Promise<SpoolEntry[]> {
    return [];
  }
  async write(entry: SpoolEntry, json: string): Promise<void> {
    this.bodies.set(entry.id, json);
  }
  async read(entry: SpoolEntry): Promise<string | undefined> {
    return this.bodies.get(entry.id);
  }
  async delete(entry: SpoolEntry): Promise<void> {
    this.bodies.delete(entry.id);
  }
  async moveToRejected(entry: SpoolEntry): Promise<void> {
    this.bodies.delete(entry.id);
    this.rejected.push(entry.id);
  }
  async rejectedIds(): Promise<string[]> {
    return [...this.rejected];
  }
}

/** For `once --print`, tests and embedding: same behaviour as the disk spool, nothing persisted. */
export function openMemorySpool(options: { maxBytes: number }): Promise<Spool> {
  return BoundedSpool.open(new MemoryStore(), options.maxBytes);
}
