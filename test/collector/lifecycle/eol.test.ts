import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalogue } from '../../../collector/lifecycle/catalogue.js';
import { installCatalogue, loadCatalogue } from '../../../collector/lifecycle/catalogue-store.js';
import { lifecycleKey, networkLifecycleKey } from '../../../collector/lifecycle/keys.js';
import { lifecycleColumns, lifecycleJoins } from '../../../collector/lifecycle/support-sql.js';
import { Store } from '../../../collector/store/store.js';
import type { OperatingSystem } from '../../../protocol/index.js';
import { tempDir } from '../../helpers/temp.js';
import { DATED_RELEASES, HOSTILE, NEWER_THAN_CATALOGUE, OLDER_THAN_CATALOGUE } from './releases.js';

const SHIPPED = readFileSync(new URL('../../../collector/lifecycle/catalogue.yaml', import.meta.url), 'utf8');
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe('end-of-life catalogue file', () => {
  const catalogue = parseCatalogue(SHIPPED);

  it('covers every family back to XP / Server 2003, Mac OS X 10.x, Debian 7, RHEL 5 and Ubuntu 12.04, every entry sourced', () => {
    const products = new Set(catalogue.entries.map((e) => e.product));
    for (const p of ['windows-xp', 'windows-vista', 'windows-7', 'windows-8', 'windows-8.1', 'windows-10', 'windows-11', 'windows-server', 'macos', 'ubuntu', 'debian', 'rhel', 'centos', 'centos-stream', 'rocky', 'almalinux', 'oracle-linux', 'sles', 'opensuse-leap', 'fedora', 'cisco-ios-xe', 'arubaos', 'arubaos-switch', 'junos', 'fortios']) {
      expect(products, p).toContain(p);
    }
    const versions = (product: string) => catalogue.entries.filter((e) => e.product === product).map((e) => e.version);
    expect(versions('windows-server')).toEqual(expect.arrayContaining(['2003', '2003 R2', '1709', '23H2', '2025']));
    expect(versions('macos')).toContain('10.4');
    expect(versions('debian')).toContain('7');
    expect(versions('rhel')).toContain('5');
    // Every Ubuntu release from 12.04 on, interim ones included: two a year, April and October.
    const ubuntu = versions('ubuntu');
    for (let year = 12; year <= 26; year++) for (const month of ['04', '10']) expect(ubuntu, `${year}.${month}`).toContain(`${year}.${month}`);
    expect(catalogue.entries.filter((e) => e.editions === 'ltsc' || e.editions === 'iot-ltsc').map((e) => `${e.product} ${e.version} ${e.editions}`)).toHaveLength(10);
    expect(catalogue.entries.every((e) => e.source.startsWith('https://'))).toBe(true);
    // An estimated date says why it is what it is.
    expect(catalogue.entries.filter((e) => e.confidence === 'estimated' && !e.note && !e.product.match(/ios|junos|fortios|aruba|aos/))).toEqual([]);
    expect(catalogue.reviewed).toBe('2026-12-02');
  });

  it('a bad file is refused with the line and the reason', () => {
    const head = 'revision: x\nreviewed: 2026-12-01\nentries:\n';
    expect(() => parseCatalogue(`${head}  - { product: macos, version: "14", editions: "*", release: 2023-09-26, end_of_support: soon, source: "https://a.b" }`, 'new.yaml'))
      .toThrow('new.yaml:4: entries.0.end_of_support: Invalid ISO date');
    expect(() => parseCatalogue(`${head}  - { product: macos, version: "14", editions: "*", release: 2023-09-26, end_of_support: 2026-01-01, extended: { programme: p, end: 2025-01-01 }, source: "https://a.b" }`))
      .toThrow(/:4: entries\.0\.extended\.end: ends before end_of_support/);
    const twice = '  - { product: macos, version: "14", editions: "*", release: 2023-09-26, end_of_support: 2026-01-01, source: "https://a.b" }\n';
    expect(() => parseCatalogue(`${head}${twice}${twice}`)).toThrow(/:5: entries\.1: repeats entries\.0/);
    expect(() => parseCatalogue(`${head}  - { product: windows-11, version: 27H2, editions: "*", release: 2027-09-01, end_of_support: 2029-10-01, source: "https://a.b" }`))
      .toThrow(/:4: entries\.0\.version: windows-11 27H2 is not a release the collector can recognise/);
    expect(() => parseCatalogue('revision: x\nentries: []')).toThrow(/reviewed/);
    expect(() => parseCatalogue(`${head}  - {`)).toThrow(/:4: not valid YAML/);
  });

  it('lists every problem of a bad file at once, one a line', () => {
    const head = 'revision: x\nreviewed: 2026-12-01\nentries:\n';
    const backwards = '  - { product: macos, version: "14", editions: "*", release: 2023-09-26, end_of_support: 2020-01-01, source: "https://a.b" }\n';
    const unknownBuild = '  - { product: windows-11, version: 27H2, editions: "*", release: 2027-09-01, end_of_support: 2029-10-01, source: "https://a.b" }\n';
    const refusal = (() => {
      try {
        parseCatalogue(`${head}${backwards}${unknownBuild}`, 'two.yaml');
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(refusal?.split('\n')).toEqual([
      'two.yaml:4: entries.0.end_of_support: before release',
      'two.yaml:5: entries.1.version: windows-11 27H2 is not a release the collector can recognise (a Windows release needs its build in collector/lifecycle/windows.ts)',
    ]);
  });
});

// Every release on both sides of its last day, and the releases the catalogue does not list,
// decided by the scoring SQL on the real engine from the key the ingest path stores.
describe('support status as of a date (ClickHouse SQL)', () => {
  const dir = tempDir('eol');
  let store: Store;
  beforeAll(async () => {
    store = await Store.open({ dataDir: dir.path, database: 'sf' });
    await installCatalogue(store, parseCatalogue(SHIPPED));
  });
  afterAll(async () => {
    await store.close();
    dir.remove();
  });

  async function decide(oses: OperatingSystem[], asOf: string, enrolled = false): Promise<Array<{ os_support: string; os_support_reason: string; os_end_of_support: string | null }>> {
    const keys = oses.map((os) => JSON.stringify(lifecycleKey(os)));
    return store.query(
      `SELECT ${lifecycleColumns('lc', 'os', 'operating system not reported')}
       FROM (SELECT arrayJoin(arrayEnumerate({keys:Array(String)})) AS n, {keys:Array(String)}[n] AS lc, ${enrolled ? 1 : 0} AS extended_enrolled) AS k
       ${lifecycleJoins('lc')}
       ORDER BY n SETTINGS join_use_nulls = 0`,
      { keys, as_of: asOf },
    );
  }

  it(`${DATED_RELEASES.length} releases, the oldest and newest of every family: supported on their last day, unsupported the day after`, async () => {
    expect(DATED_RELEASES.length).toBeGreaterThanOrEqual(40);
    for (const release of DATED_RELEASES) {
      const [onLastDay] = await decide([release.os], release.lastDay);
      const [dayAfterIt] = await decide([release.os], dayAfter(release.lastDay));
      expect(onLastDay, `${release.label} on ${release.lastDay}`).toMatchObject({ os_support: 'supported', os_end_of_support: release.lastDay });
      expect(dayAfterIt, `${release.label} after ${release.lastDay}`).toMatchObject({ os_support: 'unsupported', os_end_of_support: release.lastDay });
    }
  });

  it('an extended programme counts only for an enrolled device, and only until it ends', async () => {
    const [esu] = await decide([DATED_RELEASES.find((r) => r.label === 'Windows 10 22H2 Pro')!.os], '2026-12-02', true);
    expect(esu).toMatchObject({ os_support: 'extended', os_end_of_support: '2028-10-10' });
    const [ended] = await decide([DATED_RELEASES.find((r) => r.label === 'Windows 10 22H2 Pro')!.os], '2028-10-11', true);
    expect(ended).toMatchObject({ os_support: 'unsupported' });
  });

  it('a release older than every catalogued one of its line fails, the reason naming it and the oldest catalogued', async () => {
    const results = await decide(OLDER_THAN_CATALOGUE.map((r) => r.os), '2026-12-02');
    results.forEach((result, i) => {
      const { label, names } = OLDER_THAN_CATALOGUE[i]!;
      expect(result.os_support, label).toBe('unsupported');
      expect(result.os_support_reason, label).toContain(`${names} `);
      expect(result.os_support_reason, label).toMatch(/is older than every .* release in the end-of-life catalogue; the oldest it lists, .*, was supported until \d{4}-\d\d-\d\d$/);
    });
    expect(results[0]!.os_support_reason).toBe('windows-2000 * is older than every windows release in the end-of-life catalogue; the oldest it lists, windows-xp *, was supported until 2014-04-08');
    // Not before the oldest catalogued release itself ended: then nothing certain is known.
    const [early] = await decide([OLDER_THAN_CATALOGUE[4]!.os], '2018-01-01');
    expect(early).toMatchObject({ os_support: 'unknown' });
  });

  it('a release newer than the newest catalogued one is unknown, "not yet in the end-of-life catalogue", never supported', async () => {
    const results = await decide(NEWER_THAN_CATALOGUE.map((r) => r.os), '2026-12-02');
    results.forEach((result, i) => {
      expect(result.os_support, NEWER_THAN_CATALOGUE[i]!.label).toBe('unknown');
      expect(result.os_support_reason, NEWER_THAN_CATALOGUE[i]!.label).toMatch(/^not yet in the end-of-life catalogue: .* is newer than the newest release it lists \(.*\)$/);
    });
    expect(results[0]!.os_support_reason).toBe('not yet in the end-of-life catalogue: ubuntu 27.04 is newer than the newest release it lists (ubuntu 26.10)');
  });

  it(`${HOSTILE.length} hostile or malformed descriptions never come out supported`, async () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(15);
    for (const asOf of ['2026-12-02', '2040-01-01']) {
      const results = await decide(HOSTILE.map((h) => h.os), asOf, true);
      results.forEach((result, i) => expect(result.os_support, `${HOSTILE[i]!.label} on ${asOf}`).toMatch(/^(unknown|unsupported)$/));
    }
  });

  it('network firmware trains follow the same rules: a train older than every catalogued one fails, a newer one is a gap', async () => {
    const keys = [networkLifecycleKey('FortiOS', 'v6.0.18'), networkLifecycleKey('IOS-XE', '16.9.8'), networkLifecycleKey('FortiOS', 'v7.6.1'), networkLifecycleKey('FortiOS', 'v8.0.0'), networkLifecycleKey('IOS-XE', '17.7.1')];
    const rows = await store.query<{ firmware_support: string; firmware_support_reason: string }>(
      `SELECT ${lifecycleColumns('lc', 'firmware', 'firmware not identified')}
       FROM (SELECT arrayJoin(arrayEnumerate({keys:Array(String)})) AS n, {keys:Array(String)}[n] AS lc, 0 AS extended_enrolled) AS k
       ${lifecycleJoins('lc')} ORDER BY n SETTINGS join_use_nulls = 0`,
      { keys: keys.map((k) => JSON.stringify(k)), as_of: '2026-12-02' },
    );
    expect(rows.map((r) => r.firmware_support)).toEqual(['unsupported', 'unsupported', 'supported', 'unknown', 'unknown']);
    expect(rows[0]!.firmware_support_reason).toBe('fortios 6.0 is older than every fortios release in the end-of-life catalogue; the oldest it lists, fortios 6.4, was supported until 2024-09-30');
    expect(rows[3]!.firmware_support_reason).toBe('not yet in the end-of-life catalogue: fortios 8.0 is newer than the newest release it lists (fortios 7.6)');
    expect(rows[4]!.firmware_support_reason).toBe('not in the end-of-life catalogue: cisco-ios-xe 17.7');
  });

  it('an updated catalogue changes the result with no code change; a bad one changes nothing', async () => {
    const w11 = DATED_RELEASES.find((r) => r.label === 'Windows 11 23H2 Education')!.os;
    expect((await decide([w11], '2026-11-23'))[0]!.os_support).toBe('unsupported');
    const extended = SHIPPED.replace(/(version: "23H2", editions: enterprise-education, release: 2023-10-31, end_of_support: )2026-11-10/, '$12027-01-31');
    expect(extended).not.toBe(SHIPPED);
    expect(await loadCatalogue(store, extended, 'extended.yaml')).toMatchObject({ installed: true, reviewed: '2026-12-02' });
    expect((await decide([w11], '2026-11-23'))[0]!.os_support).toBe('supported');
    await expect(loadCatalogue(store, extended.replace('end_of_support: 2027-01-31', 'end_of_support: soon'), 'broken.yaml')).rejects.toThrow(/^broken\.yaml:\d+: entries\.\d+\.end_of_support/);
    expect((await decide([w11], '2026-11-23'))[0]!.os_support).toBe('supported');
    expect(await loadCatalogue(store, SHIPPED, 'shipped')).toMatchObject({ installed: true });
    expect((await decide([w11], '2026-11-23'))[0]!.os_support).toBe('unsupported');
    expect(await loadCatalogue(store, SHIPPED, 'shipped')).toMatchObject({ installed: false });
  });
});
