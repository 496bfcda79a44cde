import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../../collector/service.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../../helpers/collector.js';
import { postReport } from '../../helpers/reports.js';
import { AS_OF, reportFor, type Variant } from '../../helpers/scoring-fleet.js';
import { tempDir } from '../../helpers/temp.js';

/**
 * 32 hand-built devices in three sites of two trusts, posted through the API; every expected
 * figure below is worked out by hand from test/helpers/scoring-fleet.ts and controls.yaml.
 *
 * Weights: infrastructure AGE 1, HW 1, BATT 0.5, WIFI 1, LAT 1 (4.5); cyber OS 2, PATCH 2,
 * ENCRYPT 1, FIREWALL 1, MALWARE 1, BOOT 0.5, REPORTING 1 (8.5). Pass rate = pass ÷ (pass + fail).
 */
const SITES: Record<string, { trust: string; devices: Variant[] }> = {
  // 12 laptops.
  't1-a': { trust: 't1', devices: ['good', 'good', 'good', 'old', 'lowram', 'battery', 'weakwifi', 'win10', 'w11-23h2-ent', 'unpatched', 'unencrypted', 'stale'] },
  // 7 laptops, 3 desktops (no battery, no Wi-Fi).
  't1-b': { trust: 't1', devices: ['good', 'good', 'good', 'desktop', 'desktop', 'desktop', 'hdd', 'slow', 'fwoff', 'unknowns'] },
  // 8 laptops, 2 Linux servers (no HW, battery, Wi-Fi or malware control).
  't2-c': { trust: 't2', devices: ['good', 'good', 'good', 'linux-server', 'linux-server', 'avoff', 'bootoff', 'unpatched', 'unpatched', 'old'] },
};

// No network gear in this fleet: its four controls have no devices in scope.
const NO_GEAR: Record<string, [number, number, number]> = { 'CYB-NET-FW': [0, 0, 0], 'CYB-NET-PATCH': [0, 0, 0], 'INF-NET-ERR': [0, 0, 0], 'CYB-NET-MGMT': [0, 0, 0] };

// [pass, fail, unknown] per control.
const EXPECTED_COUNTS: Record<string, Record<string, [number, number, number]>> = {
  't1-a': {
    // stale: its one report is 20 days old — inventory still known, samples outside the 7-day
    // window (Wi-Fi, latency unknown), Defender signatures 21 days old (malware fails).
    'INF-AGE': [11, 1, 0], 'INF-HW': [11, 1, 0], 'INF-BATT': [11, 1, 0], 'INF-WIFI': [10, 1, 1], 'INF-LAT': [11, 0, 1],
    'CYB-OS-SUPPORTED': [10, 2, 0], 'CYB-PATCH': [11, 1, 0], 'CYB-ENCRYPT': [11, 1, 0], 'CYB-FIREWALL': [12, 0, 0],
    'CYB-MALWARE': [11, 1, 0], 'CYB-BOOT': [12, 0, 0], 'CYB-REPORTING': [11, 1, 0], ...NO_GEAR,
  },
  't1-b': {
    'INF-AGE': [9, 0, 1], 'INF-HW': [9, 1, 0], 'INF-BATT': [7, 0, 0], 'INF-WIFI': [7, 0, 0], 'INF-LAT': [9, 1, 0],
    'CYB-OS-SUPPORTED': [10, 0, 0], 'CYB-PATCH': [10, 0, 0], 'CYB-ENCRYPT': [9, 0, 1], 'CYB-FIREWALL': [9, 1, 0],
    'CYB-MALWARE': [10, 0, 0], 'CYB-BOOT': [10, 0, 0], 'CYB-REPORTING': [10, 0, 0], ...NO_GEAR,
  },
  't2-c': {
    'INF-AGE': [9, 1, 0], 'INF-HW': [8, 0, 0], 'INF-BATT': [8, 0, 0], 'INF-WIFI': [8, 0, 0], 'INF-LAT': [10, 0, 0],
    'CYB-OS-SUPPORTED': [10, 0, 0], 'CYB-PATCH': [8, 2, 0], 'CYB-ENCRYPT': [10, 0, 0], 'CYB-FIREWALL': [10, 0, 0],
    'CYB-MALWARE': [7, 1, 0], 'CYB-BOOT': [9, 1, 0], 'CYB-REPORTING': [10, 0, 0], ...NO_GEAR,
  },
};

