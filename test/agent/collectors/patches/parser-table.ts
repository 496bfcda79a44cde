import { lastAptUpgrade } from '../../../../agent/collectors/patches/apt-history.js';
import { parseAptSimulation, parseAptUpgradable } from '../../../../agent/collectors/patches/apt-pending.js';
import { lastDnfUpgrade, parseCheckUpdate, parseUpdateinfoList } from '../../../../agent/collectors/patches/dnf-parse.js';
import { parseAdvisoryListJson } from '../../../../agent/collectors/patches/dnf5-json.js';
import { utcZone } from '../../../../agent/collectors/patches/local-time.js';
import { parseInstallHistoryJson, parseSoftwareUpdateHistory } from '../../../../agent/collectors/patches/macos-history.js';
import { parseSoftwareUpdateList } from '../../../../agent/collectors/patches/softwareupdate-list.js';
import { parseZypperPatches, parseZypperUpdates } from '../../../../agent/collectors/patches/zypper-parse.js';
import { WindowsPatchReport, mapWindowsPatches } from '../../../../agent/collectors/patches/windows-report.js';
import { parsePowerShellJson } from '../../../../agent/host/powershell.js';

/**
 * Which parser reads which fixture: every case folder under test/fixtures/agent/patches/
 * starts with one of these prefixes and holds the input file plus expected.json.
 * Log timestamps are read as UTC so expectations hold on any CI runner's zone.
 */
export const FIXTURE_NOW = new Date('2024-11-21T12:00:00Z');

export interface ParserCase {
  input: string;
  parse(text: string): unknown;
}

export const PARSERS: Record<string, ParserCase> = {
  'apt-sim-': { input: 'output.txt', parse: parseAptSimulation },
  'apt-list-': { input: 'output.txt', parse: parseAptUpgradable },
  'apt-history-': { input: 'history.log', parse: (t) => lastAptUpgrade(t, utcZone) ?? null },
  'dnf-updateinfo-': { input: 'output.txt', parse: (t) => parseUpdateinfoList(t, utcZone) },
  'dnf-check-update-': { input: 'output.txt', parse: (t) => parseCheckUpdate(t) ?? null },
  'dnf-history-': { input: 'output.txt', parse: (t) => lastDnfUpgrade(t, utcZone) ?? null },
  'dnf5-advisory-json-': { input: 'output.json', parse: (t) => parseAdvisoryListJson(t, utcZone) },
  'zypper-patches-': { input: 'output.xml', parse: parseZypperPatches },
  'zypper-updates-': { input: 'output.xml', parse: parseZypperUpdates },
  'win-': {
    input: 'output.json',
    parse: (t) => {
      const parsed = parsePowerShellJson(t, WindowsPatchReport);
      return parsed.ok ? mapWindowsPatches(parsed.value, FIXTURE_NOW) : parsed;
    },
  },
  'su-list-': { input: 'output.txt', parse: parseSoftwareUpdateList },
  'su-history-': { input: 'output.txt', parse: (t) => parseSoftwareUpdateHistory(t, utcZone) },
  'sp-history-': { input: 'output.json', parse: parseInstallHistoryJson },
};

export function parserFor(caseName: string): ParserCase | undefined {
  const prefix = Object.keys(PARSERS).find((p) => caseName.startsWith(p));
  return prefix ? PARSERS[prefix] : undefined;
}
