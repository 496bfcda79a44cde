import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalogue } from '../../../collector/lifecycle/catalogue.js';
import { ACTIVE_CATALOGUE, installCatalogue, SUPPORT_STATUS } from '../../../collector/lifecycle/catalogue-store.js';
import { lifecycleKey } from '../../../collector/lifecycle/keys.js';
import { Store } from '../../../collector/store/store.js';
import type { OperatingSystem } from '../../../protocol/index.js';
import { tempDir } from '../../helpers/temp.js';

const SHIPPED = readFileSync(new URL('../../../collector/lifecycle/catalogue.yaml', import.meta.url), 'utf8');

const windows = (name: string, version: string, build: string, edition: string): OperatingSystem => ({
  family: 'windows', name, version, build, edition, kernel: `10.0.${build}`, arch: 'x64',
});
const other = (family: OperatingSystem['family'], name: string, version: string): OperatingSystem => ({
  family, name, version, build: { unknown: 'n/a' }, edition: { unknown: 'n/a' }, kernel: 'k', arch: 'x64',
});

describe('end-of-life catalogue file', () => {
  it('the shipped catalogue is valid, sourced, and covers every product family SCORING.md lists', () => {
    const catalogue = parseCatalogue(SHIPPED);
    const products = new Set(catalogue.entries.map((e) => e.product));
    for (const p of ['windows-10', 'windows-11', 'windows-server', 'macos', 'ubuntu', 'debian', 'rhel', 'cisco-ios-xe', 'arubaos', 'arubaos-switch', 'junos', 'fortios']) {
      expect(products, p).toContain(p);
    }
    expect(catalogue.entries.every((e) => e.source.startsWith('https://'))).toBe(true);
  });

  it('names the entry and field that is wrong', () => {
    expect(() => parseCatalogue('revision: x\nentries:\n  - { product: macos, version: "14", editions: "*", release: 2023-09-26, end_of_support: soon, source: "https://a.b" }'))
      .toThrow(/entries\.0\.end_of_support/);
    expect(() => parseCatalogue('revision: x\nentries:\n  - { product: macos, version: "14", editions: "*", release: 2023-09-26, end_of_support: 2026-01-01, extended: { programme: p, end: 2025-01-01 }, source: "https://a.b" }'))
      .toThrow(/entries\.0\.extended\.end: ends before end_of_support/);
    const twice = '  - { product: macos, version: "14", editions: "*", release: 2023-09-26, end_of_support: 2026-01-01, source: "https://a.b" }\n';
    expect(() => parseCatalogue(`revision: x\nentries:\n${twice}${twice}`)).toThrow(/entries\.1 repeats entries\.0/);
    expect(() => parseCatalogue('revision: x\nentries: [{')).toThrow(/not valid YAML/);
  });
});

describe('lifecycle key of a reported operating system', () => {
  it.each([
    [windows('Windows 11 Pro', '23H2', '22631.4460', 'Pro'), { product: 'windows-11', version: '23H2', edition: 'home-pro' }],
    [windows('Windows 11 Enterprise', '23H2', '22631.4460', 'Enterprise'), { product: 'windows-11', version: '23H2', edition: 'enterprise-education' }],
    [windows('Windows 11 Pro Education', '24H2', '26100.2314', 'Pro'), { product: 'windows-11', version: '24H2', edition: 'home-pro' }],
    [windows('Windows 10 Education', '22H2', '19045.5131', 'Education'), { product: 'windows-10', version: '22H2', edition: 'enterprise-education' }],
    [windows('Windows 10 Enterprise LTSC 2021', '21H2', '19044.5131', 'Enterprise'), { product: 'windows-10', version: '2021', edition: 'ltsc' }],
    [windows('Windows 10 Enterprise', '1809', '17763.6414', 'EnterpriseS'), { product: 'windows-10', version: '2019', edition: 'ltsc' }],
    [windows('Windows 10 IoT Enterprise LTSC 2021', '21H2', '19044.5131', 'IoT'), { product: 'windows-10', version: '2021', edition: 'iot-ltsc' }],
    [windows('Windows Server 2012 R2 Standard', '6.3', '9600.22074', 'Standard'), { product: 'windows-server', version: '2012 R2', edition: 'any' }],
    [windows('Windows 7 Professional', '6.1', '7601.24214', 'Professional'), { product: 'windows-7', version: '*', edition: 'any' }],
    [other('macos', 'macOS', '14.7.6'), { product: 'macos', version: '14', edition: 'any' }],
    [other('macos', 'macOS', '10.15.7'), { product: 'macos', version: '10.15', edition: 'any' }],
    [other('linux', 'Ubuntu', '22.04'), { product: 'ubuntu', version: '22.04', edition: 'any' }],
    [other('linux', 'Debian GNU/Linux', '12'), { product: 'debian', version: '12', edition: 'any' }],
    [other('linux', 'Red Hat Enterprise Linux', '9.4'), { product: 'rhel', version: '9', edition: 'any' }],
  ])('%o', (os, expected) => {
    expect(lifecycleKey(os)).toEqual(expected);
  });

  it('says why when it cannot tell', () => {
    expect(lifecycleKey(other('linux', 'Gentoo', '2.15'))).toEqual({ unknown: 'no lifecycle is known for "Gentoo 2.15"' });
    expect(lifecycleKey({ ...windows('Windows 11 Pro', '', '22631', 'Pro'), version: { unknown: 'no DisplayVersion' } })).toEqual({
      unknown: 'Windows version (e.g. 23H2) not reported',
    });
  });
});

