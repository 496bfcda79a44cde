/**
 * Turns a dated release list into firmware catalogue trains (collector/lifecycle/firmware.yaml), so a
 * review re-runs an import rather than copying versions and dates by hand. Pure: the caller reads the
 * file and writes the YAML (scripts/firmware-catalogue-import.ts).
 *
 * Two inputs are read: endoflife.date's release data (github.com/endoflife-date/release-data,
 * `releases/<product>.json`, whose `versions` map each version to the day it came out), and a plain
 * list, one `version date [source]` a line, for a vendor page read by hand. Every version goes through
 * the same numbering the collector keys gear with (firmware-version.ts): one that is not a whole
 * release of the platform is skipped and reported, never guessed into a train.
 */
import { z } from 'zod';
import { catalogueFirmwareKey } from './firmware-version.js';

export interface DatedRelease {
  version: string;
  /** YYYY-MM-DD. */
  date: string;
  /** The page this release's date was read from, when it differs from the train's. */
  source?: string;
}

const isoDate = z.iso.date();

/** endoflife.date release data: only `versions` is read; release cycles carry no per-release dates. */
const ReleaseData = z.object({
  versions: z.record(z.string(), z.object({ name: z.string().min(1), date: isoDate })),
});

/** The dated versions of an endoflife.date release-data file. Throws on a file of another shape. */
export function releaseDataVersions(json: unknown): DatedRelease[] {
  const data = ReleaseData.parse(json);
  return Object.values(data.versions).map((v) => ({ version: v.name, date: v.date }));
}

/** A hand-read list: `version date [source]` a line, blank lines and `#` comments ignored. */
export function releaseListVersions(text: string): DatedRelease[] {
  return text.split('\n').flatMap((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return [];
    const [version, date, source, ...rest] = line.split(/\s+/);
    if (!version || !date || rest.length > 0 || !isoDate.safeParse(date).success) throw new Error(`line ${i + 1}: expected "version YYYY-MM-DD [source]", got "${line}"`);
    return [{ version, date, ...(source ? { source } : {}) }];
  });
}

export interface ImportedTrain {
  platform: string;
  train: string;
  source: string;
  confidence: 'published' | 'estimated';
  note?: string;
  listed_to?: string;
  releases: Array<{ version: string; release: string; source?: string }>;
}

export interface ImportOptions {
  /**
   * Where the dates come from: the vendor page the data was gathered from; `{train}` is replaced by the
   * train. Absent: each train's source is the page its newest release was read from, so every release
   * must name its own (a vendor that dates each train on a page of its own, such as Cisco's ASA guides).
   */
  source?: string;
  confidence?: 'published' | 'estimated';
  note?: string;
  /** Only these trains (all when absent). */
  trains?: readonly string[];
  /** Releases after this day are left out (the data may be newer than the review). */
  upTo?: string;
  /**
   * Each train is known only up to its newest release's day (`listed_to`): for a source that cannot
   * show a release is not yet out, such as documentation pages found one by one.
   */
  listedToNewest?: boolean;
}

export interface ImportResult {
  trains: ImportedTrain[];
  /** Versions left out, with why: not a release of the platform, a repeat, or after `upTo`. */
  skipped: Array<{ version: string; reason: string }>;
}

/** Groups dated releases into the platform's trains, in release order, each version as the catalogue spells it. */
export function importTrains(platform: string, releases: readonly DatedRelease[], options: ImportOptions): ImportResult {
  const skipped: ImportResult['skipped'] = [];
  const byTrain = new Map<string, Map<string, { order: string; version: string; release: string; source?: string }>>();
  for (const r of releases) {
    const key = catalogueFirmwareKey(platform, r.version);
    if ('unknown' in key) { skipped.push({ version: r.version, reason: key.unknown }); continue; }
    if (options.trains && !options.trains.includes(key.train)) continue;
    if (options.upTo && r.date > options.upTo) { skipped.push({ version: r.version, reason: `released ${r.date}, after ${options.upTo}` }); continue; }
    const train = byTrain.get(key.train) ?? new Map();
    byTrain.set(key.train, train);
    const seen = train.get(key.order);
    // The same release spelt twice (17.09.04a and 17.9.4a): the earlier date is the day it came out.
    if (seen) {
      skipped.push({ version: r.version, reason: `repeats ${seen.version}` });
      if (r.date >= seen.release) continue;
    }
    train.set(key.order, { order: key.order, version: key.version, release: r.date, ...(r.source ? { source: r.source } : {}) });
  }
  const trains = [...byTrain.entries()]
    .map(([train, entries]): ImportedTrain => {
      const listed = [...entries.values()].sort((a, b) => (a.order < b.order ? -1 : 1)).map(({ order: _order, ...rest }) => rest);
      const newestDay = listed.reduce((day, r) => (r.release > day ? r.release : day), '');
      return {
        platform, train, source: trainSource(platform, train, listed, options.source), confidence: options.confidence ?? 'published',
        ...(options.note ? { note: options.note } : {}),
        ...(options.listedToNewest ? { listed_to: newestDay } : {}),
        releases: listed,
      };
    })
    .sort((a, b) => (orderOf(platform, a) < orderOf(platform, b) ? -1 : 1));
  return { trains, skipped };
}

/** The train's source: the given page (`{train}` filled in), else the page its newest release was read from. */
function trainSource(platform: string, train: string, listed: ReadonlyArray<{ version: string; source?: string }>, source: string | undefined): string {
  if (source !== undefined) return source.replaceAll('{train}', train);
  const unsourced = listed.find((r) => !r.source);
  if (unsourced) throw new Error(`${platform} ${unsourced.version} names no source, and no train source was given`);
  return listed.at(-1)!.source!;
}

const orderOf = (platform: string, train: ImportedTrain): string => {
  const key = catalogueFirmwareKey(platform, train.releases[0]!.version);
  return 'unknown' in key ? '' : key.order;
};

/** YAML for the catalogue's `trains:` list, in the shipped file's style; strings are JSON-quoted (valid YAML). */
export function trainsYaml(trains: readonly ImportedTrain[]): string {
  const q = (s: string) => JSON.stringify(s);
  return trains.map((t) => [
    `  - platform: ${t.platform}`,
    `    train: ${q(t.train)}`,
    `    source: ${t.source}`,
    ...(t.confidence === 'estimated' ? ['    confidence: estimated'] : []),
    ...(t.note ? [`    note: ${q(t.note)}`] : []),
    ...(t.listed_to ? [`    listed_to: ${t.listed_to}`] : []),
    '    releases:',
    ...t.releases.map((r) => `      - { version: ${q(r.version)}, release: ${r.release}${r.source ? `, source: ${q(r.source)}` : ''} }`),
  ].join('\n')).join('\n') + '\n';
}
