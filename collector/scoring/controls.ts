import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseYamlData } from './yaml-data.js';

const sqlText = z.string().min(1).max(4000);
const thresholdValue = z.union([z.number(), z.string().max(200), z.array(z.union([z.number(), z.string().max(200)])).max(50)]);

/** One framework or vendor document a threshold comes from: enough for an auditor to find the sentence. */
export const SourceCitation = z.object({
  document: z.string().min(1).max(300),
  version: z.string().min(1).max(120),
  clause: z.string().min(1).max(600),
  url: z.url().max(500).optional(),
});
export type SourceCitation = z.infer<typeof SourceCitation>;

/**
 * Where a control's threshold comes from: the documents it cites, and — where the project chose
 * for itself (a window, a percentile, a figure no framework gives) — that choice and why.
 * A control must cite at least one document or say that the choice is the project's own.
 */
export const ControlSource = z
  .object({
    cites: z.array(SourceCitation).max(6).default([]),
    project_choice: z.string().min(1).max(1000).optional(),
  })
  .refine((s) => s.cites.length > 0 || s.project_choice !== undefined, {
    message: 'cite a document (document, version, clause) or say in project_choice why the project chose for itself',
  });
export type ControlSource = z.infer<typeof ControlSource>;

/** The source as one line of text (the dashboard's "says who?" column and the API's source_text). */
export function sourceText(source: ControlSource): string {
  const cites = source.cites.map((c) => `${c.document} ${c.version}: ${c.clause}`);
  if (source.project_choice) cites.push(`Project choice: ${source.project_choice}`);
  return cites.join('. ');
}

export const ControlDefinition = z.object({
  id: z.string().regex(/^(INF|CYB)-[A-Z0-9-]+$/, 'must look like INF-… or CYB-…'),
  domain: z.enum(['infrastructure', 'cyber']),
  /** Which facts the control reads: endpoints (agents) or network gear (SNMP polls). */
  scope: z.enum(['endpoint', 'network']).default('endpoint'),
  title: z.string().min(1).max(200),
  rationale: z.string().min(1).max(1000),
  source: ControlSource,
  threshold: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), thresholdValue),
  weight: z.number().positive().max(10),
  critical: z.boolean().default(false),
  applies: sqlText,
  status: sqlText,
  reason: sqlText,
  evidence: sqlText,
});
export type ControlDefinition = z.infer<typeof ControlDefinition>;

/**
 * A level gate: at most `max_fail_share` of the devices in scope of its controls (summed) may fail
 * them, or the level is not reached — so a weighted average never hides a critical gap.
 */
export const LevelGate = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case words joined by -'),
  title: z.string().min(1).max(200),
  controls: z.array(z.string()).min(1).max(20),
  max_fail_share: z.number().min(0).max(1),
  source: ControlSource,
});
export type LevelGate = z.infer<typeof LevelGate>;

/** One level: its name, the least score of its band, and the gates that must hold to reach it. */
export const LevelDefinition = z.object({
  level: z.number().int().min(1).max(10),
  name: z.string().min(1).max(60),
  min_score: z.number().min(0).max(100),
  gates: z.array(LevelGate).max(10).default([]),
});
export type LevelDefinition = z.infer<typeof LevelDefinition>;

export const ScoringModel = z.object({
  revision: z.string().min(1).max(64),
  /** The project's own maturity bands, each reached only when its score band and every gate up to it hold. */
  levels: z.array(LevelDefinition).min(2).max(10),
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
  validateLevels(model.levels, ids, origin);
  model.controls.forEach((control, index) => compileControl(control, `${origin}: controls.${index}`));
  return model;
}

/** Levels 1…n in order, level 1 from 0 with no gate, bands rising, gates naming real controls once each. */
function validateLevels(levels: LevelDefinition[], controlIds: string[], origin: string): void {
  const gateIds = new Set<string>();
  levels.forEach((level, index) => {
    const where = `${origin}: levels.${index}`;
    if (level.level !== index + 1) throw new ControlCatalogueError(`${where}.level: must be ${index + 1} (levels are listed from 1 up)`);
    if (index === 0 && (level.min_score !== 0 || level.gates.length > 0)) throw new ControlCatalogueError(`${where}: level 1 starts at min_score 0 and has no gate`);
    if (index > 0 && level.min_score <= levels[index - 1]!.min_score) throw new ControlCatalogueError(`${where}.min_score: must be above level ${index}'s`);
    level.gates.forEach((gate, g) => {
      if (gateIds.has(gate.id)) throw new ControlCatalogueError(`${where}.gates.${g}.id: "${gate.id}" appears twice`);
      gateIds.add(gate.id);
      const missing = gate.controls.find((id) => !controlIds.includes(id));
      if (missing) throw new ControlCatalogueError(`${where}.gates.${g}.controls: no control "${missing}"`);
    });
  });
}

/** Every control some level gate reads: the findings a board hears about (the digest's default). */
export function gateControls(model: ScoringModel): string[] {
  return [...new Set(model.levels.flatMap((level) => level.gates.flatMap((gate) => gate.controls)))];
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
