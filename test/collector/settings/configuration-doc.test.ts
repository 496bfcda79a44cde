import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVE_SETTINGS } from '../../../collector/settings/serve.js';
import { DOC_PATH, END, START, renderConfigurationTables, withTables } from '../../../scripts/collector-configuration.js';

describe('docs/collector-configuration.md', () => {
  it('its generated tables are the settings tables today (run: npm run docs:collector-config)', () => {
    const doc = readFileSync(DOC_PATH, 'utf8');
    const tables = renderConfigurationTables();
    expect(doc.slice(doc.indexOf(START), doc.indexOf(END) + END.length)).toBe(tables);
    expect(withTables(doc, tables)).toBe(doc);
  });

  it('lists every variable and default, and notices a row that changed', () => {
    const tables = renderConfigurationTables();
    for (const row of SERVE_SETTINGS) {
      expect(tables).toContain(`\`${row.env}\``);
      if (row.default !== undefined) expect(tables).toContain(`| \`${row.default}\` |`);
    }
    const stale = renderConfigurationTables().replace('`SF_LISTEN` | `127.0.0.1:8470`', '`SF_LISTEN` | `0.0.0.0:8470`');
    expect(withTables(readFileSync(DOC_PATH, 'utf8'), stale)).not.toBe(readFileSync(DOC_PATH, 'utf8'));
  });
});
