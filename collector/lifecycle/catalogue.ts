import { z } from 'zod';
import { parseCheckedYaml } from '../yaml-file.js';
import { releaseOrder } from './keys.js';

/** Edition families as vendors scope their lifecycles (Windows: Home/Pro vs Enterprise/Education vs LTSC). */
export const EDITION_GROUPS = ['home-pro', 'enterprise-education', 'ltsc', 'iot-ltsc', 'any'] as const;
export type EditionGroup = (typeof EDITION_GROUPS)[number];

const date = z.iso.date();

export const CatalogueEntry = z.object({
  product: z.string().regex(/^[a-z0-9.-]+$/, 'must be a lowercase lifecycle key like windows-11'),
  version: z.string().min(1).max(32),
  editions: z.enum([...EDITION_GROUPS.filter((e) => e !== 'any'), '*']),
  release: date,
  end_of_support: date,
  extended: z.object({ programme: z.string().min(1), end: date }).optional(),
  confidence: z.enum(['published', 'estimated']).default('published'),
  source: z.url(),
  /** Why an estimated date is what it is (the policy it follows, or the project's own rule). */
  note: z.string().max(500).optional(),
});
export type CatalogueEntry = z.infer<typeof CatalogueEntry>;

export const Catalogue = z.object({
  revision: z.string().min(1).max(64),
  /** The day someone last checked every family against the vendors' pages; the collector warns when it is old. */
  reviewed: date,
  entries: z.array(CatalogueEntry).min(1),
});
export type Catalogue = z.infer<typeof Catalogue>;

export class CatalogueError extends Error {}

/**
 * Parses and checks a catalogue file. The error lists every problem, one a line, each naming the file,
 * the line and what is wrong (`catalogue.yaml:42: entries.12.end_of_support: …`), so a bad file is
 * mended in one pass.
 */
export function parseCatalogue(text: string, origin = 'catalogue'): Catalogue {
  const { data: catalogue, note, refuseNoted } = parseCheckedYaml(Catalogue, text, origin, CatalogueError);
  const seen = new Map<string, number>();
  catalogue.entries.forEach((entry, index) => {
    const at = ['entries', index];
    if (entry.extended && entry.extended.end < entry.end_of_support) note([...at, 'extended', 'end'], 'ends before end_of_support');
    if (entry.end_of_support < entry.release) note([...at, 'end_of_support'], 'before release');
    if (!releaseOrder(entry.product, entry.version)) {
      note([...at, 'version'], `${entry.product} ${entry.version} is not a release the collector can recognise (a Windows release needs its build in collector/lifecycle/windows.ts)`);
    }
    for (const edition of expandEditions(entry)) {
      const key = `${entry.product} ${entry.version} ${edition}`;
      const previous = seen.get(key);
      if (previous !== undefined) note(at, `repeats entries.${previous} (${key})`);
      seen.set(key, index);
    }
  });
  refuseNoted();
  return catalogue;
}

/** One row per edition group, so the scoring SQL joins on equality. */
export function expandEditions(entry: CatalogueEntry): EditionGroup[] {
  return entry.editions === '*' ? [...EDITION_GROUPS] : [entry.editions];
}
