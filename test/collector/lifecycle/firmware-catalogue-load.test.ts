import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Operations } from '../../../collector/queries/operations.js';
import type { RunningCollector } from '../../../collector/service.js';
import type { NetworkDevice, Report } from '../../../protocol/index.js';
import { adminFor, collectorCli, enroll, siteWithSecret, startTestCollector } from '../../helpers/collector.js';
import { postReport } from '../../helpers/reports.js';
import { tempDir } from '../../helpers/temp.js';

const daysBefore = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** A weekly firmware catalogue as a network team writes it, its releases dated back from `reviewed`. */
function weeklyCatalogue(revision: string, reviewed: string, iosXe: Array<[version: string, daysBeforeReview: number]>): string {
  const releases = iosXe.map(([version, days]) => `      - { version: ${version}, release: ${daysBefore(reviewed, days)} }`).join('\n');
  return `revision: ${revision}
reviewed: ${reviewed}
trains:
  - platform: cisco-ios-xe
    train: "17.9"
    source: https://example.org/ios-xe-17-9-release-notes
    releases:
${releases}
  - platform: pan-os
    train: "10.2"
    source: https://example.org/pan-os-10-2-release-notes
    releases:
      - { version: 10.2.9, release: ${daysBefore(reviewed, 30)} }
`;
}

