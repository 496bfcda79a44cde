import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFirmwareCatalogue, shippedFirmwareCatalogue } from '../../../collector/lifecycle/firmware-catalogue.js';
import { loadScoringModel } from '../../../collector/scoring/controls.js';
import { Store } from '../../../collector/store/store.js';
import type { NetworkDevice } from '../../../protocol/index.js';
import { firmwarePatchResults, insertPolledGear } from '../../helpers/network-patch.js';
import { tempDir } from '../../helpers/temp.js';

// The fix 17.9.4a is released on 18 November: 2 December is its 14th day, 3 December its 15th.
const CATALOGUE = `revision: test
reviewed: 2026-12-20
trains:
  - platform: cisco-ios-xe
    train: "17.9"
    source: https://example.org/ios-xe-17-9-release-notes
    releases:
      - { version: 17.9.3, release: 2025-06-01 }
      - { version: 17.9.4, release: 2026-01-10 }
      - { version: 17.9.4a, release: 2026-11-18 }
      - { version: 17.9.5, release: 2026-12-20 }
  - platform: pan-os
    train: "10.2"
    source: https://example.org/pan-os-10-2-release-notes
    listed_to: 2026-11-01
    releases:
      - { version: 10.2.9, release: 2026-06-01 }
      - { version: 10.2.9-h1, release: 2026-10-01 }
  - platform: arubaos-switch
    train: "16.11"
    source: https://example.org/arubaos-switch-16-11-release-notes
    releases:
      - { version: KB.16.11.0019, release: 2026-05-01 }
      - { version: KB.16.11.0020, release: 2026-11-18 }
`;
const DAY_14 = '2026-12-02';
const DAY_15 = '2026-12-03';
const polledAt = '2026-12-01T09:00:00.000Z';

const gear = (target: string, os: string, firmware: string): NetworkDevice => ({
  target, address: '127.0.0.1', polled_at: polledAt, snmp_version: 'v3', security_level: 'authPriv', vendor: 'Cisco', os, model: 'C9300-48P', firmware,
});

// The control as the shipped model defines it, evaluated on the real engine over gear rows made by the
// ingest mapping, against a catalogue loaded the way the collector loads its own.
describe('CYB-NET-PATCH: firmware fixes within 14 days (ClickHouse SQL)', () => {
  const dir = tempDir('fwfix');
  const model = loadScoringModel();
  let store: Store;

  const ingest = (devices: NetworkDevice[]) => insertPolledGear(store, devices, polledAt);
  const results = (asOf: string) => firmwarePatchResults(store, model, asOf);

  beforeAll(async () => {
    store = await Store.open({ dataDir: dir.path, database: 'sf' });
    expect(await loadFirmwareCatalogue(store, CATALOGUE, 'test.yaml')).toMatchObject({ installed: true });
    await ingest([
      gear('behind', 'IOS-XE', '17.9.4'),
      gear('latest', 'IOS-XE', '17.09.04a'),
      gear('long-behind', 'IOS-XE', '17.9.3'),
      gear('other-train', 'IOS-XE', '17.12.1'),
      gear('procurve-behind', 'ProCurve', 'KB.16.11.0019'),
      gear('procurve-latest', 'ArubaOS-Switch', 'KB.16.11.0020'),
      gear('not-ordered', 'Comware', '7.1.070'),
      gear('pan-latest', 'PAN-OS', '10.2.9-h1'),
      gear('pan-behind', 'PAN-OS', '10.2.9'),
    ]);
  });
  afterAll(async () => {
    await store.close();
    dir.remove();
  });

  it('day 14 of the newer fix passes, day 15 fails; the latest release passes on both', async () => {
    const day14 = await results(DAY_14);
    expect(day14.behind).toEqual(['pass', '']);
    expect(day14.latest).toEqual(['pass', '']);
    expect(day14['procurve-behind']).toEqual(['pass', '']);
    expect(day14['procurve-latest']).toEqual(['pass', '']);

    const day15 = await results(DAY_15);
    expect(day15.behind).toEqual(['fail', 'Cisco C9300-48P IOS-XE 17.9.4: a newer cisco-ios-xe 17.9 release, 17.9.4a (2026-11-18), has been out 15 days (more than 14); latest 17.9.4a (2026-11-18)']);
    expect(day15.latest).toEqual(['pass', '']);
    expect(day15['procurve-behind']![0]).toBe('fail');
    expect(day15['procurve-latest']).toEqual(['pass', '']);
  });

  it('behind by an older fix fails on either day; a release not yet out on the date does not count', async () => {
    // 17.9.5 comes out on 20 December: as of 2 December it is not a release, so 17.9.4a is the latest.
    for (const asOf of [DAY_14, DAY_15]) {
      expect((await results(asOf))['long-behind']).toEqual(['fail', 'Cisco C9300-48P IOS-XE 17.9.3: a newer cisco-ios-xe 17.9 release, 17.9.4 (2026-01-10), has been out ' + (asOf === DAY_14 ? 326 : 327) + ' days (more than 14); latest 17.9.4a (2026-11-18)']);
    }
  });

  it('unknown, with the reason, for a train outside the catalogue and a platform it does not keep', async () => {
    const day15 = await results(DAY_15);
    expect(day15['other-train']).toEqual(['unknown', 'not in the firmware catalogue: cisco-ios-xe train 17.12 is not a train it keeps']);
    expect(day15['not-ordered']).toEqual(['unknown', 'no firmware release catalogue is kept for Comware']);
  });

  it('a train listed only up to more than 14 days before the date cannot pass: a newer fix may be unseen', async () => {
    const day14 = await results(DAY_14);
    expect(day14['pan-latest']).toEqual(['unknown', 'the firmware catalogue lists pan-os 10.2 releases up to 2026-11-01, 31 days before this date (more than 14): a newer fix may have been out longer; review collector/lifecycle/firmware.yaml']);
    // What the catalogue does list still fails the box behind it.
    expect(day14['pan-behind']![0]).toBe('fail');
  });

  it('hostile versions never pass', async () => {
    const hostile = ['17.9.4b', '17.9.99', '17.9.4a; reload', '17.9', 'v17.9.4a', '17.9.4a"},"order":"99999', '99.99.99', 'ＩＯＳ 17.9.4a', '17.9.4a\n17.9.3', ''];
    await ingest(hostile.map((firmware, i) => gear(`hostile-${i}`, 'IOS-XE', firmware)));
    for (const asOf of [DAY_14, DAY_15]) {
      const all = await results(asOf);
      const statuses = hostile.map((_, i) => all[`hostile-${i}`]);
      expect(statuses.every((s) => s && s[0] === 'unknown'), JSON.stringify(statuses)).toBe(true);
    }
    const day14 = await results(DAY_14);
    expect(day14['hostile-0']).toEqual(['unknown', 'not yet in the firmware catalogue: cisco-ios-xe 17.9 release 17.9.4b is newer than the newest it lists, 17.9.4a (2026-11-18)']);
  });

  it('the shipped catalogue loads, and a reload of the same text changes nothing', async () => {
    expect(await loadFirmwareCatalogue(store, shippedFirmwareCatalogue(), 'shipped')).toMatchObject({ installed: true });
    expect(await loadFirmwareCatalogue(store, shippedFirmwareCatalogue(), 'shipped')).toMatchObject({ installed: false });
    const [row] = await store.query<{ releases: string }>(`SELECT argMax(releases, loaded_at) AS releases FROM {db}.firmware_catalogue_active`);
    expect(Number(row!.releases)).toBeGreaterThan(300);
  });
});
