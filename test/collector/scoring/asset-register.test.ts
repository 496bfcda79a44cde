import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminTokenPath, type RunningCollector } from '../../../collector/service.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../../helpers/collector.js';
import { postReport } from '../../helpers/reports.js';
import { AS_OF, reportFor } from '../../helpers/scoring-fleet.js';
import { tempDir } from '../../helpers/temp.js';

// The asset register: purchase dates win over firmware dates, ESU enrolment keeps Windows 10
// supported, assets that never reported count against coverage, and assets leave it (disposed
// of, or their site retired).
describe('asset register import', () => {
  const dir = tempDir('assets');
  let collector: RunningCollector;
  let good: string;
  let win10: string;
  const serialOf = (deviceId: string) => deviceId.slice(-8).toUpperCase(); // as scoring-fleet.ts reports it

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
    const secret = await siteWithSecret(adminFor(collector.url, dir.path), 's1', 't');
    [good, win10] = await Promise.all(
      (['good', 'win10'] as const).map(async (variant, i) => {
        const device = await enroll(collector.url, secret, String(i + 1).repeat(64));
        expect((await postReport(collector.url, device.node_key, reportFor(variant, device.device_id))).status).toBe(202);
        return device.device_id;
      }),
    ) as [string, string];
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  const viewer = async <T>(path: string) =>
    (await (await fetch(`${collector.url}${path}`, { headers: { authorization: `Bearer ${collector.viewerToken}` } })).json()) as T;

  it('imports good rows and names the line and column of each bad one', async () => {
    const csv = [
      'Serial,Asset_Tag,Site,Purchase_Date,Warranty_End,Extended_Support',
      `${serialOf(good).toLowerCase()},NHS-0001,s1,2018-03-01,2021-03-01,no`,
      'NEVER-1,NHS-0002,s1,2024-01-10,,no',
      `${serialOf(win10)},NHS-0003,s1,,,yes`,
      'X1,NHS-0004,nosuchsite,2020-01-01,,no',
      'X2,NHS-0005,s1,2020-13-45,,no',
    ].join('\n');
    const result = await adminFor(collector.url, dir.path).importAssetRegister('t', csv);
    expect(result.imported).toBe(3);
    expect(result.errors).toEqual([
      'line 5: site: "nosuchsite" is not a site of trust t',
      expect.stringMatching(/^line 6: purchase_date: /),
    ]);
  });

  it('uses the purchase date for age, ESU for support, and counts the never-reported asset', async () => {
    type Device = { controls: Array<{ control_id: string; status: string; reason: string; evidence: string }> };
    const byControl = (d: Device) => Object.fromEntries(d.controls.map((c) => [c.control_id, c]));

    const goodDevice = byControl(await viewer<Device>(`/v1/devices/${good}?as_of=${AS_OF}`));
    expect(goodDevice['INF-AGE']).toMatchObject({ status: 'fail', reason: 'older than 5 years' });
    expect(goodDevice['INF-AGE']!.evidence).toMatch(/since 2018-03-01 \(asset register purchase date\)/);

    const esu = byControl(await viewer<Device>(`/v1/devices/${win10}?as_of=${AS_OF}`));
    expect(esu['CYB-OS-SUPPORTED']).toMatchObject({ status: 'pass', evidence: 'Windows 10 Enterprise 22H2, support ends 2028-10-10 (extended support programme)' });

    const never = byControl(await viewer<Device>(`/v1/devices/asset:NEVER-1?as_of=${AS_OF}`));
    expect(never['CYB-REPORTING']).toMatchObject({ status: 'fail', reason: 'never reported (listed in the asset register)' });
    expect(never['INF-AGE']).toMatchObject({ status: 'pass' }); // bought 2024-01-10

    const scores = await viewer<{ trusts: Array<{ coverage: number; devices: number }> }>(`/v1/scores?as_of=${AS_OF}`);
    expect(scores.trusts[0]).toMatchObject({ devices: 3, coverage: 0.6667 });
    const stale = await viewer<{ devices: Array<{ device_id: string }> }>(`/v1/devices?as_of=${AS_OF}&list=stale`);
    expect(stale.devices.map((d) => d.device_id)).toEqual(['asset:NEVER-1']);
  });

  it('a replace import removes the assets the file no longer lists, but keeps one whose row was rejected', async () => {
    const admin = adminFor(collector.url, dir.path);
    const csv = [
      'serial,site,purchase_date,extended_support',
      `${serialOf(good)},s1,2018-03-01,no`,
      `${serialOf(win10)},s1,not-a-date,yes`, // rejected: the asset stays as it was
    ].join('\n');
    const result = await admin.importAssetRegister('t', csv, 'replace');
    expect(result).toEqual({ imported: 1, removed: 1, errors: [expect.stringMatching(/^line 3: purchase_date: /)] });
    // An import does not rewrite a past date's stored run: it still answers as before the import...
    const kept = await viewer<{ trusts: Array<{ coverage: number; devices: number }> }>(`/v1/scores?as_of=${AS_OF}`);
    expect(kept.trusts[0]).toMatchObject({ devices: 3, coverage: 0.6667 });
    // ...until the date is scored again on request, which adds a run.
    await admin.reevaluateScores(AS_OF);

    const scores = await viewer<{ trusts: Array<{ coverage: number; devices: number }> }>(`/v1/scores?as_of=${AS_OF}`);
    expect(scores.trusts[0]).toMatchObject({ devices: 2, coverage: 1 });
    const stale = await viewer<{ devices: unknown[] }>(`/v1/devices?as_of=${AS_OF}&list=stale`);
    expect(stale.devices).toEqual([]);
    const esu = await viewer<{ controls: Array<{ control_id: string; status: string }> }>(`/v1/devices/${win10}?as_of=${AS_OF}`);
    expect(esu.controls.find((c) => c.control_id === 'CYB-OS-SUPPORTED')).toMatchObject({ status: 'pass' }); // still enrolled in ESU
  });

  it('refuses an unknown import mode, naming it', async () => {
    const response = await fetch(`${collector.url}/v1/admin/trusts/t/asset-register?mode=overwrite`, {
      method: 'POST',
      headers: { authorization: `Bearer ${readFileSync(adminTokenPath(dir.path), 'utf8').trim()}`, 'content-type': 'text/csv' },
      body: 'serial,site\nA,s1\n',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('mode must be one of merge, replace (got "overwrite")');
  });

  it('retiring a site removes its assets, so they stop counting as devices that never reported', async () => {
    const admin = adminFor(collector.url, dir.path);
    await admin.addSite({ site_id: 's2', trust_id: 't', name: 'Closing clinic' });
    await admin.importAssetRegister('t', 'serial,site\nCLINIC-1,s2\nCLINIC-2,s2\n');
    await admin.reevaluateScores(AS_OF);
    const before = await viewer<{ trusts: Array<{ devices: number }> }>(`/v1/scores?as_of=${AS_OF}`);
    expect(before.trusts[0]).toMatchObject({ devices: 4 });

    expect(await admin.retireSite('s2')).toEqual({ retired: 's2', assets_removed: 2 });
    await admin.reevaluateScores(AS_OF);
    const after = await viewer<{ trusts: Array<{ devices: number; coverage: number }> }>(`/v1/scores?as_of=${AS_OF}`);
    expect(after.trusts[0]).toMatchObject({ devices: 2, coverage: 1 });
  });
});
