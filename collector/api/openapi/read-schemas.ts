import { z } from '@hono/zod-openapi';

/**
 * The answers of the read routes, as an integrator (a SIEM, Power BI, a service desk) reads them.
 * Objects are open (more fields may be added without a new version); the fields named here are
 * promised, with their types, and the contract test holds real answers to them.
 */
const nullableNumber = z.number().nullable();

/** What names a score run: its date, id and the revisions it was made with. */
const runIdentity = {
  as_of: z.string(),
  run_id: z.string(),
  model_revision: z.string(),
  catalogue_revision: z.string(),
};

/** A scope's headline figures, as the scores and the trend give them. */
const headline = {
  score: nullableNumber.openapi({ description: '0–100: mean of the two domain scores (or the one known).' }),
  infrastructure: nullableNumber,
  cyber: nullableNumber,
  level: z.number().int().nullable(),
  level_name: z.string().nullable(),
};

export const ScoreRun = z.object({
  ...runIdentity,
  devices: z.number().int().optional().openapi({ description: 'Fleet-wide device count: only for a reader of every trust.' }),
  computed_at: z.string(),
  reason: z.string(),
}).openapi('ScoreRun');

export const GateResult = z.object({
  gate: z.string(),
  title: z.string(),
  level: z.number().int(),
  level_name: z.string(),
  controls: z.array(z.string()),
  pass: z.number().int(),
  fail: z.number().int(),
  unknown: z.number().int(),
}).openapi('GateResult');

const scopeScore = {
  ...headline,
  band_level: z.number().int().nullable(),
  gates: z.array(GateResult),
  capped_by: z.array(GateResult),
  next_level: z.object({ level: z.number().int(), name: z.string(), min_score: z.number(), score_gap: z.number(), gates: z.array(GateResult) }).nullable(),
  coverage: nullableNumber,
  low_confidence: z.boolean(),
  devices: z.number().int(),
  controls: z.array(z.object({ control_id: z.string(), pass: z.number().int(), fail: z.number().int(), unknown: z.number().int(), pass_rate: nullableNumber })),
};

export const SiteScore = z.object({ ...scopeScore, site_id: z.string(), name: z.string() }).openapi('SiteScore');
export const TrustScore = z.object({ ...scopeScore, trust_id: z.string(), name: z.string(), sites: z.array(SiteScore) }).openapi('TrustScore');
export const Scores = z.object({ as_of: z.string(), run: ScoreRun, trusts: z.array(TrustScore) }).openapi('Scores');

export const Runs = z.object({
  as_of: z.string(),
  oldest_scorable: z.string().openapi({ description: 'The oldest day whose inputs are still retained.' }),
  runs: z.array(ScoreRun.extend({ current: z.boolean() })),
}).openapi('Runs');

export const TrendPoint = z.object({ ...runIdentity, reason: z.string(), ...headline, coverage: nullableNumber });
export const Trend = z.object({ from: z.string(), to: z.string(), trust: z.string().optional(), site: z.string().optional(), points: z.array(TrendPoint) }).openapi('Trend');

export const Operations = z.object({
  as_of: z.string(),
  run_id: z.string(),
  sites: z.array(z.object({ trust_id: z.string(), site_id: z.string(), known: z.number().int(), reporting: z.number().int(), stale: z.number().int(), never_reported: z.number().int() })),
  agent_versions: z.array(z.object({ version: z.string(), devices: z.number().int() })),
  network_gear: z.array(z.object({ device_id: z.string(), trust_id: z.string(), site_id: z.string(), label: z.string(), controls: z.record(z.string(), z.string()) })),
  catalogue: z.object({}),
  clock_skew: z.array(z.object({})),
}).openapi('Operations');

export const Site = z.object({ site_id: z.string(), trust_id: z.string(), name: z.string(), trust_name: z.string() }).openapi('Site');
export const Sites = z.object({ sites: z.array(Site) });

export const Controls = z.object({
  revision: z.string(),
  levels: z.array(z.object({})),
  coverage: z.object({}),
  controls: z.array(z.object({ id: z.string(), title: z.string(), domain: z.string(), source_text: z.string(), sql: z.object({}) })),
}).openapi('Controls');

const deviceRow = {
  device_id: z.string(),
  trust_id: z.string(),
  site_id: z.string(),
  kind: z.string(),
  hostname: z.string(),
  control_id: z.string(),
  reason: z.string(),
  evidence: z.string(),
};
export const DeviceList = z.object({
  as_of: z.string(),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  devices: z.array(z.object({ ...deviceRow, status: z.string() })),
}).openapi('DeviceList');

export const FindingChanges = z.object({
  from: z.string(),
  to: z.string(),
  new: z.number().int(),
  resolved: z.number().int(),
  out_of_scope: z.number().int(),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  changes: z.array(z.object({ ...deviceRow, change: z.enum(['new', 'resolved', 'out_of_scope']), status_from: z.string(), status_to: z.string() })),
}).openapi('FindingChanges');

export const DeviceDetail = z.object({
  as_of: z.string(),
  device_id: z.string(),
  trust_id: z.string(),
  site_id: z.string(),
  kind: z.string(),
  controls: z.array(z.object({ control_id: z.string(), status: z.string(), reason: z.string(), evidence: z.string() })),
  history: z.array(z.object({ as_of: z.string(), controls: z.record(z.string(), z.string()) })).openapi({ description: 'The device’s result on every control, each day of the 30 up to as_of.' }),
}).openapi('DeviceDetail');

const themeCounts = { theme: z.string(), devices: z.number().int().nullable(), failing: z.number().int().nullable(), unknown: z.number().int().nullable(), passing: z.number().int().nullable() };
export const CyberEssentials = z.object({
  framework: z.object({}),
  indicative: z.literal(true),
  disclaimer: z.string(),
  as_of: z.string(),
  run_id: z.string(),
  trust: z.string().nullable(),
  site: z.string().nullable(),
  themes: z.array(z.object({ id: z.string(), measurable: z.boolean(), findings_total: z.number().int(), truncated: z.boolean(), findings: z.array(z.object({ ...deviceRow, theme: z.string() })) })),
  trusts: z.array(z.object({ trust_id: z.string(), name: z.string(), themes: z.array(z.object(themeCounts)), sites: z.array(z.object({ site_id: z.string(), name: z.string(), themes: z.array(z.object(themeCounts)) })) })),
}).openapi('CyberEssentials');

/** A CSV export (format=csv): one header line, then a row per device or change. */
export const Csv = z.string().openapi({ description: 'RFC 4180 CSV; cells that a spreadsheet would run as a formula are neutralised.' });
