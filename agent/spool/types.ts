import type { Report } from '../../protocol/index.js';

export interface SpoolEntry {
  /** The report's report_id. */
  id: string;
  /** Insertion order; delivery is oldest first. */
  seq: number;
  /** Size of the stored JSON, the unit of the spool's bound. */
  bytes: number;
  /** Inventory sections the report carries (hardware, os, ...); empty for sample-only reports. */
  inventory: string[];
}

export interface PutResult {
  stored: boolean;
  /** Reports dropped to make room, oldest first. */
  evicted: string[];
  /** Why the report was not stored. */
  reason?: string;
}

export interface SpoolStats {
  count: number;
  bytes: number;
  maxBytes: number;
}

/** Reports waiting for delivery. Bounded: when full, old sample-only reports go first. */
export interface Spool {
  put(report: Report): Promise<PutResult>;
  /** Oldest first. */
  list(): Promise<SpoolEntry[]>;
  peekOldest(): Promise<{ entry: SpoolEntry; json: string } | undefined>;
  read(id: string): Promise<string | undefined>;
  remove(id: string): Promise<void>;
  /** Moves a report the collector refused out of the queue, keeping it for a person to inspect. */
  reject(id: string, reason: string): Promise<void>;
  rejectedIds(): Promise<string[]>;
  stats(): SpoolStats;
}

/** Where a spool keeps report bodies; the bounding and ordering logic is shared. */
export interface SpoolStore {
  load(): Promise<SpoolEntry[]>;
  write(entry: SpoolEntry, json: string): Promise<void>;
  read(entry: SpoolEntry): Promise<string | undefined>;
  delete(entry: SpoolEntry): Promise<void>;
  moveToRejected(entry: SpoolEntry, reason: string): Promise<void>;
  rejectedIds(): Promise<string[]>;
}
