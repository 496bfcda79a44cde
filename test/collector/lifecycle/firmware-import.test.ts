import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseFirmwareCatalogue } from '../../../collector/lifecycle/firmware-catalogue.js';
import { importTrains, releaseDataVersions, releaseListVersions, trainsYaml } from '../../../collector/lifecycle/firmware-import.js';
import { tempDir } from '../../helpers/temp.js';

const run = promisify(execFile);
const ROOT = new URL('../../../', import.meta.url);
const SHIPPED = readFileSync(new URL('collector/lifecycle/firmware.yaml', ROOT), 'utf8');
const FORTIOS_LIST = readFileSync(new URL('collector/lifecycle/firmware-sources/fortios.txt', ROOT), 'utf8');
const sourceList = (name: string) => readFileSync(new URL(`collector/lifecycle/firmware-sources/${name}.txt`, ROOT), 'utf8');

// endoflife.date's release-data shape (releases/<product>.json): cycles without per-release dates, and
// `versions` with one. The versions are FortiOS releases and their documentation days from the list the
// catalogue is made from, keyed out of order as the upstream files are, with a cycle name and a build
// string that are not whole releases.
const releaseData = {
  releases: { '7.4': { name: '7.4', releaseDate: '2023-05-11' } },
  versions: {
    '7.4.10': { name: '7.4.10', date: '2026-01-19' },
    '7.4.9': { name: '7.4.9', date: '2025-09-25' },
    '7.6.3': { name: '7.6.3', date: '2025-04-16' },
    '7.4': { name: '7.4', date: '2023-05-11' },
    'build2662': { name: 'build2662', date: '2024-05-14' },
    '7.4.11': { name: '7.4.11', date: '2026-01-27' },
  },
};

