import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ScoringModel } from '../controls.js';
import { parseYamlData } from '../yaml-data.js';

const controlId = z.string().regex(/^(INF|CYB)-[A-Z0-9-]+$/, 'must look like INF-… or CYB-…');
const text = z.string().trim().min(1).max(2000);

const ThemeControl = z.object({
  control: controlId,
  /** The control's earlier id: accepted while a scoring model still uses it. */
  renamed_from: controlId.optional(),
  why: text,
  /** Where a device can fail the control and still meet the clause. */
  stricter_than_clause: text.optional(),
});

const Theme = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    name: z.string().min(1).max(100),
    clause: z.string().min(1).max(200),
    requirement: text,
    controls: z.array(ThemeControl).max(20),
    /** What the theme asks that telemetry cannot see. */
    not_observed: text.optional(),
    /** Why no control can evidence the theme at all. */
    not_measurable: text.optional(),
  })
  .refine((theme) => (theme.controls.length === 0) === (theme.not_measurable !== undefined), {
    message: 'a theme has controls, or says why it is not measurable (not_measurable), not both',
  });

export const FrameworkMapping = z.object({
  framework: z.object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    name: z.string().min(1).max(100),
    document: z.string().min(1).max(200),
    version: z.string().min(1).max(20),
    published: z.iso.date(),
    publisher: z.string().min(1).max(200),
    url: z.url({ protocol: /^https$/ }),
    previous_version: z.string().max(200).optional(),
    disclaimer: z.string().min(1).max(200),
  }),
  themes: z.array(Theme).min(1),
});
export type FrameworkMapping = z.infer<typeof FrameworkMapping>;

/** A theme with each control id resolved against the scoring model in use. */
export interface MappedTheme extends Omit<z.infer<typeof Theme>, 'controls'> {
  controls: Array<{ control_id: string; title: string; why: string; stricter_than_clause?: string }>;
}

export interface Framework {
  framework: FrameworkMapping['framework'];
  themes: MappedTheme[];
}

export class FrameworkMappingError extends Error {}

/**
 * Validates a mapping and resolves its controls against the scoring model: a control the model
 * does not have is an error (a theme must never look clean because its evidence went missing).
 */
export function parseFramework(textOfFile: string, model: ScoringModel, origin = 'framework mapping'): Framework {
  const mapping = parseYamlData(FrameworkMapping, textOfFile, origin, FrameworkMappingError);
  const titles = new Map(model.controls.map((c) => [c.id, c.title]));
  const seen = new Set<string>();
  const themes = mapping.themes.map((theme, t): MappedTheme => {
    if (seen.has(theme.id)) throw new FrameworkMappingError(`${origin}: themes.${t}.id: "${theme.id}" appears twice`);
    seen.add(theme.id);
    const controls = theme.controls.map((entry, c) => {
      const id = [entry.control, entry.renamed_from].find((candidate) => candidate !== undefined && titles.has(candidate));
      if (!id) {
        const named = entry.renamed_from ? `"${entry.control}" (or "${entry.renamed_from}")` : `"${entry.control}"`;
        throw new FrameworkMappingError(`${origin}: themes.${t}.controls.${c}.control: the scoring model has no control ${named}`);
      }
      return { control_id: id, title: titles.get(id)!, why: entry.why, ...(entry.stricter_than_clause ? { stricter_than_clause: entry.stricter_than_clause } : {}) };
    });
    const ids = controls.map((c) => c.control_id);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice) throw new FrameworkMappingError(`${origin}: themes.${t}.controls: "${twice}" appears twice`);
    return { ...theme, controls };
  });
  return { framework: mapping.framework, themes };
}

export function loadCyberEssentials(model: ScoringModel, path: string | URL = new URL('./cyber-essentials.yaml', import.meta.url)): Framework {
  return parseFramework(readFileSync(path, 'utf8'), model, String(path));
}
