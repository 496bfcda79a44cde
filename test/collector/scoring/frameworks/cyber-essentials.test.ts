import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../../protocol/index.js';
import type { CyberEssentialsView, ThemeCounts } from '../../../../collector/queries/cyber-essentials.js';
import type { RunningCollector } from '../../../../collector/service.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../../../helpers/collector.js';
import { postReport } from '../../../helpers/reports.js';
import { AS_OF, reportFor, type Variant } from '../../../helpers/scoring-fleet.js';
import { tempDir } from '../../../helpers/temp.js';
import { devicesOf, findingsOfCsv, listsBehind } from './device-lists.js';

/** Variants of scoring-fleet's laptop made here, one thing changed each. */
type Crafted = 'win10-unpatched' | 'fw-unknown' | 'av-formula';
const craft: Record<Crafted, (id: string) => Report> = {
  // Fails two controls of one theme: one device that would fail it, two findings.
  'win10-unpatched': (id) => {
    const report = reportFor('win10', id);
    report.inventory!.patches = reportFor('unpatched', id).inventory!.patches;
    return report;
  },
  'fw-unknown': (id) => {
    const report = reportFor('good', id);
    report.inventory!.security!.firewall = { unknown: 'netsh advfirewall needs administrator rights' };
    return report;
  },
  // Real-time protection off, and a product name that a spreadsheet would run as a formula.
  'av-formula': (id) => {
    const report = reportFor('avoff', id);
    const av = report.inventory!.security!.antimalware as { product: string };
    av.product = '=SUM(1,2)';
    return report;
  },
};

// The hand-built fleet of hand-built-fleet.test.ts, plus a site of crafted devices. No network gear.
const SITES: Record<string, { trust: string; devices: Array<Variant | Crafted> }> = {
  't1-a': { trust: 't1', devices: ['good', 'good', 'good', 'old', 'lowram', 'battery', 'weakwifi', 'win10', 'w11-23h2-ent', 'unpatched', 'unencrypted', 'stale'] },
  't1-b': { trust: 't1', devices: ['good', 'good', 'good', 'desktop', 'desktop', 'desktop', 'hdd', 'slow', 'fwoff', 'unknowns'] },
  't2-c': { trust: 't2', devices: ['good', 'good', 'good', 'linux-server', 'linux-server', 'avoff', 'bootoff', 'unpatched', 'unpatched', 'old'] },
  't2-d': { trust: 't2', devices: ['good', 'win10-unpatched', 'fw-unknown', 'av-formula'] },
};

const NOT_MEASURABLE = { devices: null, failing: null, unknown: null, passing: null };
const counts = (devices: number, failing: number, unknown = 0) => ({ devices, failing, unknown, passing: devices - failing - unknown });

// Worked out by hand from scoring-fleet.ts and controls.yaml: [theme] → counts per site.
// Firewalls: every endpoint (fwoff fails). Secure configuration: network gear only, none here.
// Updates: win10 (Enterprise, Windows 10 ended 2025-10-14) and w11-23h2-ent (ended 2026-11-10) are
// unsupported, unpatched has 2 security updates pending for 40 days. Malware: Windows and macOS
// endpoints (not the Linux servers); stale's signatures are 21 days old, avoff has real-time off.
const EXPECTED: Record<string, Record<string, ReturnType<typeof counts> | typeof NOT_MEASURABLE>> = {
  't1-a': { firewalls: counts(12, 0), 'secure-configuration': counts(0, 0), 'security-update-management': counts(12, 3), 'user-access-control': NOT_MEASURABLE, 'malware-protection': counts(12, 1) },
  't1-b': { firewalls: counts(10, 1), 'secure-configuration': counts(0, 0), 'security-update-management': counts(10, 0), 'user-access-control': NOT_MEASURABLE, 'malware-protection': counts(10, 0) },
  't2-c': { firewalls: counts(10, 0), 'secure-configuration': counts(0, 0), 'security-update-management': counts(10, 2), 'user-access-control': NOT_MEASURABLE, 'malware-protection': counts(8, 1) },
  't2-d': { firewalls: counts(4, 0, 1), 'secure-configuration': counts(0, 0), 'security-update-management': counts(4, 1), 'user-access-control': NOT_MEASURABLE, 'malware-protection': counts(4, 1) },
};

