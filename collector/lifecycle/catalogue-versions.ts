import { createHash } from 'node:crypto';
import type { Store } from '../store/store.js';

/**
 * What the end-of-life and firmware catalogues share when a file is loaded: a load is identified
 * by the file's revision plus a hash of its text (so an edited file with the same revision still
 * loads), and it is installed only when that differs from the active load.
 */
export const contentRevision = (revision: string, text: string): string =>
  `${revision}+${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;

/** Runs `install` unless `activeTable`'s latest load already has `revision`; says whether it ran. */
export async function installIfChanged(store: Store, activeTable: 'eol_catalogue_active' | 'firmware_catalogue_active', revision: string, install: () => Promise<unknown>): Promise<boolean> {
  const [active] = await store.query<{ revision: string }>(`SELECT argMax(revision, loaded_at) AS revision FROM {db}.${activeTable}`);
  if (active?.revision === revision) return false;
  await install();
  return true;
}

/**
 * A catalogue file the collector loads (end-of-life, firmware release): what the start-up settings,
 * `sf-collector validate`, the admin API and the CLI need to handle either the same way.
 */
export interface CatalogueFile<Loaded> {
  /** How messages name it: `end-of-life catalogue`. */
  title: string;
  /** Parses and checks the text; a bad file throws the error `isRefusal` knows, naming file, line and reason. */
  check(text: string, origin: string): unknown;
  /** Checks, then installs the text when it differs from the active load. */
  load(store: Store, text: string, origin: string): Promise<Loaded>;
  /** Whether an error is the file's refusal (the caller's fault), not a fault of the collector. */
  isRefusal(error: unknown): boolean;
  /** The text shipped with the collector, loaded when no file is set. */
  shipped(): string;
  /** What a load holds, as a person counts it: `412 entries`. */
  holds(loaded: Loaded): string;
}
