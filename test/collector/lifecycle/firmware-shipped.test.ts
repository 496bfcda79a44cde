import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFirmwareCatalogue, parseFirmwareCatalogue, shippedFirmwareCatalogue } from '../../../collector/lifecycle/firmware-catalogue.js';
import { catalogueFirmwareKey, FIRMWARE_PLATFORMS } from '../../../collector/lifecycle/firmware-version.js';
import { loadScoringModel } from '../../../collector/scoring/controls.js';
import { Store } from '../../../collector/store/store.js';
import type { NetworkDevice } from '../../../protocol/index.js';
import { firmwarePatchResults, insertPolledGear } from '../../helpers/network-patch.js';
import { tempDir } from '../../helpers/temp.js';

// CYB-NET-PATCH on the shipped catalogue's own data: for each train below, a box on its newest release
// and a box on the release before it, scored on the 14th and the 15th day after the newest came out.
// The versions and days are read from the catalogue, so the test follows each review rather than
// pinning figures that drift.
const TRAINS: Array<[platform: string, train: string]> = [['fortios', '7.4'], ['fortios', '7.6'], ['pan-os', '11.2'], ['pan-os', '12.1'], ['cisco-nx-os', '10.4']];

const catalogue = parseFirmwareCatalogue(shippedFirmwareCatalogue());
const dayAfter = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface Case { platform: string; train: string; latest: { version: string; release: string }; previous: { version: string; release: string }; listedTo: string }
const cases: Case[] = TRAINS.map(([platform, train]) => {
  const entry = catalogue.trains.find((t) => t.platform === platform && t.train === train);
  if (!entry) throw new Error(`the shipped catalogue no longer lists ${platform} ${train}: pick a current train`);
  const ordered = [...entry.releases].sort((a, b) => {
    const [ka, kb] = [catalogueFirmwareKey(platform, a.version), catalogueFirmwareKey(platform, b.version)];
    return 'order' in ka && 'order' in kb && ka.order < kb.order ? -1 : 1;
  });
  return { platform, train, latest: ordered.at(-1)!, previous: ordered.at(-2)!, listedTo: entry.listed_to ?? catalogue.reviewed };
});

describe('CYB-NET-PATCH on the shipped firmware catalogue (ClickHouse SQL)', () => {
  const dir = tempDir('fwshipped');
  const model = loadScoringModel();
  let store: Store;
  const polledAt = '2026-01-01T09:00:00.000Z';
  const target = (c: Case, which: 'latest' | 'previous') => `${c.platform}-${c.train}-${which}`;

  const status = (asOf: string) => firmwarePatchResults(store, model, asOf);

  beforeAll(async () => {
    store = await Store.open({ dataDir: dir.path, database: 'sf' });
    await loadFirmwareCatalogue(store, shippedFirmwareCatalogue(), 'shipped');
    const gear: NetworkDevice[] = cases.flatMap((c) => (['latest', 'previous'] as const).map((which) => ({
      target: target(c, which), address: '127.0.0.1', polled_at: polledAt, snmp_version: 'v3', security_level: 'authPriv',
      vendor: c.platform, os: FIRMWARE_PLATFORMS.get(c.platform)!, model: 'firewall', firmware: c[which].version,
    } satisfies NetworkDevice)));
    await insertPolledGear(store, gear, polledAt);
  });
  afterAll(async () => {
    await store.close();
    dir.remove();
  });

  it.each(cases.map((c) => [`${c.platform} ${c.train}`, c] as const))('%s: the newest release passes on its 14th day, the one before fails on the 15th', async (_name, c) => {
    const day14 = dayAfter(c.latest.release, 14);
    const day15 = dayAfter(c.latest.release, 15);
    const on14 = await status(day14);
    expect(on14[target(c, 'latest')]).toEqual(['pass', '']);
    expect(on14[target(c, 'previous')]).toEqual(['pass', '']);
    const on15 = await status(day15);
    expect(on15[target(c, 'previous')]).toEqual(['fail',
      `${c.platform} firewall ${FIRMWARE_PLATFORMS.get(c.platform)} ${c.previous.version}: a newer ${c.platform} ${c.train} release, ${c.latest.version} (${c.latest.release}), has been out 15 days (more than 14); latest ${c.latest.version} (${c.latest.release})`]);
    // The newest still passes on day 15 only while the catalogue knows the train past its release day.
    expect(on15[target(c, 'latest')]![0]).toBe(c.listedTo > c.latest.release ? 'pass' : 'unknown');
  });
});