const EXPECTED_SITES = {
  // infra (11/12 + 11/12 + .5·11/12 + 10/11 + 1)/4.5 = 93.350 %; cyber (2·10/12 + 2·11/12 + 11/12 + 1 + 11/12
  // + .5 + 11/12)/8.5 = 91.176 %; score 92.26 → level 5, capped to 2: 2/12 = 16.7 % unsupported OS > 5 %;
  // 5 % of 12 is 0.6 devices, so both must pass to lift the cap.
  't1-a': { infrastructure: 93.4, cyber: 91.2, score: 92.3, level: 2, band_level: 5, capped_by: [{ gate: 'supported-software', level: 3, controls: ['CYB-OS-SUPPORTED', 'CYB-NET-FW'], fail: 2, fail_share: 0.1667, max_fail_share: 0.05, devices_to_fix: 2 }], next_level: { level: 3, score_gap: 0, gates: [{ gate: 'supported-software', devices_to_fix: 2 }] }, coverage: 0.9167, devices: 12 },
  // infra (1 + .9 + .5 + 1 + .9)/4.5 = 95.556 %; cyber (2 + 2 + 1 + .9 + 1 + .5 + 1)/8.5 = 98.824 %; 97.19 → 5, no cap.
  't1-b': { infrastructure: 95.6, cyber: 98.8, score: 97.2, level: 5, band_level: 5, capped_by: [], next_level: null, coverage: 1, devices: 10 },
  // infra (.9 + 1 + .5 + 1 + 1)/4.5 = 97.778 %; cyber (2 + 2·.8 + 1 + 1 + 7/8 + .5·.9 + 1)/8.5 = 93.235 %;
  // 95.51 → 5, capped to 3: 2/10 = 20 % miss the 14-day patch rule > 10 %; 10 % of 10 may fail, so
  // one of the two must pass to lift the cap.
  't2-c': { infrastructure: 97.8, cyber: 93.2, score: 95.5, level: 3, band_level: 5, capped_by: [{ gate: 'security-updates', level: 4, controls: ['CYB-PATCH'], fail: 2, fail_share: 0.2, max_fail_share: 0.1, devices_to_fix: 1 }], next_level: { level: 4, score_gap: 0, gates: [{ gate: 'security-updates', devices_to_fix: 1 }] }, coverage: 1, devices: 10 },
};

const EXPECTED_TRUSTS = {
  // Sites a + b summed per control, e.g. AGE 20/21, HW 20/22, BATT 18/19, WIFI 17/18, LAT 20/21:
  // infra 4.231981/4.5 = 94.044 %; cyber (2·20/22 + 2·21/22 + 20/21 + 21/22 + 21/22 + .5 + 21/22)/8.5
  // = 94.627 %; 94.34 → 5, capped to 2: 2/22 = 9.1 % unsupported OS.
  t1: { infrastructure: 94.0, cyber: 94.6, score: 94.3, level: 2, level_name: 'Developing', coverage: 0.9545, devices: 22 },
  t2: { infrastructure: 97.8, cyber: 93.2, score: 95.5, level: 3, level_name: 'Established', coverage: 1, devices: 10 },
};

