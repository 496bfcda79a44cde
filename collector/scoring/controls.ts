import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseYamlData } from './yaml-data.js';

const sqlText = z.string().min(1).max(4000);
const thresholdValue = z.union([z.number(), z.string().max(200), z.array(z.union([z.number(), z.string().max(200)])).max(50)]);

export const ControlDefinition = z.object({
  id: z.string().regex(/^(INF|CYB)-[A-Z0-9-]+$/, 'must look like INF-… or CYB-…'),
  domain: z.enum(['infrastructure', 'cyber']),
  /** Which facts the control reads: endpoints (agents) or network gear (SNMP polls). */
  scope: z.enum(['endpoint', 'network']).default('endpoint'),
  title: z.string().min(1).max(200),
  rationale: z.string().min(1).max(1000),
  source: z.string().min(1).max(500),
  threshold: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), thresholdValue),
  weight: z.number().positive().max(10),
  critical: z.boolean().default(false),
  applies: sqlText,
  status: sqlText,
  reason: sqlText,
  evidence: sqlText,
});
export type ControlDefinition = z.infer<typeof ControlDefinition>;

export const ScoringModel = z.object({
  revision: z.string().min(1).max(64),
  levels: z.object({
    cut_offs: z.array(z.number().min(0).max(100)).length(4),
    names: z.array(z.string().min(1)).length(5),
    caps: z.array(z.object({ control: z.string(), max_fail_share: z.number().min(0).max(1), max_level: z.number().int().min(1).max(5) })),
  }),
  coverage: z.object({ reporting_days: z.number().int().min(1).max(90), low_confidence_below: z.number().min(0).max(1) }),
  controls: z.array(ControlDefinition).min(1),
});
export type ScoringModel = z.infer<typeof ScoringModel>;

/** A control with its thresholds inlined: ready to put into the evaluation query. */
export interface CompiledControl extends Omit<ControlDefinition, 'applies' | 'status' | 'reason' | 'evidence'> {
  sql: { applies: string; status: string; reason: string; evidence: string };
}

export class ControlCatalogueError extends Error {}

export function parseScoringModel(text: string, origin = 'controls'): ScoringModel {
  const model = parseYamlData(ScoringModel, text, origin, ControlCatalogueError);
  const ids = model.controls.map((c) => c.id);
  ids.forEach((id, index) => {
    if (ids.indexOf(id) !== index) throw new ControlCatalogueError(`${origin}: controls.${index}.id: "${id}" appears twice`);
  });
  model.levels.caps.forEach((cap, index) => {
    if (!ids.includes(cap.control)) throw new ControlCatalogueError(`${origin}: levels.caps.${index}.control: no control "${cap.control}"`);
  });
  const cutOffs = model.levels.cut_offs;
  if (cutOffs.some((c, i) => i > 0 && c <= cutOffs[i - 1]!)) throw new ControlCatalogueError(`${origin}: levels.cut_offs: must increase`);
  model.controls.forEach((control, index) => compileControl(control, `${origin}: controls.${index}`));
  return model;
}

export function loadScoringModel(path: string | URL = new URL('./controls.yaml', import.meta.url)): ScoringModel {
  return parseScoringModel(readFileSync(path, 'utf8'), String(path));
}

/** Inlines `{{name}}` thresholds as SQL literals; a reference to a missing threshold is an error. */
export function compileControl(control: ControlDefinition, where = control.id): CompiledControl {
  const inline = (field: 'applies' | 'status' | 'reason' | 'evidence') =>
    control[field].replace(/\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g, (_, name: string) => {
      const value = control.threshold[name];
      if (value === undefined) throw new ControlCatalogueError(`${where}.${field}: refers to {{${name}}}, which threshold does not define`);
      return sqlLiteral(value);
    });
  const { applies: _a, status: _s, reason: _r, evidence: _e, ...rest } = control;
  return { ...rest, sql: { applies: inline('applies'), status: inline('status'), reason: inline('reason'), evidence: inline('evidence') } };
}

function sqlLiteral(value: z.infer<typeof thresholdValue>): string {
  if (Array.isArray(value)) return `[${value.map(sqlLiteral).join(', ')}]`;
  if (typeof value === 'number') return String(value);
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}