// Firmware fixes come out weekly: a network team loads a newer firmware release catalogue into a
// running collector (CLI and admin API), or names one for the next start, without waiting for a release.
describe('firmware release catalogue: named at start, loaded into a running collector, refused with every problem', () => {
  const dir = tempDir('firmware-load');
  let collector: RunningCollector;
  // The collector's today, as its scoring service takes it (UTC).
  const today = new Date().toISOString().slice(0, 10);
  const file = (name: string, text: string) => {
    const path = join(dir.path, name);
    writeFileSync(path, text);
    return path;
  };
  const admin = () => ['--url', collector.url, '--data-dir', dir.path];
  const read = async <T,>(path: string): Promise<T> => {
    const response = await fetch(`${collector.url}${path}`, { headers: { authorization: `Bearer ${collector.viewerToken}` } });
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };
  /** Today's CYB-NET-PATCH per box, as a reader of the API sees it. */
  const firmwareCurrency = async () =>
    (await read<{ devices: Array<{ model: string; status: string; reason: string }> }>(`/v1/devices?as_of=${today}&kind=network&control=CYB-NET-PATCH`)).devices
      .map((d) => [d.model, d.status, d.reason]).sort();
  /** The load in force: its revision and when it was loaded. */
  const activeLoad = async () => (await collector.store.query<{ revision: string; last_loaded: string }>(`SELECT argMax(revision, loaded_at) AS revision, toString(max(loaded_at)) AS last_loaded FROM {db}.firmware_catalogue_active`))[0]!;
  const currentRun = async () => (await read<{ runs: Array<{ run_id: string; reason: string; current: boolean }> }>(`/v1/runs?as_of=${today}`)).runs.find((r) => r.current)!;

  beforeAll(async () => {
    // The setting names this week's file: 17.9.4a came out 20 days before the review.
    collector = await startTestCollector(dir.path, { firmwareCatalogue: file('week-1.yaml', weeklyCatalogue('week-1', today, [['17.9.4', 60], ['17.9.4a', 20]])) });
    const secret = await siteWithSecret(adminFor(collector.url, dir.path), 'core', 'trust', { role: 'poller' });
    const poller = await enroll(collector.url, secret, 'f'.repeat(64));
    const polledAt = new Date().toISOString();
    const gear = (model: string, firmware: string): NetworkDevice => ({
      target: model, address: '127.0.0.1', polled_at: polledAt, snmp_version: 'v3', security_level: 'authPriv', vendor: 'Cisco', os: 'IOS-XE', model, firmware,
    });
    const report: Report = { schema: 'sf.report/v1', report_id: randomUUID(), device_id: poller.device_id, agent_version: '0.1.0', collected_at: polledAt, network_devices: [gear('C9300-48P', '17.9.4a'), gear('C9200L-24P', '17.9.4')] };
    expect((await postReport(collector.url, poller.node_key, report)).status).toBe(202);
  }, 120_000);
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  it('the file --firmware-catalogue names is the one in force after start', async () => {
    expect((await activeLoad()).revision).toMatch(/^week-1\+[0-9a-f]{12}$/);
    expect(await firmwareCurrency()).toEqual([
      ['Cisco C9200L-24P', 'fail', `Cisco C9200L-24P IOS-XE 17.9.4: a newer cisco-ios-xe 17.9 release, 17.9.4a (${daysBefore(today, 20)}), has been out 20 days (more than 14); latest 17.9.4a (${daysBefore(today, 20)})`],
      ['Cisco C9300-48P', 'pass', ''],
    ]);
  });

  it('a bad file is refused with every problem, each with its line and reason, and nothing changes', async () => {
    const before = { load: await activeLoad(), run: await currentRun() };
    const text = weeklyCatalogue('week-2', today, [['17.9.4', 60], ['17.9.4a', 20], ['17.12.1', 5], ['17.9.5', -3]]);
    const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
    const refused = await collectorCli(['firmware-catalogue', 'load', file('week-2-bad.yaml', text), ...admin()]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(`week-2-bad.yaml:${lineOf('17.12.1')}: trains.0.releases.2.version: 17.12.1 belongs to train 17.12, not 17.9`);
    expect(refused.out).toContain(`week-2-bad.yaml:${lineOf('17.9.5')}: trains.0.releases.3.release: after the day the train is known to (${today})`);
    // The admin API refuses the same way when called directly (the CLI checks before it sends).
    const response = await fetch(`${collector.url}/v1/admin/firmware-catalogue?name=direct.yaml`, { method: 'POST', headers: { authorization: `Bearer ${collector.adminToken}`, 'content-type': 'application/yaml' }, body: text });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error.split('\n')).toEqual([
      `direct.yaml:${lineOf('17.12.1')}: trains.0.releases.2.version: 17.12.1 belongs to train 17.12, not 17.9`,
      `direct.yaml:${lineOf('17.9.5')}: trains.0.releases.3.release: after the day the train is known to (${today}): a release cannot be dated before it is out`,
    ]);
    expect({ load: await activeLoad(), run: await currentRun() }).toEqual(before);
  });

  it('a newer file loads without a restart and today is scored again against it; the same file again changes nothing', async () => {
    const week2 = file('week-2.yaml', weeklyCatalogue('week-2', today, [['17.9.4', 60], ['17.9.4a', 20], ['17.9.5', 16]]));
    const loaded = await collectorCli(['firmware-catalogue', 'load', week2, ...admin()]);
    expect(loaded.code, loaded.out).toBe(0);
    expect(loaded.out).toMatch(new RegExp(`week-2\\.yaml: revision week-2\\+[0-9a-f]{12}, 2 trains, 4 releases, reviewed ${today}: loaded; scores are recomputed against it`));
    expect(await firmwareCurrency()).toEqual([
      ['Cisco C9200L-24P', 'fail', `Cisco C9200L-24P IOS-XE 17.9.4: a newer cisco-ios-xe 17.9 release, 17.9.4a (${daysBefore(today, 20)}), has been out 20 days (more than 14); latest 17.9.5 (${daysBefore(today, 16)})`],
      ['Cisco C9300-48P', 'fail', `Cisco C9300-48P IOS-XE 17.9.4a: a newer cisco-ios-xe 17.9 release, 17.9.5 (${daysBefore(today, 16)}), has been out 16 days (more than 14); latest 17.9.5 (${daysBefore(today, 16)})`],
    ]);
    const run = await currentRun();
    expect(run.reason).toBe('firmware catalogue change');
    const again = await collectorCli(['firmware-catalogue', 'load', week2, ...admin()]);
    expect(again.out).toContain(`reviewed ${today}: already the active catalogue`);
    expect((await currentRun()).run_id).toBe(run.run_id);
  });

  it('a loaded catalogue reviewed more than 90 days ago is warned about, and its trains no longer pass', async () => {
    const reviewed = daysBefore(today, 120);
    const stale = file('stale.yaml', weeklyCatalogue('stale', reviewed, [['17.9.4', 60], ['17.9.4a', 20]]));
    expect((await collectorCli(['firmware-catalogue', 'load', stale, ...admin()])).out).toContain(`reviewed ${reviewed}: loaded`);
    const { catalogue } = await read<Operations>(`/v1/operations?as_of=${today}`);
    expect(catalogue.warnings).toContain(`the firmware release catalogue was last reviewed ${reviewed}, 120 days before ${today} (more than 14): no box can pass firmware currency (CYB-NET-PATCH) until it is reviewed, and releases since then are missing`);
    expect((await firmwareCurrency()).map(([model, status]) => [model, status])).toEqual([['Cisco C9200L-24P', 'fail'], ['Cisco C9300-48P', 'unknown']]);
  });

  it("at the next start the setting's file is loaded only when it differs from the one in force", async () => {
    const stale = await activeLoad();
    await collector.close();
    collector = await startTestCollector(dir.path, { firmwareCatalogue: join(dir.path, 'stale.yaml') });
    expect(await activeLoad()).toEqual(stale);
    await collector.close();
    collector = await startTestCollector(dir.path, { firmwareCatalogue: join(dir.path, 'week-2.yaml') });
    const reloaded = await activeLoad();
    expect(reloaded.revision).toMatch(/^week-2\+/);
    expect(reloaded.last_loaded > stale.last_loaded).toBe(true);
  }, 120_000);
});
