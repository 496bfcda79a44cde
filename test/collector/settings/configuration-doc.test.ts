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

  // README's own table describes the same settings at more length; it must not drift from the rows.
  it("README's collector table names each flag's variable and default as the settings table does", () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const spans = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    const listed = new Set<string>();
    for (const line of readme.split('\n').filter((l) => l.startsWith('| `--'))) {
      const [flags, envs, fallback] = line.split(' | ').map(spans);
      flags!.forEach((flag, i) => {
        const row = SERVE_SETTINGS.find((r) => r.flag?.split(' ')[0] === flag);
        expect(row, `README lists ${flag}`).toBeDefined();
        listed.add(flag);
        expect(envs![i], `${flag}'s variable`).toBe(row!.env);
        if (row!.default !== undefined && flags!.length === 1 && fallback!.length > 0) expect(fallback![0], `${flag}'s default`).toBe(row!.default);
      });
    }
    expect(SERVE_SETTINGS.filter((row) => row.flag && !listed.has(row.flag.split(' ')[0]!)).map((row) => row.flag)).toEqual([]);
  });
});
