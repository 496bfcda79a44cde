import { z } from 'zod';
import { csv } from './csv.js';
import { listDevices, type DeviceListRow } from './device-list.js';
import type { ScoreRun } from '../scoring/evaluate.js';
import type { Framework, MappedTheme } from '../scoring/frameworks/mapping.js';
import type { Store } from '../store/store.js';
import { TRUST_SCOPE_SQL, trustScopeParams } from '../store/trust-scope.js';

/**
 * The Cyber Essentials view: per trust, site and technical control theme, the devices whose
 * telemetry shows they would fail the theme, and why. Read from the run's control results, the
 * same rows GET /v1/devices lists. Indicative: never a certification or an assessment.
 */
export const FINDINGS_LIMIT = 10_000;

export const CyberEssentialsQuery = z.object({
  as_of: z.iso.date().optional(),
  trust: z.string().max(64).optional(),
  site: z.string().max(64).optional(),
  theme: z.string().regex(/^[a-z][a-z0-9-]*$/).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(FINDINGS_LIMIT).default(FINDINGS_LIMIT),
  format: z.enum(['json', 'csv']).default('json'),
});
export type CyberEssentialsQuery = z.infer<typeof CyberEssentialsQuery>;

/** Devices of a scope against one theme; all null where the theme is not measurable (never 0: that would read as clean). */
export interface ThemeCounts {
  theme: string;
  /** Devices at least one of the theme's controls applies to. */
  devices: number | null;
  /** Devices failing at least one of the theme's controls. */
  failing: number | null;
  /** Devices failing none, but with at least one result unknown (its reason is on the device page). */
  unknown: number | null;
  passing: number | null;
}

/** One device failing one of a theme's controls. */
export interface ThemeFinding extends Omit<DeviceListRow, 'status'> {
  theme: string;
}

export interface ThemeView extends MappedTheme, Omit<ThemeCounts, 'theme'> {
  measurable: boolean;
  /** Failing (device, control) pairs in scope; `findings` holds the first `limit` of them. */
  findings_total: number;
  truncated: boolean;
  findings: ThemeFinding[];
}

export interface CyberEssentialsView {
  framework: Framework['framework'];
  indicative: true;
  disclaimer: string;
  as_of: string;
  run_id: string;
  trust: string | null;
  site: string | null;
  themes: ThemeView[];
  trusts: Array<{ trust_id: string; name: string; themes: ThemeCounts[]; sites: Array<{ site_id: string; name: string; themes: ThemeCounts[] }> }>;
}

export interface ScopeNames {
  trusts: Map<string, string>;
  sites: Map<string, string>;
}

/** `trusts`: the trusts the reader may see (undefined: every trust). */
type Filter = Pick<CyberEssentialsQuery, 'trust' | 'site' | 'theme' | 'limit'> & { trusts?: readonly string[] };

