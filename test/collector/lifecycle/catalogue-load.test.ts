import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Operations } from '../../../collector/queries/operations.js';
import type { RunningCollector } from '../../../collector/service.js';
import type { OperatingSystem } from '../../../protocol/index.js';
import { adminFor, enroll, siteWithSecret, startTestCollector, collectorCli } from '../../helpers/collector.js';
import { postReport } from '../../helpers/reports.js';
import { AS_OF, reportFor } from '../../helpers/scoring-fleet.js';
import { tempDir } from '../../helpers/temp.js';
import { lin, win } from './releases.js';

const SHIPPED = readFileSync(new URL('../../../collector/lifecycle/catalogue.yaml', import.meta.url), 'utf8');

const cli = collectorCli;

// The catalogue says when it was last reviewed, the IT-ops view and /v1/operations count the
// releases it does not know, and an admin switches a running collector to a newer file.
describe('end-of-life catalogue: review age, gaps, and loading a newer one without a restart', () => {
  const dir = tempDir('catalogue-load');
  let collector: RunningCollector;
  const admin = () => ['--url', collector.url, '--data-dir', dir.path];
  const get = async <T,>(path: string): Promise<T> => {
    const response = await fetch(`${collector.url}${path}`, { headers: { authorization: `Bearer ${collector.viewerToken}` } });
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };
  const reevaluate = async () => {
    const response = await fetch(`${collector.url}/v1/admin/scores/reevaluate?as_of=${AS_OF}`, { method: 'POST', headers: { authorization: `Bearer ${collector.adminToken}` } });
    expect(response.status).toBe(201);
  };

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
    const secret = await siteWithSecret(adminFor(collector.url, dir.path), 'ward', 'trust');
    const oses: OperatingSystem[] = [win('Windows 11 Enterprise', '25H2', '26200.7000', 'Enterprise'), lin('Ubuntu', '27.04'), lin('Ubuntu', '27.04'), win('Windows 11 Pro', undefined, '29000.1', 'Pro')];
    for (const [n, os] of oses.entries()) {
      const device = await enroll(collector.url, secret, n.toString(16).padStart(64, 'c'));
      const report = reportFor('good', device.device_id);
      expect((await postReport(collector.url, device.node_key, { ...report, inventory: { ...report.inventory, os } })).status).toBe(202);
    }
  }, 60_000);
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  it('/v1/operations counts the releases the catalogue does not list and warns about them', async () => {
    const { catalogue } = await get<Operations>(`/v1/operations?as_of=${AS_OF}`);
    expect(catalogue).toMatchObject({ reviewed: '2026-12-02', review_overdue: false, gap_devices: 3 });
    expect(catalogue.gaps).toEqual([
      { release: 'ubuntu 27.04', newer_than_catalogue: true, devices: 2 },
      { release: 'windows-11 build 29000 (home-pro)', newer_than_catalogue: true, devices: 1 },
    ]);
    expect(catalogue.warnings).toEqual([
      '3 devices report 2 releases the end-of-life catalogue does not list (ubuntu 27.04, windows-11 build 29000 (home-pro)): their support is unknown until the catalogue is updated',
      `the firmware release catalogue was last reviewed 2026-08-19, 93 days before ${AS_OF} (more than 14): no box can pass firmware currency (CYB-NET-PATCH) until it is reviewed, and releases since then are missing`,
    ]);
  });

  it('a bad file is refused with its line and reason, and nothing changes', async () => {
    const bad = join(dir.path, 'bad.yaml');
    writeFileSync(bad, SHIPPED.replace('reviewed: 2026-12-02', 'reviewed: 2026-12-02\nrubbish: [').replace(/^revision: .*$/m, 'revision: bad'));
    const refused = await cli(['catalogue', 'load', bad, ...admin()]);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/bad\.yaml:\d+: not valid YAML/);
    const wrongDate = join(dir.path, 'wrong-date.yaml');
    writeFileSync(wrongDate, SHIPPED.replace('end_of_support: 2027-10-12', 'end_of_support: 2027-13-12'));
    const line = SHIPPED.slice(0, SHIPPED.indexOf('end_of_support: 2027-10-12')).split('\n').length;
    expect((await cli(['catalogue', 'load', wrongDate, ...admin()])).out).toContain(`wrong-date.yaml:${line}: entries.`);
    // The API refuses the same way when called directly.
    const response = await fetch(`${collector.url}/v1/admin/eol-catalogue?name=direct.yaml`, { method: 'POST', headers: { authorization: `Bearer ${collector.adminToken}`, 'content-type': 'application/yaml' }, body: 'revision: x\nentries: []' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/^direct\.yaml:\d+: reviewed: /);
    expect((await get<Operations>(`/v1/operations?as_of=${AS_OF}`)).catalogue.reviewed).toBe('2026-12-02');
  });

  it('a newer file loads without a restart; its old review date is warned about, and the releases it adds are no longer gaps', async () => {
    const newer = join(dir.path, 'newer.yaml');
    writeFileSync(newer, SHIPPED.replace(/^revision: .*$/m, 'revision: 2027-01-15').replace(/^reviewed: .*$/m, 'reviewed: 2026-01-15')
      .replace('entries:\n', 'entries:\n  - { product: ubuntu, version: "27.04", editions: "*", release: 2027-04-22, end_of_support: 2028-01-20, source: "https://ubuntu.com/about/release-cycle" }\n'));
    const loaded = await cli(['catalogue', 'load', newer, ...admin()]);
    expect(loaded.code, loaded.out).toBe(0);
    expect(loaded.out).toMatch(/newer\.yaml: revision 2027-01-15\+[0-9a-f]{12}, \d+ entries, reviewed 2026-01-15: loaded/);
    await reevaluate();
    const { catalogue } = await get<Operations>(`/v1/operations?as_of=${AS_OF}`);
    expect(catalogue).toMatchObject({ reviewed: '2026-01-15', review_age_days: 309, review_overdue: true, gap_devices: 1 });
    expect(catalogue.warnings[0]).toBe(`the end-of-life catalogue was last reviewed 2026-01-15, 309 days before ${AS_OF} (more than 90): releases and dates since then may be missing`);
    // Ubuntu 27.04 is in the catalogue now; the devices on it are judged by its dates.
    const { devices } = await get<{ devices: Array<{ status: string; reason: string }> }>(`/v1/devices?as_of=${AS_OF}&control=CYB-OS-SUPPORTED&status=pass`);
    expect(devices).toHaveLength(3);
    expect((await cli(['catalogue', 'load', newer, ...admin()])).out).toContain('already the active catalogue');
  });

  it('the IT-ops view shows the review date, the warnings and the gaps', async () => {
    const login = await fetch(`${collector.url}/login`, { method: 'POST', redirect: 'manual', headers: { origin: collector.url, 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${encodeURIComponent(collector.viewerToken)}` });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const html = await (await fetch(`${collector.url}/ops?as_of=${AS_OF}`, { headers: { cookie } })).text();
    expect(html).toContain('data-value="reviewed">2026-01-15<');
    expect(html).toContain('data-value="catalogue-warning">the end-of-life catalogue was last reviewed 2026-01-15');
    expect(html).toContain('data-release="windows-11 build 29000 (home-pro)"');
  });
});
