// Writes the generated tables of docs/collector-configuration.md from the settings tables
// (collector/settings/): `npm run docs:collector-config`. A test checks the committed tables are
// current, so the document cannot list a flag, a variable or a default the collector does not have.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ADMIN_SETTINGS } from '../collector/settings/admin.js';
import { SERVE_SETTINGS } from '../collector/settings/serve.js';
import type { SettingsTable } from '../collector/settings/table.js';

export const DOC_PATH = new URL('../docs/collector-configuration.md', import.meta.url);
export const START = '<!-- generated:start (npm run docs:collector-config; do not edit by hand) -->';
export const END = '<!-- generated:end -->';

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('<', '&lt;').replaceAll('\n', ' ');
const code = (text: string): string => `\`${text.replaceAll('|', '\\|')}\``;

function table(rows: SettingsTable): string[] {
  const lines = ['| Flag | Environment variable | Default | What it sets |', '|---|---|---|---|'];
  for (const row of rows) {
    const flag = row.flag ? code(row.flag) : 'none (a secret: environment only)';
    lines.push(`| ${flag} | ${code(row.env)} | ${row.default === undefined ? '—' : code(row.default)} | ${cell(row.help)} |`);
  }
  return lines;
}

export function renderConfigurationTables(): string {
  return [
    START,
    '',
    '### `sf-collector serve`',
    '',
    ...table(SERVE_SETTINGS),
    '',
    '### Admin commands (`site`, `trust`, `assets`, `catalogue`, `notify`, `scores`, `device`, `key`, `grafana`)',
    '',
    ...table(ADMIN_SETTINGS),
    '',
    END,
  ].join('\n');
}

export function withTables(doc: string, tables: string): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${DOC_PATH.pathname}: the generated-table markers are missing`);
  return doc.slice(0, start) + tables + doc.slice(end + END.length);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(DOC_PATH, withTables(readFileSync(DOC_PATH, 'utf8'), renderConfigurationTables()));
}
