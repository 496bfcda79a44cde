import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Store } from '../store/store.js';
import { toClickHouseTime } from '../store/time.js';
import { CatalogueError, expandEditions, parseCatalogue, type Catalogue } from './catalogue.js';
import { contentRevision, installIfChanged, type CatalogueFile } from './catalogue-versions.js';
import { FirmwareCatalogueError, loadFirmwareCatalogue, parseFirmwareCatalogue, shippedFirmwareCatalogue, type FirmwareCatalogueLoaded } from './firmware-catalogue.js';
import { releaseOrder } from './keys.js';

/** A catalogue not reviewed for this long is flagged on the IT-ops view, in /v1/operations and in the log (the project's choice: one quarter). */
export const CATALOGUE_REVIEW_DAYS = 90;

/** Loads a catalogue as a new version and makes it the active one; returns the rows written. */
export async function installCatalogue(store: Store, catalogue: Catalogue): Promise<number> {
  const loadId = randomUUID();
  const rows = catalogue.entries.flatMap((entry) => {
    const order = releaseOrder(entry.product, entry.version);
    return expandEditions(entry).map((edition) => ({
      load_id: loadId,
      product: entry.product,
      version: entry.version,
      edition,
      family: order?.family ?? '',
      rank: order?.rank ?? 0,
      release_date: entry.release,
      end_of_support: entry.end_of_support,
      extended_programme: entry.extended?.programme ?? '',
      extended_end: entry.extended?.end ?? null,
      confidence: entry.confidence,
      source: entry.source,
    }));
  });
  await store.insert('eol_catalogue', rows);
  await store.insert('eol_catalogue_active', [
    { singleton: 1, load_id: loadId, revision: catalogue.revision, entries: catalogue.entries.length, reviewed: catalogue.reviewed, loaded_at: toClickHouseTime(Date.now()) },
  ]);
  return rows.length;
}

/** What a load says: installed or already active, the load's revision, its review day and its entries. */
export interface EolCatalogueLoaded {
  installed: boolean;
  revision: string;
  reviewed: string;
  entries: number;
}

/**
 * Validates catalogue text and, when it differs from the active one, installs it: every score is
 * recomputed against it (runs record the catalogue revision). A bad file throws a CatalogueError
 * naming the line and the reason, and nothing changes.
 */
export async function loadCatalogue(store: Store, text: string, origin: string): Promise<EolCatalogueLoaded> {
  const catalogue = parseCatalogue(text, origin);
  const revision = contentRevision(catalogue.revision, text);
  const installed = await installIfChanged(store, 'eol_catalogue_active', revision, () => installCatalogue(store, { ...catalogue, revision }));
  return { installed, revision, reviewed: catalogue.reviewed, entries: catalogue.entries.length };
}

/** The end-of-life catalogue as the settings, the admin API and the CLI handle it. */
export const EOL_CATALOGUE: CatalogueFile<EolCatalogueLoaded> = {
  title: 'end-of-life catalogue',
  check: parseCatalogue,
  load: loadCatalogue,
  isRefusal: (error) => error instanceof CatalogueError,
  shipped: () => readFileSync(new URL('./catalogue.yaml', import.meta.url), 'utf8'),
  holds: (loaded) => `${loaded.entries} entries`,
};

const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The firmware release catalogue (CYB-NET-PATCH) the same way. */
export const FIRMWARE_CATALOGUE: CatalogueFile<FirmwareCatalogueLoaded> = {
  title: 'firmware release catalogue',
  check: parseFirmwareCatalogue,
  load: loadFirmwareCatalogue,
  isRefusal: (error) => error instanceof FirmwareCatalogueError,
  shipped: shippedFirmwareCatalogue,
  holds: (loaded) => `${counted(loaded.trains, 'train')}, ${counted(loaded.releases, 'release')}`,
};

/**
 * Installs each catalogue at start — the file its setting names, else the shipped one — when it
 * differs from the active load, the firmware release catalogue first (as before the end-of-life one).
 */
export async function ensureCatalogue(store: Store, files: { eol?: string; firmware?: string } = {}): Promise<{ eol: EolCatalogueLoaded; firmware: FirmwareCatalogueLoaded }> {
  const firmware = await loadCatalogueFile(store, FIRMWARE_CATALOGUE, files.firmware);
  return { eol: await loadCatalogueFile(store, EOL_CATALOGUE, files.eol), firmware };
}

const loadCatalogueFile = <Loaded>(store: Store, kind: CatalogueFile<Loaded>, file: string | undefined): Promise<Loaded> =>
  kind.load(store, file ? readFileSync(file, 'utf8') : kind.shipped(), file ?? `shipped ${kind.title}`);

export interface CatalogueState {
  revision: string;
  reviewed: string | null;
  loaded_at: string;
  /** Days from the review date to the as-of date. */
  review_age_days: number | null;
  /** True when the review is older than CATALOGUE_REVIEW_DAYS (or the load records no review date). */
  review_overdue: boolean;
}

/** The active catalogue's revision and review date, judged as of a date. */
export async function catalogueState(store: Store, asOf: string): Promise<CatalogueState | undefined> {
  const [row] = await store.query<{ revision: string; reviewed: string | null; loaded_at: string; age: number | null }>(
    `SELECT revision, reviewed, toString(loaded_at) AS loaded_at, if(reviewed IS NULL, NULL, dateDiff('day', reviewed, {as_of:Date})) AS age
     FROM {db}.eol_catalogue_active ORDER BY loaded_at DESC LIMIT 1`,
    { as_of: asOf },
  );
  if (!row) return undefined;
  const age = row.age === null ? null : Number(row.age);
  return { revision: row.revision, reviewed: row.reviewed, loaded_at: row.loaded_at, review_age_days: age, review_overdue: age === null || age > CATALOGUE_REVIEW_DAYS };
}
