import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Store } from '../store/store.js';
import { toClickHouseTime } from '../store/time.js';
import { expandEditions, parseCatalogue, type Catalogue } from './catalogue.js';

/** Loads a catalogue as a new version and makes it the active one; returns the rows written. */
export async function installCatalogue(store: Store, catalogue: Catalogue): Promise<number> {
  const loadId = randomUUID();
  const rows = catalogue.entries.flatMap((entry) =>
    expandEditions(entry).map((edition) => ({
      load_id: loadId,
      product: entry.product,
      version: entry.version,
      edition,
      release_date: entry.release,
      end_of_support: entry.end_of_support,
      extended_programme: entry.extended?.programme ?? '',
      extended_end: entry.extended?.end ?? null,
      confidence: entry.confidence,
      source: entry.source,
    })),
  );
  await store.insert('eol_catalogue', rows);
  await store.insert('eol_catalogue_active', [
    { singleton: 1, load_id: loadId, revision: catalogue.revision, entries: catalogue.entries.length, loaded_at: toClickHouseTime(Date.now()) },
  ]);
  return rows.length;
}

/** The active catalogue's rows, for joining: `... LEFT JOIN (${ACTIVE_CATALOGUE}) AS eol USING (product, version, edition)`. */
export const ACTIVE_CATALOGUE = `SELECT product, version, edition, release_date, end_of_support, extended_programme, extended_end, confidence, source
  FROM {db}.eol_catalogue
  WHERE load_id = (SELECT argMax(load_id, loaded_at) FROM {db}.eol_catalogue_active)`;

/**
 * Support status SQL for rows that carry a catalogue match (`eol.*`), an `extended_enrolled`
 * flag and the `{as_of:Date}` parameter: supported, extended (enrolled in a programme still
 * running), unsupported, or unknown when the catalogue has no entry.
 */
export const SUPPORT_STATUS = `multiIf(
    eol.product = '', 'unknown',
    {as_of:Date} <= eol.end_of_support, 'supported',
    extended_enrolled AND eol.extended_end IS NOT NULL AND {as_of:Date} <= eol.extended_end, 'extended',
    'unsupported')`;

/**
 * Installs the catalogue file when it differs from the active one (its revision and content
 * hash are compared), so editing the file and restarting re-scores every device.
 */
export async function ensureCatalogue(store: Store, file?: string): Promise<{ installed: boolean; revision: string }> {
  const text = readFileSync(file ?? new URL('./catalogue.yaml', import.meta.url), 'utf8');
  const catalogue = parseCatalogue(text, file ?? 'shipped end-of-life catalogue');
  const revision = `${catalogue.revision}+${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
  const [active] = await store.query<{ revision: string }>(`SELECT argMax(revision, loaded_at) AS revision FROM {db}.eol_catalogue_active`);
  if (active?.revision === revision) return { installed: false, revision };
  await installCatalogue(store, { ...catalogue, revision });
  return { installed: true, revision };
}
