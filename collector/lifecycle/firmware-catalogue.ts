import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Store } from '../store/store.js';
import { toClickHouseTime } from '../store/time.js';
import { parseCheckedYaml } from '../yaml-file.js';
import { catalogueFirmwareKey, FIRMWARE_PLATFORMS } from './firmware-version.js';
import { contentRevision, installIfChanged } from './catalogue-versions.js';

const date = z.iso.date();

/** One release of a train: its version as the vendor writes it and the day it was released. */
const FirmwareRelease = z.object({
  version: z.string().min(1).max(64),
  release: date,
  /** A release whose source differs from its train's. */
  source: z.url().optional(),
});

/**
 * A vendor platform's release train and the releases in it. Every release carries a release date; the
 * source (the train's, or the release's own) is where that date was read, and `confidence` says whether
 * the vendor states the date (`published`) or the project derived it (`estimated`, with `note` saying how).
 */
const FirmwareTrain = z.object({
  platform: z.string().refine((p) => FIRMWARE_PLATFORMS.has(p), { message: `must be one of ${[...FIRMWARE_PLATFORMS.keys()].join(', ')}` }),
  train: z.string().min(1).max(32),
  source: z.url(),
  confidence: z.enum(['published', 'estimated']).default('published'),
  note: z.string().max(500).optional(),
  /**
   * The day up to which this train's newest release is known, when earlier than the catalogue's
   * `reviewed` (a source not read since). A box passes only while this is at most 14 days old; a
   * release missing before it only leaves the gear on that release unknown.
   */
  listed_to: date.optional(),
  releases: z.array(FirmwareRelease).min(1).max(1000),
});

export const FirmwareCatalogue = z.object({
  revision: z.string().min(1).max(64),
  /** The day every train was last checked against its sources, up to that day's releases; the collector warns when it is old. */
  reviewed: date,
  trains: z.array(FirmwareTrain).min(1),
});
export type FirmwareCatalogue = z.infer<typeof FirmwareCatalogue>;

export class FirmwareCatalogueError extends Error {}

/**
 * Parses and checks a firmware release catalogue: every version must be a release of its platform the
 * collector can order (collector/lifecycle/firmware-version.ts) and of the train it is listed under,
 * appear once, and be dated no later than the day the train is known to. A refusal lists every problem,
 * one a line, each naming the file, the line and what is wrong (a weekly update may hold several).
 */
export function parseFirmwareCatalogue(text: string, origin = 'firmware catalogue'): FirmwareCatalogue {
  const { data: catalogue, note, refuseNoted } = parseCheckedYaml(FirmwareCatalogue, text, origin, FirmwareCatalogueError);
  const seen = new Map<string, string>();
  catalogue.trains.forEach((train, t) => {
    if (train.listed_to && train.listed_to > catalogue.reviewed) note(['trains', t, 'listed_to'], `after the catalogue's review (${catalogue.reviewed})`);
    const knownTo = train.listed_to ?? catalogue.reviewed;
    train.releases.forEach((release, r) => {
      if (release.release > knownTo) note(['trains', t, 'releases', r, 'release'], `after the day the train is known to (${knownTo}): a release cannot be dated before it is out`);
      const at = ['trains', t, 'releases', r, 'version'];
      const key = catalogueFirmwareKey(train.platform, release.version);
      if ('unknown' in key) return note(at, key.unknown);
      if (key.train !== train.train) note(at, `${release.version} belongs to train ${key.train}, not ${train.train}`);
      const id = `${key.platform} ${key.order}`;
      const previous = seen.get(id);
      if (previous !== undefined) note(at, `repeats ${previous} (${train.platform} ${key.version})`);
      seen.set(id, `trains.${t}.releases.${r}`);
    });
  });
  refuseNoted();
  return catalogue;
}

/** Writes a catalogue as a new load and makes it the active one; returns the rows written. */
async function installFirmwareCatalogue(store: Store, catalogue: FirmwareCatalogue): Promise<number> {
  const loadId = randomUUID();
  const rows = catalogue.trains.flatMap((train) =>
    train.releases.map((release) => {
      const key = catalogueFirmwareKey(train.platform, release.version);
      if ('unknown' in key) throw new FirmwareCatalogueError(key.unknown);
      return {
        load_id: loadId, platform: key.platform, train: key.train, version: key.version, release_order: key.order,
        release_date: release.release, listed_to: train.listed_to ?? catalogue.reviewed, confidence: train.confidence, source: release.source ?? train.source,
      };
    }),
  );
  await store.insert('firmware_catalogue', rows);
  await store.insert('firmware_catalogue_active', [
    { singleton: 1, load_id: loadId, revision: catalogue.revision, releases: rows.length, reviewed: catalogue.reviewed, loaded_at: toClickHouseTime(Date.now()) },
  ]);
  return rows.length;
}

/** What a load says: installed or already active, the load's revision, its review day and what it holds. */
export interface FirmwareCatalogueLoaded {
  installed: boolean;
  revision: string;
  reviewed: string;
  trains: number;
  releases: number;
}

/** Validates catalogue text and installs it when it differs from the active one. A bad file throws and changes nothing. */
export async function loadFirmwareCatalogue(store: Store, text: string, origin: string): Promise<FirmwareCatalogueLoaded> {
  const catalogue = parseFirmwareCatalogue(text, origin);
  const revision = contentRevision(catalogue.revision, text);
  const installed = await installIfChanged(store, 'firmware_catalogue_active', revision, () => installFirmwareCatalogue(store, { ...catalogue, revision }));
  const releases = catalogue.trains.reduce((sum, train) => sum + train.releases.length, 0);
  return { installed, revision, reviewed: catalogue.reviewed, trains: catalogue.trains.length, releases };
}

/** The shipped catalogue's text. */
export const shippedFirmwareCatalogue = (): string => readFileSync(new URL('./firmware.yaml', import.meta.url), 'utf8');

/**
 * A firmware catalogue older than this cannot pass any box on CYB-NET-PATCH (a newer fix may have been
 * out longer than the control's 14 days unseen), so the IT-ops view warns from then on.
 */
export const FIRMWARE_REVIEW_DAYS = 14;

/** The warning for the active firmware catalogue as of a date, or undefined when it is recent enough. */
export async function firmwareCatalogueWarning(store: Store, asOf: string): Promise<string | undefined> {
  const [row] = await store.query<{ reviewed_on: string; age: number | string }>(
    `SELECT toString(reviewed) AS reviewed_on, dateDiff('day', firmware_catalogue_active.reviewed, {as_of:Date}) AS age
     FROM {db}.firmware_catalogue_active ORDER BY loaded_at DESC LIMIT 1`,
    { as_of: asOf },
  );
  if (!row) return 'no firmware release catalogue is loaded: firmware currency (CYB-NET-PATCH) is unknown for all gear';
  const age = Number(row.age);
  if (age <= FIRMWARE_REVIEW_DAYS) return undefined;
  return `the firmware release catalogue was last reviewed ${row.reviewed_on}, ${age} days before ${asOf} (more than ${FIRMWARE_REVIEW_DAYS}): no box can pass firmware currency (CYB-NET-PATCH) until it is reviewed, and releases since then are missing`;
}