export async function cyberEssentials(store: Store, framework: Framework, run: ScoreRun, names: ScopeNames, filter: Filter): Promise<CyberEssentialsView> {
  const themes = framework.themes.filter((t) => !filter.theme || t.id === filter.theme);
  const pairs = themes.flatMap((t) => t.controls.map((c) => ({ theme: t.id, control: c.control_id })));
  const perSite = await countsPerSite(store, run, pairs, filter);
  const controls = [...new Set(pairs.map((p) => p.control))];
  // One device list per control, exactly as GET /v1/devices?control=…&status=fail gives it.
  const lists = new Map<string, { total: number; rows: DeviceListRow[] }>();
  for (const control of controls) {
    lists.set(control, await listDevices(store, run.run_id, run.as_of, { trust: filter.trust, site: filter.site, trusts: filter.trusts, control, status: 'fail', limit: filter.limit, offset: 0, format: 'json' }));
  }
  const sum = (rows: SiteThemeRow[], theme: MappedTheme): ThemeCounts => {
    if (theme.controls.length === 0) return { theme: theme.id, devices: null, failing: null, unknown: null, passing: null };
    const of = rows.filter((r) => r.theme === theme.id);
    const [devices, failing, unknown] = (['n_devices', 'n_failing', 'n_unknown'] as const).map((k) => of.reduce((n, r) => n + Number(r[k]), 0)) as [number, number, number];
    return { theme: theme.id, devices, failing, unknown, passing: devices - failing - unknown };
  };
  const themeViews = themes.map((theme): ThemeView => {
    const ofTheme = theme.controls.map((c) => lists.get(c.control_id)!);
    const findings = ofTheme
      .flatMap((list) => list.rows.map(({ status: _status, ...row }): ThemeFinding => ({ theme: theme.id, ...row })))
      .sort((a, b) => compare(a.site_id, b.site_id) || compare(a.device_id, b.device_id) || compare(a.control_id, b.control_id));
    const total = ofTheme.reduce((n, list) => n + list.total, 0);
    const { theme: _id, ...counts } = sum(perSite, theme);
    return { ...theme, measurable: theme.controls.length > 0, ...counts, findings_total: total, truncated: total > filter.limit, findings: findings.slice(0, filter.limit) };
  });
  const trustIds = [...new Set(perSite.map((r) => r.one_trust))].sort();
  const trusts = trustIds.map((trustId) => {
    const ofTrust = perSite.filter((r) => r.one_trust === trustId);
    const sites = [...new Set(ofTrust.map((r) => r.one_site))].sort().map((siteId) => {
      const ofSite = ofTrust.filter((r) => r.one_site === siteId);
      return { site_id: siteId, name: names.sites.get(siteId) ?? siteId, themes: themes.map((t) => sum(ofSite, t)) };
    });
    return { trust_id: trustId, name: names.trusts.get(trustId) ?? trustId, themes: themes.map((t) => sum(ofTrust, t)), sites };
  });
  return {
    framework: framework.framework,
    indicative: true,
    disclaimer: framework.framework.disclaimer,
    as_of: run.as_of,
    run_id: run.run_id,
    trust: filter.trust ?? null,
    site: filter.site ?? null,
    themes: themeViews,
    trusts,
  };
}

interface SiteThemeRow {
  one_trust: string;
  one_site: string;
  theme: string;
  n_devices: number;
  n_failing: number;
  n_unknown: number;
}

/**
 * Per site and theme: devices in scope, failing any of the theme's controls, and unknown on some
 * without failing any. One grouped read of the run's results; a control may serve several themes.
 */
async function countsPerSite(store: Store, run: ScoreRun, pairs: Array<{ theme: string; control: string }>, filter: Filter): Promise<SiteThemeRow[]> {
  if (pairs.length === 0) return [];
  // Aliases differ from column names: ClickHouse would resolve them in the WHERE clause too.
  return store.query<SiteThemeRow>(
    `SELECT one_trust, one_site, theme, count() AS n_devices, countIf(outcome = 'fail') AS n_failing, countIf(outcome = 'unknown') AS n_unknown
     FROM (
       SELECT device_id, theme, any(trust_id) AS one_trust, any(site_id) AS one_site,
              multiIf(countIf(status = 'fail') > 0, 'fail', countIf(status = 'unknown') > 0, 'unknown', 'pass') AS outcome
       FROM (
         SELECT device_id, trust_id, site_id, status,
                {themes:Array(String)}[arrayJoin(arrayFilter(i -> {controls:Array(String)}[i] = control_id, arrayEnumerate({controls:Array(String)})))] AS theme
         FROM {db}.control_results
         WHERE as_of = {as_of:Date} AND run_id = {run:String} AND control_id IN {controls:Array(String)}
           AND ({trust:String} = '' OR trust_id = {trust:String}) AND ({site:String} = '' OR site_id = {site:String}) AND ${TRUST_SCOPE_SQL}
       )
       GROUP BY device_id, theme
     )
     GROUP BY one_trust, one_site, theme
     ORDER BY one_trust, one_site, theme`,
    {
      as_of: run.as_of, run: run.run_id, trust: filter.trust ?? '', site: filter.site ?? '',
      themes: pairs.map((p) => p.theme), controls: pairs.map((p) => p.control), ...trustScopeParams(filter.trusts),
    },
  );
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const CSV_COLUMNS = ['theme', 'clause', 'control_id', 'device_id', 'trust_id', 'site_id', 'kind', 'hostname', 'model', 'os', 'last_seen', 'reason', 'evidence', 'failing_since', 'indicative'] as const;

/** The findings of every theme shown, one row per device and failing control, each row carrying the disclaimer. */
export function cyberEssentialsCsv(view: CyberEssentialsView): string {
  const rows = view.themes.flatMap((theme) => theme.findings.map((f) => ({ ...f, clause: theme.clause, indicative: view.disclaimer })));
  return csv(CSV_COLUMNS, rows);
}
