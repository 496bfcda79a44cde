import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '../../../collector/admin-client.js';
import { buildCli } from '../../../collector/cli.js';
import type { RunningCollector } from '../../../collector/service.js';
import { rowPolicySql, trustTables } from '../../../collector/store/row-policies.js';
import { startTestCollector } from '../../helpers/collector.js';
import { tempDir } from '../../helpers/temp.js';

// Row policies for Grafana's ClickHouse users, generated from the same scopes as the API keys.
// The embedded engine (chDB) runs as a user without access management (CREATE USER and CREATE ROW
// POLICY are refused for want of the grant), so each statement is checked by the engine's own
// parser (formatQuery) and each policy's condition is run as a WHERE clause on its table.
describe('Grafana row policies per trust', () => {
  const dir = tempDir('row-policies');
  let collector: RunningCollector;
  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
    const admin = new AdminClient(collector.url, collector.adminToken);
    await admin.addSite({ site_id: 'rxa-one', trust_id: 'rxa', name: 'A', trust_name: 'Trust A' });
    await admin.addSite({ site_id: 'rxb-one', trust_id: 'rxb', name: 'B', trust_name: 'Trust B' });
    await admin.createApiKey({ name: 'rxb-bi-reporting', role: 'viewer', trusts: ['rxb'] });
  }, 60_000);
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  it('covers every table with a trust_id column and no view', async () => {
    const tables = await trustTables(collector.store);
    expect(tables).toEqual(expect.arrayContaining(['control_results', 'devices', 'scope_results', 'sites', 'trusts']));
    const views = await collector.store.query<{ name: string }>(`SELECT name FROM system.tables WHERE database = {db:String} AND engine LIKE '%View'`, { db: collector.store.database });
    expect(views.length).toBeGreaterThan(0);
    for (const view of views) expect(tables).not.toContain(view.name);
  });

  it('generates statements the engine parses, with conditions that run on each table', async () => {
    const tables = await trustTables(collector.store);
    const sql = rowPolicySql(collector.store.database, tables, [{ user: 'grafana_rxa', trusts: ['rxa'] }, { user: 'grafana_two', trusts: ['rxb', 'rxa'] }]);
    const statements = sql.split('\n').filter((line) => line.startsWith('CREATE'));
    expect(statements).toHaveLength(tables.length * 3);
    for (const statement of statements) {
      const [parsed] = await collector.store.query<{ q: string }>('SELECT formatQuery({q:String}) AS q', { q: statement.replace(/;$/, '') });
      expect(parsed!.q).toMatch(/^CREATE ROW POLICY OR REPLACE sf_(scope_grafana_rxa|scope_grafana_two|unscoped) ON sf\.\w+ AS PERMISSIVE FOR SELECT USING /);
      const condition = /USING (.*) AS permissive TO/.exec(statement)![1]!;
      const table = /ON (sf\.\w+) FOR/.exec(statement)![1]!;
      await collector.store.query(`SELECT count() AS n FROM ${table} WHERE ${condition}`);
    }
    expect(sql).toContain(`ON sf.control_results FOR SELECT USING trust_id IN ('rxa', 'rxb') AS permissive TO grafana_two;`);
    expect(sql).toContain('ON sf.control_results FOR SELECT USING 1 AS permissive TO ALL EXCEPT grafana_rxa, grafana_two;');
    // Applied by hand: what the engine answers (a server with access management runs them).
    await expect(collector.store.command(statements[0]!.replace(/;$/, ''))).rejects.toThrow(/privileges|grant/i);
  });

  it('refuses what would be unsafe to paste into SQL', () => {
    expect(() => rowPolicySql('sf', ['devices'], [{ user: 'grafana; DROP TABLE x', trusts: ['rxa'] }])).toThrow(/identifier/);
    expect(() => rowPolicySql('sf', ['devices'], [{ user: 'g', trusts: ["rxa') OR 1=1 --"] }])).toThrow(/not a trust id/);
    expect(() => rowPolicySql('sf', ['devices'], [{ user: 'g', trusts: [] }])).toThrow(/no trusts/);
  });

  it('takes a user\'s trusts from a named API key through the CLI', async () => {
    const scopes = join(dir.path, 'scopes.yaml');
    writeFileSync(scopes, 'users:\n  grafana_rxa:\n    trusts: [rxa]\n  grafana_eastmere:\n    api_key: rxb-bi-reporting\n');
    let printed = '';
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => ((printed += String(chunk)), true)) as typeof process.stdout.write;
    process.env.SF_ADMIN_TOKEN = collector.adminToken;
    try {
      await buildCli().parseAsync(['node', 'sf-collector', 'grafana', 'row-policies', '--scopes', scopes, '--url', collector.url]);
    } finally {
      process.stdout.write = write;
      delete process.env.SF_ADMIN_TOKEN;
    }
    expect(printed).toContain(`ON sf.devices FOR SELECT USING trust_id IN ('rxb') AS permissive TO grafana_eastmere;`);
    expect(printed).toContain(`ON sf.devices FOR SELECT USING trust_id IN ('rxa') AS permissive TO grafana_rxa;`);
  });
});