describe('firmware catalogue import', () => {
  it('groups release data into trains in release order, skipping what is not a whole release, with the reason', () => {
    const { trains, skipped } = importTrains('fortios', releaseDataVersions(releaseData), { source: 'https://docs.fortinet.com/product/fortigate/{train}' });
    expect(trains.map((t) => [t.train, t.source, t.releases.map((r) => r.version)])).toEqual([
      ['7.4', 'https://docs.fortinet.com/product/fortigate/7.4', ['7.4.9', '7.4.10', '7.4.11']],
      ['7.6', 'https://docs.fortinet.com/product/fortigate/7.6', ['7.6.3']],
    ]);
    expect(skipped.map((s) => s.version).sort()).toEqual(['7.4', 'build2662']);
    expect(skipped.find((s) => s.version === '7.4')!.reason).toMatch(/is not a FortiOS release the collector can order/);
  });

  it('a train filter, a review day and a release spelt twice', () => {
    const list = releaseListVersions('# IOS-XE, ENTITY-MIB and release-notes spellings\n17.09.04a 2026-11-20\n17.9.4a 2026-11-18\n17.9.4 2026-01-10\n17.12.1 2026-02-01\n17.9.5 2026-12-20\n');
    const { trains, skipped } = importTrains('cisco-ios-xe', list, { source: 'https://example.org/17-9', trains: ['17.9'], upTo: '2026-12-02', listedToNewest: true });
    expect(trains).toEqual([{ platform: 'cisco-ios-xe', train: '17.9', source: 'https://example.org/17-9', confidence: 'published', listed_to: '2026-11-18',
      releases: [{ version: '17.9.4', release: '2026-01-10' }, { version: '17.9.4a', release: '2026-11-18' }] }]);
    expect(skipped).toEqual([{ version: '17.9.4a', reason: 'repeats 17.9.4a' }, { version: '17.9.5', reason: 'released 2026-12-20, after 2026-12-02' }]);
    expect(() => releaseListVersions('7.4.9 soon\n')).toThrow('line 1: expected "version YYYY-MM-DD [source]", got "7.4.9 soon"');
    expect(() => releaseDataVersions({ releases: {} })).toThrow();
  });

  it('the YAML it prints is a catalogue the collector accepts, with the same releases', () => {
    const imported = importTrains('fortios', releaseListVersions(FORTIOS_LIST), { source: 'https://docs.fortinet.com/product/fortigate/{train}', confidence: 'estimated', note: 'documentation days', listedToNewest: true });
    const parsed = parseFirmwareCatalogue(`revision: t\nreviewed: 2026-08-19\ntrains:\n${trainsYaml(imported.trains)}`, 'imported.yaml');
    expect(parsed.trains.map((t) => ({ ...t }))).toEqual(imported.trains);
    expect(imported.skipped).toEqual([]);
  });

  it('the shipped FortiOS trains are what the import makes from the committed list (a review is a re-run)', () => {
    const imported = importTrains('fortios', releaseListVersions(FORTIOS_LIST), { source: 'x', upTo: '2026-08-19', listedToNewest: true });
    const shipped = parseFirmwareCatalogue(SHIPPED).trains.filter((t) => t.platform === 'fortios');
    expect(shipped.map((t) => [t.train, t.listed_to, t.releases])).toEqual(imported.trains.map((t) => [t.train, t.listed_to, t.releases]));
  });

  it('without a train source, each train takes the page its newest release was read from; a release naming none is refused', () => {
    const list = releaseListVersions('9.20(3) 2024-07-31 https://example.org/asa920\n9.16(2) 2021-08-18 https://example.org/asa916-old\n9.16(4) 2022-10-13 https://example.org/asa916\n');
    const { trains } = importTrains('cisco-asa', list, {});
    expect(trains.map((t) => [t.train, t.source])).toEqual([['9.16', 'https://example.org/asa916'], ['9.20', 'https://example.org/asa920']]);
    expect(() => importTrains('cisco-asa', releaseListVersions('9.16(4) 2022-10-13\n'), {})).toThrow('cisco-asa 9.16(4) names no source, and no train source was given');
  });

  it.each([['cisco-nx-os', 'cisco-nx-os'], ['cisco-asa', 'cisco-asa']])('the shipped %s trains are what the import makes from firmware-sources/%s.txt, each release with its page', (platform, file) => {
    const imported = importTrains(platform, releaseListVersions(sourceList(file)), { upTo: '2026-08-19', listedToNewest: true });
    const shipped = parseFirmwareCatalogue(SHIPPED).trains.filter((t) => t.platform === platform);
    expect(imported.skipped).toEqual([]);
    expect(shipped.map((t) => [t.train, t.listed_to, t.releases])).toEqual(imported.trains.map((t) => [t.train, t.listed_to, t.releases]));
    expect(shipped.flatMap((t) => t.releases).every((r) => r.source !== undefined)).toBe(true);
  });

  it('the script reads a release-data file and prints the trains; skipped versions on stderr', async () => {
    const dir = tempDir('fwimport');
    try {
      const file = join(dir.path, 'fortios.json');
      writeFileSync(file, JSON.stringify(releaseData));
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/firmware-catalogue-import.ts', '--platform', 'fortios', '--train', '7.4',
        '--source', 'https://docs.fortinet.com/product/fortigate/{train}', '--confidence', 'estimated', '--note', 'documentation days', file], { cwd: ROOT });
      expect(stdout).toBe(trainsYaml(importTrains('fortios', releaseDataVersions(releaseData), { source: 'https://docs.fortinet.com/product/fortigate/{train}', confidence: 'estimated', note: 'documentation days', trains: ['7.4'] }).trains));
      expect(stdout).toContain('      - { version: "7.4.10", release: 2026-01-19 }');
      expect(stderr).toContain('skipped build2662: ');
      await expect(run(process.execPath, ['--import', 'tsx', 'scripts/firmware-catalogue-import.ts', '--platform', 'fortios', '--source', 'https://x.example', '--confidence', 'estimated', file], { cwd: ROOT }))
        .rejects.toMatchObject({ stderr: expect.stringContaining('--confidence estimated needs --note') });
      const unsourced = join(dir.path, 'asa.txt');
      writeFileSync(unsourced, '9.16(4) 2022-10-13\n');
      await expect(run(process.execPath, ['--import', 'tsx', 'scripts/firmware-catalogue-import.ts', '--platform', 'cisco-asa', unsourced], { cwd: ROOT }))
        .rejects.toMatchObject({ stderr: expect.stringContaining('--source is needed unless every line of the list names the page') });
    } finally {
      dir.remove();
    }
  });
});
