// Writes the Grafana dashboards (dashboards/grafana/*.json) from the control catalogue and the
// store's schema; `npm run dashboards`. test/dashboards/grafana.test.ts checks they are current
// and runs every panel's SQL against the embedded engine.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadScoringModel, type ScoringModel } from '../../collector/scoring/controls.js';
import { DEFAULT_COLLECTOR_CONFIG } from '../../collector/config.js';
import { cioDashboard } from './cio.js';
import { cyberDashboard } from './cyber.js';
import { itOpsDashboard } from './it-ops.js';
import { dashboard, type DashboardSpec, type Json } from './model.js';

export const DASHBOARD_FILES = { 'cio.json': cioDashboard, 'cyber.json': cyberDashboard, 'it-ops.json': itOpsDashboard } as const;

/** Each dashboard's spec and its Grafana JSON, for the shipped model and the collector's default database. */
export function buildDashboards(model: ScoringModel = loadScoringModel()): Array<{ file: string; spec: DashboardSpec; json: Json }> {
  return Object.entries(DASHBOARD_FILES).map(([file, build]) => {
    const spec = build(model);
    return { file, spec, json: dashboard(spec, DEFAULT_COLLECTOR_CONFIG.database) };
  });
}

export const serialise = (json: Json) => `${JSON.stringify(json, null, 2)}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const { file, json } of buildDashboards()) {
    writeFileSync(new URL(`./${file}`, import.meta.url), serialise(json));
    console.log(`dashboards/grafana/${file}`);
  }
}