// Dated cases on both sides of each boundary, evaluated by the scoring SQL on the real engine.
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

  const DEVICES = `SELECT * FROM VALUES('device_id String, product String, version String, edition String, extended_enrolled UInt8',
    ('w11-pro-23h2', 'windows-11', '23H2', 'home-pro', 0),
    ('w11-ent-23h2', 'windows-11', '23H2', 'enterprise-education', 0),
    ('w10-22h2', 'windows-10', '22H2', 'enterprise-education', 0),
    ('w10-22h2-esu', 'windows-10', '22H2', 'enterprise-education', 1),
    ('ltsc-2019', 'windows-10', '2019', 'ltsc', 0),
    ('unknown-os', 'gentoo', '2.15', 'any', 0))`;

  async function statusAsOf(asOf: string): Promise<Record<string, string>> {
    const rows = await store.query<{ device_id: string; status: string }>(
      `SELECT k.device_id AS device_id, ${SUPPORT_STATUS} AS status
       FROM (${DEVICES}) AS k
       LEFT JOIN (${ACTIVE_CATALOGUE}) AS eol ON eol.product = k.product AND eol.version = k.version AND eol.edition = k.edition`,
      { as_of: asOf },
    );
    return Object.fromEntries(rows.map((r) => [r.device_id, r.status]));
  }

  it('Windows 11 23H2: Home/Pro ends 2025-11-11, Enterprise/Education 2026-11-10', async () => {
    expect(await statusAsOf('2025-11-11')).toMatchObject({ 'w11-pro-23h2': 'supported', 'w11-ent-23h2': 'supported' });
    expect(await statusAsOf('2025-11-12')).toMatchObject({ 'w11-pro-23h2': 'unsupported', 'w11-ent-23h2': 'supported' });
    expect(await statusAsOf('2026-11-10')).toMatchObject({ 'w11-ent-23h2': 'supported' });
    expect(await statusAsOf('2026-11-11')).toMatchObject({ 'w11-ent-23h2': 'unsupported' });
  });

  it('Windows 10 22H2 ends 2025-10-14; an ESU-enrolled device is covered to 2028-10-10', async () => {
    expect(await statusAsOf('2025-10-14')).toMatchObject({ 'w10-22h2': 'supported', 'w10-22h2-esu': 'supported' });
    expect(await statusAsOf('2025-10-15')).toMatchObject({ 'w10-22h2': 'unsupported', 'w10-22h2-esu': 'extended' });
    expect(await statusAsOf('2028-10-11')).toMatchObject({ 'w10-22h2-esu': 'unsupported' });
  });

  it('LTSC 2019 is supported to 2029-01-09; an OS the catalogue does not know is unknown, never supported', async () => {
    expect(await statusAsOf('2029-01-09')).toMatchObject({ 'ltsc-2019': 'supported', 'unknown-os': 'unknown' });
    expect(await statusAsOf('2029-01-10')).toMatchObject({ 'ltsc-2019': 'unsupported' });
  });

  it('an updated catalogue changes the result with no code change', async () => {
    expect(await statusAsOf('2026-11-23')).toMatchObject({ 'w11-ent-23h2': 'unsupported' });
    const extended = SHIPPED.replace(
      /(product: windows-11, version: 23H2, editions: enterprise-education, release: 2023-10-31, end_of_support: )2026-11-10/,
      '$12027-01-31',
    ).replace(/^revision: .*$/m, 'revision: 2026-11-24');
    expect(extended).not.toBe(SHIPPED);
    await installCatalogue(store, parseCatalogue(extended));
    expect(await statusAsOf('2026-11-23')).toMatchObject({ 'w11-ent-23h2': 'supported', 'w11-pro-23h2': 'unsupported' });
    await installCatalogue(store, parseCatalogue(SHIPPED));
    expect(await statusAsOf('2026-11-23')).toMatchObject({ 'w11-ent-23h2': 'unsupported' });
  });
});
