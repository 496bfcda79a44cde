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