describe('scores of a hand-built fleet match the hand-worked figures', () => {
  const dir = tempDir('fleet');
  let collector: RunningCollector;
  const deviceIds = new Map<string, { variant: Variant; site: string }>();
  let viewer: (path: string) => Promise<Response>;

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
    const admin = adminFor(collector.url, dir.path);
    let n = 0;
    for (const [site, { trust, devices }] of Object.entries(SITES)) {
      const secret = await siteWithSecret(admin, site, trust);
      for (const variant of devices) {
        const device = await enroll(collector.url, secret, (n++).toString(16).padStart(64, '0'));
        deviceIds.set(device.device_id, { variant, site });
        const response = await postReport(collector.url, device.node_key, reportFor(variant, device.device_id));
        expect(response.status).toBe(202);
      }
    }
    viewer = (path) => fetch(`${collector.url}${path}`, { headers: { authorization: `Bearer ${collector.viewerToken}` } });
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  it('per-control pass / fail / unknown counts per site', async () => {
    const body = (await (await viewer(`/v1/scores?as_of=${AS_OF}`)).json()) as { trusts: Array<{ sites: Array<{ site_id: string; controls: Array<{ control_id: string; pass: number; fail: number; unknown: number }> }> }> };
    for (const site of body.trusts.flatMap((t) => t.sites)) {
      const actual = Object.fromEntries(site.controls.map((c) => [c.control_id, [c.pass, c.fail, c.unknown]]));
      expect(actual, site.site_id).toEqual(EXPECTED_COUNTS[site.site_id]);
    }
  });

  it('site and trust scores, levels, caps and coverage', async () => {
    const body = (await (await viewer(`/v1/scores?as_of=${AS_OF}`)).json()) as { trusts: Array<Record<string, unknown> & { trust_id: string; sites: Array<Record<string, unknown> & { site_id: string }> }> };
    expect(body.trusts.map((t) => t.trust_id)).toEqual(['t1', 't2']);
    for (const trust of body.trusts) {
      expect(trust, trust.trust_id).toMatchObject(EXPECTED_TRUSTS[trust.trust_id as keyof typeof EXPECTED_TRUSTS]);
      for (const site of trust.sites) expect(site, site.site_id).toMatchObject(EXPECTED_SITES[site.site_id as keyof typeof EXPECTED_SITES]);
    }
  });

  it('explains a device down to each control, its reason and evidence', async () => {
    const id = [...deviceIds].find(([, d]) => d.variant === 'unknowns')![0];
    const device = (await (await viewer(`/v1/devices/${id}?as_of=${AS_OF}`)).json()) as { score: number; controls: Array<{ control_id: string; status: string; reason: string }> };
    const byId = Object.fromEntries(device.controls.map((c) => [c.control_id, c]));
    expect(byId['INF-AGE']).toMatchObject({ status: 'unknown', reason: 'age unknown: no firmware release date' });
    expect(byId['CYB-ENCRYPT']).toMatchObject({ status: 'unknown', reason: 'encryption unknown: manage-bde needs administrator rights' });
    expect(device.controls.filter((c) => c.status === 'pass')).toHaveLength(10);
    expect(device.score).toBe(100); // unknown is left out of the device score, never counted as pass
  });

  it('lists the unsupported devices of a site, as JSON and as CSV, with the same devices', async () => {
    const json = (await (await viewer(`/v1/devices?as_of=${AS_OF}&site=t1-a&list=unsupported`)).json()) as { total: number; devices: Array<{ device_id: string; reason: string }> };
    const expected = [...deviceIds].filter(([, d]) => d.site === 't1-a' && ['win10', 'w11-23h2-ent'].includes(d.variant)).map(([id]) => id).sort();
    expect(json.total).toBe(2);
    expect(json.devices.map((d) => d.device_id).sort()).toEqual(expected);
    expect(json.devices.map((d) => d.reason).sort()).toEqual([
      'Windows 10 Enterprise 22H2 out of support since 2025-10-14',
      'Windows 11 Enterprise 23H2 out of support since 2026-11-10',
    ]);
    const csv = await (await viewer(`/v1/devices?as_of=${AS_OF}&site=t1-a&list=unsupported&format=csv`)).text();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('device_id,trust_id,site_id,kind,hostname,model,os,last_seen,control_id,status,reason,evidence,failing_since');
    expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual(expected);
  });

  it('rejects bad queries naming the parameter, and needs the viewer token', async () => {
    const bad = await viewer('/v1/devices?limit=0&list=everything');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { problems: Array<{ field: string }> }).problems.map((p) => p.field).sort()).toEqual(['limit', 'list']);
    expect((await fetch(`${collector.url}/v1/scores`)).status).toBe(401);
  });
});
