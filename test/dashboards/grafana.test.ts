import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboards, serialise } from '../../dashboards/grafana/generate.js';
import { PLUGIN, type Json } from '../../dashboards/grafana/model.js';
import { startDemoData, type DemoData } from '../helpers/demo-data.js';
import { AdminClient } from '../../collector/admin-client.js';
import { interpolate, panelQueries, resolveVariables, type Choices, type Variables } from './grafana-variables.js';
import { sitePoller, wirelessController } from './radio-polls.js';

const dashboards = buildDashboards();

describe('Grafana dashboards (generated)', () => {
  it.each(dashboards.map((d) => d.file))('dashboards/grafana/%s is current (run: npm run dashboards)', (file) => {
    const committed = readFileSync(new URL(`../../dashboards/grafana/${file}`, import.meta.url), 'utf8');
    expect(committed).toBe(serialise(dashboards.find((d) => d.file === file)!.json));
  });

  it('gives every panel one ClickHouse SQL query on the chosen data source', () => {
    for (const { json } of dashboards) {
      const names = (json.templating as { list: Json[] }).list.map((v) => v.name);
      expect(names.slice(0, 2)).toEqual(['datasource', 'database']);
      for (const { title, target } of panelQueries(json)) {
        expect(target, title).toMatchObject({ datasource: { type: PLUGIN, uid: '${datasource}' }, editorType: 'sql', refId: 'A' });
        expect(target.format, title).toBe(target.queryType === 'timeseries' ? 0 : 1);
        // Every table is named through the database constant, so a non-default database is one setting.
        expect(String(target.rawSql), title).not.toMatch(/\bsf\./);
        // Grafana's user is read-only (readonly = 1): a query may not change a setting from its default.
        expect(String(target.rawSql), title).not.toMatch(/join_use_nulls\s*=\s*1/);
      }
    }
  });

  it('puts the radios beside the endpoint signal in an Infrastructure Wi-Fi row, and no two panels on the same cells', () => {
    const panels = dashboards.find((d) => d.file === 'it-ops.json')!.json.panels as Array<{ type: string; title: string; gridPos: { x: number; y: number; w: number; h: number } }>;
    const rows = panels.flatMap((p, i) => (p.type === 'row' ? [i] : []));
    const sections = Object.fromEntries(rows.map((start, n) => [panels[start]!.title, panels.slice(start + 1, rows[n + 1]).map((p) => p.title)]));
    expect(sections['Infrastructure Wi-Fi']).toEqual(['Wi-Fi signal by site (10th percentile)', 'Radio channel utilisation', 'Radio clients', 'Busiest radios']);
    for (const { json } of dashboards) {
      const cells = new Set<string>();
      for (const { title, gridPos: g } of json.panels as Array<{ title: string; gridPos: { x: number; y: number; w: number; h: number } }>) {
        expect(g.x + g.w, title).toBeLessThanOrEqual(24);
        for (let x = g.x; x < g.x + g.w; x++) for (let y = g.y; y < g.y + g.h; y++) {
          expect(cells.has(`${x},${y}`), `${title} overlaps at ${x},${y}`).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });

  it('uses no data-source macros: only Grafana variables are put into the SQL', () => {
    for (const { json } of dashboards) {
      const queries = [...panelQueries(json).map((p) => ({ title: p.title, sql: p.sql })), ...(json.templating as { list: Json[] }).list.map((v) => ({ title: String(v.name), sql: String(v.query ?? '') }))];
      for (const { title, sql } of queries) {
        for (const name of sql.match(/\$\{?__\w+/g) ?? []) expect(['${__from', '${__to', '${__interval_ms'], `${title}: ${name}`).toContain(name);
      }
    }
  });

  // Scores, levels, gates, pass rates, coverage and the IT-ops figures are stored or defined once
  // in the store (scope_results, the operations views); a panel only picks and sums rows.
  it('holds no scoring arithmetic in any panel SQL', () => {
    const forbidden: Array<[RegExp, string]> = [
      [/\b(count|sum|avg|uniqExact)If\s*\([^)]*\bstatus\b/i, 'tallies results by status'],
      [/\bavg\s*\(/i, 'averages'],
      [/\b(round|floor|ceil)\s*\(/i, 'rounds figures'],
      [/\bscore_counts\b/, 'reads per-control counts to score from'],
      [/\btransform\s*\(/i, 'inlines catalogue values (weights, domains)'],
      [/\bweight\s*\*/i, 'weighs'],
      [/\//, 'divides'],
      [/\b(score|level|coverage|fail_share)\s*[<>]=?\s*\d/i, 'applies cut-offs'],
    ];
    for (const { file, json } of dashboards) {
      for (const { title, sql } of panelQueries(json)) {
        // String literals and quoted column names are text, not arithmetic.
        const code = sql.replace(/'(?:[^'\\]|\\.)*'/g, "''").replace(/"[^"]*"/g, '""');
        for (const [pattern, what] of forbidden) expect(pattern.test(code), `${file} · ${title} ${what}: ${code}`).toBe(false);
      }
    }
  });
});

// Each panel's SQL, expanded as Grafana and the plugin expand it, on the demo fleet in the
// real embedded engine; the numbers the API also serves are compared with it.
describe('Grafana dashboards on the demo data', () => {
  let demo: DemoData;
  let range: { from: Date; to: Date };
  const viewer = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${demo.collector.url}${path}`, { headers: { authorization: `Bearer ${demo.collector.viewerToken}` } });
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };
  const run = async <T = Record<string, unknown>>(sql: string, vars: Variables) => demo.collector.store.query<T>(interpolate(sql, vars));
  const panelSql = (file: string, title: string) => panelQueries(dashboards.find((d) => d.file === file)!.json).find((p) => p.title === title)!.sql;
  const context = (file: string, choices: Choices = {}) => resolveVariables(demo.collector.store, dashboards.find((d) => d.file === file)!.json, range, choices);

  beforeAll(async () => {
    demo = await startDemoData();
    // The demo's gear reports no radios: a controller at one of its sites adds some, through a site
    // poller's report, so every infrastructure Wi-Fi panel has rows (their figures: grafana-network.test.ts).
    const poll = await sitePoller(demo.collector.url, new AdminClient(demo.collector.url, demo.collector.adminToken), 'rxa-ngh', 'd'.repeat(64));
    const polledAt = new Date(Date.now() - 3_600_000).toISOString();
    await poll([wirelessController('grafana-wlc', polledAt, [{ ap_name: 'ngh-ap-1', ap_mac: '00:11:22:33:66:01', band: '5GHz', channel: 36, channel_utilisation_pct: 30, noise_dbm: -92, clients: 4 }])], polledAt);
    // The demo's week: from the first snapshot's midnight (UTC) to now.
    range = { from: new Date(`${demo.snapshots[0]}T00:00:00Z`), to: new Date() };
  });
  afterAll(() => demo?.close());

  describe.each(dashboards.map((d) => d.file))('%s', (file) => {
    it.each(panelQueries(dashboards.find((d) => d.file === file)!.json).map((p) => p.title))('%s returns rows', async (title) => {
      const rows = await run(panelSql(file, title), await context(file));
      expect(rows.length).toBeGreaterThan(0);
    });

    it('every panel runs with one trust, two sites and two controls picked', async () => {
      const ctx = await context(file, { trust: ['rxa'], site: ['rxa-ngh', 'rxa-cmc'], control: ['CYB-PATCH', 'INF-NET-ERR'] });
      for (const { title, sql } of panelQueries(dashboards.find((d) => d.file === file)!.json)) {
        await expect(run(sql, ctx), title).resolves.toBeInstanceOf(Array);
      }
    });
  });

  it('CIO: score, level, domains, coverage, devices, sites and control counts equal GET /v1/scores', async () => {
    const api = await viewer<{ as_of: string; trusts: Array<Json & { trust_id: string; sites: Json[]; controls: Json[] }> }>(`/v1/scores?as_of=${demo.asOf}`);
    expect(api.trusts.length).toBe(3);
    for (const trust of api.trusts) {
      const ctx = await context('cio.json', { trust: [trust.trust_id] });
      const one = async (title: string) => Object.values((await run(panelSql('cio.json', title), ctx))[0]!)[0];
      expect(await one('Trust score'), trust.trust_id).toBe(trust.score);
      expect(await one('Maturity level')).toBe(trust.level);
      expect(await one('Infrastructure')).toBe(trust.infrastructure);
      expect(await one('Cyber')).toBe(trust.cyber);
      expect(await one('Coverage')).toBe(trust.coverage);
      expect(Number(await one('Devices'))).toBe(trust.devices);
      // The gates holding the level down: the API's capped_by, each named with its reason.
      const heldBy = (trust.capped_by as Array<{ gate: string; reason: string }>).map((g) => `${g.gate}: ${g.reason}`);
      expect(await one('Level held down by')).toBe(heldBy.length > 0 ? heldBy.join('; ') : 'no gate holds the level down');
      const gates = await run<{ Gate: string; Holds: number; 'Failing share': number; 'Devices to fix': number }>(panelSql('cio.json', 'Level gates'), ctx);
      expect(gates.map((g) => [g.Gate, Number(g.Holds) === 1, Number(g['Failing share']), Number(g['Devices to fix'])])).toEqual(
        (trust.gates as Array<{ title: string; held: boolean; fail_share: number; devices_to_fix: number }>).map((g) => [g.title, g.held, g.fail_share, g.devices_to_fix]),
      );

      const league = await run<{ Site: string; Score: number; Level: number; Coverage: number; Devices: number; 'Held down by': string }>(panelSql('cio.json', 'Site league'), ctx);
      expect(league.map((s) => [s.Site, s.Score, s.Level, s.Coverage, Number(s.Devices), s['Held down by']]).sort()).toEqual(
        trust.sites.map((s) => [s.name, s.score, s.level, s.coverage, s.devices, (s.capped_by as Array<{ gate: string; reason: string }>).map((g) => `${g.gate}: ${g.reason}`).join('; ')]).sort(),
      );

      const controls = await run<{ Control: string; Passing: number; Failing: number; Unknown: number; 'Pass rate': number | null; 'Points lost': number | null }>(panelSql('cio.json', 'Controls dragging the score down'), ctx);
      for (const c of trust.controls as Array<{ control_id: string; pass: number; fail: number; unknown: number; pass_rate: number | null; points_lost: number | null }>) {
        const row = controls.find((r) => r.Control === c.control_id);
        const values = [row?.Passing, row?.Failing, row?.Unknown, row?.['Pass rate'], row?.['Points lost']].map((v) => (v === null || v === undefined ? v : Number(v)));
        expect(values, c.control_id).toEqual([c.pass, c.fail, c.unknown, c.pass_rate, c.points_lost]);
      }
      // The points lost add up to what the score is short of 100 (each rounded to 0.01, the score to 0.1).
      const lost = controls.reduce((sum, r) => sum + Number(r['Points lost'] ?? 0), 0);
      expect(Math.abs(100 - lost - Number(trust.score))).toBeLessThan(0.2);
    }
  });

  it('CIO: the score trend equals GET /v1/scores/trend', async () => {
    for (const trustId of ['rxa', 'rxb', 'rxc']) {
      const api = await viewer<{ points: Array<{ as_of: string; score: number; infrastructure: number; cyber: number }> }>(`/v1/scores/trend?trust=${trustId}&from=${demo.snapshots[0]}&to=${demo.asOf}`);
      const rows = await run<{ time: string; Score: number; Infrastructure: number; Cyber: number }>(panelSql('cio.json', 'Score trend'), await context('cio.json', { trust: [trustId] }));
      expect(rows.map((r) => [r.time.slice(0, 10), r.Score, r.Infrastructure, r.Cyber])).toEqual(api.points.map((p) => [p.as_of, p.score, p.infrastructure, p.cyber]));
      expect(rows).toHaveLength(demo.snapshots.length);
    }
  });

  it('Cyber: the headline counts and findings equal the API device lists', async () => {
    const ctx = await context('cyber.json');
    const total = async (query: string) => (await viewer<{ total: number }>(`/v1/devices?as_of=${demo.asOf}&limit=1&${query}`)).total;
    const count = async (title: string) => Number((await run<{ Failing: number }>(panelSql('cyber.json', title), ctx))[0]!.Failing);
    expect(await count('Endpoints on an unsupported OS')).toBe(await total('list=unsupported'));
    expect(await count('Endpoints unpatched')).toBe(await total('list=unpatched'));
    const gearFirmware = await total('kind=network&control=CYB-NET-FW&status=fail');
    const gearManagement = await total('kind=network&control=CYB-NET-MGMT&status=fail');
    expect(gearFirmware).toBeGreaterThan(0);
    expect(await count('Network gear on unsupported firmware')).toBe(gearFirmware);
    expect(await count('Network gear managed insecurely')).toBe(gearManagement);
    // The findings tables list exactly those failures (default controls: unsupported and unpatched).
    const endpoints = await run<{ Device: string; Control: string; Reason: string; 'Failing since': string; 'Age (days)': number }>(panelSql('cyber.json', 'Endpoints: findings'), ctx);
    expect(endpoints.length).toBe((await total('list=unsupported')) + (await total('list=unpatched')));
    expect(endpoints.every((f) => f.Reason !== '' && Number(f['Age (days)']) >= 0 && Number(f['Age (days)']) < demo.snapshots.length)).toBe(true);
    const gear = await run(panelSql('cyber.json', 'Network gear: findings'), ctx);
    expect(gear.length).toBe(gearFirmware + gearManagement);
    // A finding's age: the same first day of its current run of failures as the API's failing_since.
    const patch = await viewer<{ devices: Array<{ device_id: string; failing_since: string }> }>(`/v1/devices?as_of=${demo.asOf}&list=unpatched&limit=1000`);
    const since = new Map(endpoints.filter((f) => f.Control === 'CYB-PATCH').map((f) => [f.Device, f['Failing since']]));
    expect(patch.devices.length).toBeGreaterThan(0);
    for (const d of patch.devices) expect(since.get(d.device_id), d.device_id).toBe(d.failing_since);
  });

  it('Cyber: findings by site and failing devices per day equal the API device lists of each site and day', async () => {
    const ctx = await context('cyber.json');
    const total = async (query: string) => (await viewer<{ total: number }>(`/v1/devices?limit=1&status=fail&${query}`)).total;
    const bySite = await run<{ Site: string; Control: string; Failing: number }>(panelSql('cyber.json', 'Findings by site'), ctx);
    expect(bySite.length).toBeGreaterThan(0);
    for (const row of bySite) expect(Number(row.Failing), `${row.Site} ${row.Control}`).toBe(await total(`as_of=${demo.asOf}&site=${row.Site}&control=${row.Control}`));
    const perDay = await run<{ time: string; Control: string; Failing: number }>(panelSql('cyber.json', 'Failing devices per day'), ctx);
    expect(new Set(perDay.map((r) => r.time.slice(0, 10)))).toEqual(new Set(demo.snapshots));
    for (const row of perDay) expect(Number(row.Failing), `${row.time} ${row.Control}`).toBe(await total(`as_of=${row.time.slice(0, 10)}&control=${row.Control}`));
  });

  it('Cyber: new and resolved findings since the day before equal GET /v1/findings/changes', async () => {
    const rows = await run<{ Control: string; New: number; Resolved: number; 'No longer in scope': number }>(panelSql('cyber.json', 'Since the day before'), await context('cyber.json'));
    expect(rows.length).toBeGreaterThan(0);
    let moved = 0;
    for (const row of rows) {
      const api = await viewer<{ new: number; resolved: number; out_of_scope: number }>(`/v1/findings/changes?to=${demo.asOf}&control=${row.Control}&limit=1`);
      expect([Number(row.New), Number(row.Resolved), Number(row['No longer in scope'])], row.Control).toEqual([api.new, api.resolved, api.out_of_scope]);
      moved += api.new + api.resolved;
    }
    expect(moved).toBeGreaterThan(0); // the demo's devices patch on their own cycles: something changes each day
  });

  it('IT ops: coverage counts equal the CYB-REPORTING results the scores use', async () => {
    const api = await viewer<{ trusts: Array<{ controls: Array<{ control_id: string; pass: number; fail: number; unknown: number }> }> }>(`/v1/scores?as_of=${demo.asOf}`);
    const reporting = api.trusts.flatMap((t) => t.controls).filter((c) => c.control_id === 'CYB-REPORTING');
    const [row] = await run<Record<string, number>>(panelSql('it-ops.json', 'Endpoints known').replace('SELECT Known FROM', 'SELECT * FROM'), await context('it-ops.json'));
    expect(Number(row!.Known)).toBe(reporting.reduce((n, c) => n + c.pass + c.fail + c.unknown, 0));
    expect(Number(row!.Reporting)).toBe(reporting.reduce((n, c) => n + c.pass, 0));
    expect(Number(row!.Stale) + Number(row!['Never reported'])).toBe(reporting.reduce((n, c) => n + c.fail, 0));
    const failing = await viewer<{ devices: Array<{ device_id: string }> }>(`/v1/devices?as_of=${demo.asOf}&control=CYB-REPORTING&status=fail&limit=1000`);
    expect(Number(row!['Never reported'])).toBe(failing.devices.filter((d) => d.device_id.startsWith('asset:')).length);
    expect(Number(row!['Never reported'])).toBeGreaterThan(0);
    // The stored coverage: each trust's with All sites, each picked site's otherwise.
    const scores = await viewer<{ trusts: Array<{ trust_id: string; coverage: number; sites: Array<{ site_id: string; coverage: number }> }> }>(`/v1/scores?as_of=${demo.asOf}`);
    const coverage = await run<{ Scope: string; Coverage: number }>(panelSql('it-ops.json', 'Agent coverage'), await context('it-ops.json', { trust: 'all' }));
    expect(coverage.map((c) => [c.Scope, c.Coverage])).toEqual(scores.trusts.map((t) => [t.trust_id, t.coverage]));
    const sites = scores.trusts[0]!.sites.slice(0, 2);
    const picked = await run<{ Scope: string; Coverage: number }>(panelSql('it-ops.json', 'Agent coverage'), await context('it-ops.json', { trust: [scores.trusts[0]!.trust_id], site: sites.map((x) => x.site_id) }));
    expect(picked.map((c) => [c.Scope, c.Coverage])).toEqual(sites.map((x) => [x.site_id, x.coverage]).sort());
  });

  it('IT ops: coverage, hot spots, agent versions and gear health equal GET /v1/operations', async () => {
    const api = await viewer<{ sites: Array<Record<string, number | string | null>>; agent_versions: Array<{ version: string; devices: number }>; network_gear: Array<{ device_id: string; poll_error: string; controls: Record<string, string> }> }>(`/v1/operations?as_of=${demo.asOf}`);
    const ctx = await context('it-ops.json');
    const coverage = await run<Record<string, number | string>>(panelSql('it-ops.json', 'Agent coverage by site'), ctx);
    const hotSpots = await run<Record<string, number | string | null>>(panelSql('it-ops.json', 'Wi-Fi and latency hot spots'), ctx);
    const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    for (const site of api.sites) {
      const c = coverage.find((r) => r.Site === site.site_id);
      expect([c?.Known, c?.Reporting, c?.Stale, c?.['Never reported']].map(n), String(site.site_id)).toEqual([site.known, site.reporting, site.stale, site.never_reported]);
      const h = hotSpots.find((r) => r.Site === site.site_id);
      expect(
        [h?.['Wi-Fi judged'], h?.['Wi-Fi failing'], h?.['Signal p10 (dBm)'], h?.['On 2.4 GHz'], h?.['Latency judged'], h?.['Latency failing'], h?.['Round trip p95 (ms)'], h?.['Loss (%)']].map(n),
        String(site.site_id),
      ).toEqual([site.wifi_judged, site.wifi_failing, site.wifi_p10_dbm, site.wifi_share_2_4ghz, site.latency_judged, site.latency_failing, site.latency_p95_ms, site.latency_loss_pct]);
    }
    expect(coverage).toHaveLength(api.sites.length);
    const versions = await run<{ Version: string; Devices: number }>(panelSql('it-ops.json', 'Agent versions'), ctx);
    expect(versions.map((v) => ({ version: v.Version, devices: Number(v.Devices) }))).toEqual(api.agent_versions);
    const gear = await run<Record<string, string>>(panelSql('it-ops.json', 'Network gear health'), ctx);
    expect(gear).toHaveLength(api.network_gear.length);
    const results = (controls: Record<string, string>) => Object.keys(controls).sort().map((id) => `${id}=${controls[id]}`).join(' ');
    const shown = (g: Record<string, string>) => results(Object.fromEntries(Object.keys(api.network_gear[0]!.controls).map((id) => [id, g[id]!])));
    expect(gear.map(shown).sort()).toEqual(api.network_gear.map((g) => results(g.controls)).sort());
    const [polled] = await run<{ 'Network devices': number; Unreachable: number }>(panelSql('it-ops.json', 'Network gear polled'), ctx);
    expect([Number(polled!['Network devices']), Number(polled!.Unreachable)]).toEqual([api.network_gear.length, api.network_gear.filter((g) => g.poll_error !== '').length]);
  });
});