const byTheme = (themes: ThemeCounts[]) => Object.fromEntries(themes.map(({ theme, ...c }) => [theme, c]));

describe('Cyber Essentials view: GET /v1/frameworks/cyber-essentials', () => {
  const dir = tempDir('cyber-essentials');
  let collector: RunningCollector;
  const variants = new Map<string, string>();
  let view: CyberEssentialsView;
  const get = (path: string, token?: string) => fetch(`${collector.url}${path}`, { headers: { authorization: `Bearer ${token ?? collector.viewerToken}` } });

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
    const admin = adminFor(collector.url, dir.path);
    let n = 0;
    for (const [site, { trust, devices }] of Object.entries(SITES)) {
      const secret = await siteWithSecret(admin, site, trust);
      for (const variant of devices) {
        const device = await enroll(collector.url, secret, (n++).toString(16).padStart(64, '0'));
        variants.set(device.device_id, variant);
        const report = variant in craft ? craft[variant as Crafted](device.device_id) : reportFor(variant as Variant, device.device_id);
        expect((await postReport(collector.url, device.node_key, report)).status).toBe(202);
      }
    }
    const response = await get(`/v1/frameworks/cyber-essentials?as_of=${AS_OF}`);
    expect(response.status).toBe(200);
    view = (await response.json()) as CyberEssentialsView;
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  it('is labelled indicative, names the framework version, and says why user access control is not measured', () => {
    expect(view).toMatchObject({ indicative: true, disclaimer: 'Indicative only — not a Cyber Essentials certification or assessment', as_of: AS_OF });
    expect(view.framework).toMatchObject({ document: 'Cyber Essentials: Requirements for IT Infrastructure', version: 'v3.3', published: '2026-04-27' });
    expect(view.themes.map((t) => [t.id, t.clause])).toEqual([
      ['firewalls', 'E.1 Firewalls'],
      ['secure-configuration', 'E.2 Secure configuration'],
      ['security-update-management', 'E.3 Security update management'],
      ['user-access-control', 'E.4 User access control'],
      ['malware-protection', 'E.5 Malware protection'],
    ]);
    const access = view.themes.find((t) => t.id === 'user-access-control')!;
    expect(access).toMatchObject({ measurable: false, controls: [], findings: [], ...NOT_MEASURABLE });
    expect(access.not_measurable).toMatch(/^Not measurable by the agent or the poller/);
    for (const theme of view.themes.filter((t) => t.measurable)) for (const control of theme.controls) expect(control.why.length, control.control_id).toBeGreaterThan(40);
  });

  it('counts, per site and trust, the devices in scope, failing and unknown for each theme, as worked out by hand', () => {
    expect(view.trusts.map((t) => [t.trust_id, t.sites.map((s) => s.site_id)])).toEqual([['t1', ['t1-a', 't1-b']], ['t2', ['t2-c', 't2-d']]]);
    for (const site of view.trusts.flatMap((t) => t.sites)) expect(byTheme(site.themes), site.site_id).toEqual(EXPECTED[site.site_id]);
    // A trust is the sum of its sites (each device is in one site); the themes' totals, of every trust.
    for (const trust of view.trusts) {
      for (const theme of trust.themes.filter((t) => t.devices !== null)) {
        const ofSites = trust.sites.map((s) => s.themes.find((t) => t.theme === theme.theme)!);
        expect(theme.failing).toBe(ofSites.reduce((n, s) => n + s.failing!, 0));
        expect(theme.devices).toBe(ofSites.reduce((n, s) => n + s.devices!, 0));
      }
    }
    expect(view.themes.find((t) => t.id === 'security-update-management')).toMatchObject({ devices: 36, failing: 6, unknown: 0, passing: 30, findings_total: 7 });
  });

  it('lists each failing device with the control, reason and evidence, exactly as GET /v1/devices lists it', async () => {
    const updates = view.themes.find((t) => t.id === 'security-update-management')!;
    const both = updates.findings.filter((f) => variants.get(f.device_id) === 'win10-unpatched');
    expect(both.map((f) => f.control_id)).toEqual(['CYB-OS-SUPPORTED', 'CYB-PATCH']);
    expect(both[0]!.reason).toMatch(/^Windows 10 Enterprise 22H2 out of support since 2025-10-14/);
    expect(both[1]!.reason).toMatch(/security update/);
    for (const theme of view.themes.filter((t) => t.measurable)) {
      const behind = await listsBehind(get, theme, { as_of: AS_OF });
      expect(theme.findings, theme.id).toEqual(behind.findings);
      expect(theme.failing, theme.id).toBe(devicesOf(behind.findings).size);
      expect(theme.findings_total, theme.id).toBe(behind.findings.length);
      expect(theme.unknown, theme.id).toBe(behind.unknownOnly.size);
      expect(theme.truncated).toBe(false);
    }
  });

  it('filters to a trust, a site or a theme, and the site figures equal the whole view\'s', async () => {
    const site = (await (await get(`/v1/frameworks/cyber-essentials?as_of=${AS_OF}&trust=t2&site=t2-d`)).json()) as CyberEssentialsView;
    expect(site.trusts).toEqual([view.trusts[1]!].map((t) => ({ ...t, themes: t.sites[1]!.themes, sites: [t.sites[1]] })));
    const malware = site.themes.find((t) => t.id === 'malware-protection')!;
    expect(malware.findings.map((f) => [variants.get(f.device_id), f.reason])).toEqual([['av-formula', 'real-time protection off']]);
    const one = (await (await get(`/v1/frameworks/cyber-essentials?as_of=${AS_OF}&theme=firewalls`)).json()) as CyberEssentialsView;
    expect(one.themes.map((t) => t.id)).toEqual(['firewalls']);
    expect(one.themes[0]).toEqual(view.themes[0]);
  });

  it('exports the same findings as CSV, each row labelled indicative, with formula-like cells defused', async () => {
    const response = await get(`/v1/frameworks/cyber-essentials?as_of=${AS_OF}&format=csv`);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="cyber-essentials-indicative-all-themes-${AS_OF}.csv"`);
    const text = await response.text();
    const { header, rows } = findingsOfCsv(text);
    expect(header).toEqual(['theme', 'clause', 'control_id', 'device_id', 'trust_id', 'site_id', 'kind', 'hostname', 'model', 'os', 'last_seen', 'reason', 'evidence', 'failing_since', 'indicative']);
    const fromJson = view.themes.flatMap((t) => t.findings.map((f) => [t.id, f.control_id, f.device_id, f.reason]));
    expect(rows.map((r) => [r.theme, r.control_id, r.device_id, r.reason])).toEqual(fromJson);
    expect(new Set(rows.map((r) => r.indicative))).toEqual(new Set([view.disclaimer]));
    // The anti-malware product name the agent sent begins with "=": the cell starts with a quote.
    expect(text).toContain(`"'=SUM(1,2), real-time off, signatures 1 days old"`);
  });

  it('refuses an unknown theme, a future date, a missing token and a wrong one', async () => {
    const theme = await get('/v1/frameworks/cyber-essentials?theme=passwords');
    expect(theme.status).toBe(400);
    expect(((await theme.json()) as { error: string }).error).toBe('invalid query: theme must be one of firewalls, secure-configuration, security-update-management, user-access-control, malware-protection');
    expect((await get('/v1/frameworks/cyber-essentials?as_of=2999-01-01')).status).toBe(400);
    expect((await fetch(`${collector.url}/v1/frameworks/cyber-essentials`)).status).toBe(401);
    expect((await get('/v1/frameworks/cyber-essentials', 'sfv_wrong')).status).toBe(403);
  });
});
