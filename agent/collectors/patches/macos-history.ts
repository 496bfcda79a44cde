import { z } from 'zod';
import { type LocalZone, isoInstant, zonedIso } from './local-time.js';
import { clip } from './summary.js';

/**
 * When did this Mac last install an update? Two sources, pure parsers for both:
 * - `system_profiler -json SPInstallHistoryDataType` (10.15+): machine-readable, install_date
 *   in ISO UTC, package_source telling Apple packages from third-party installers. Preferred.
 * - `softwareupdate --history --all`: a column table whose dates follow the user's locale
 *   ("11/20/2024, 10:12:33", "20.11.2024, 10:12:33", "20/11/2024, 10:12:33").
 * Background data files (XProtect, MRT, Gatekeeper, Notarization configuration) and content
 * packs install themselves daily: they are not updates, and counting them would make every
 * Mac look freshly patched.
 */
export interface MacInstall {
  at: string;
  name: string;
}

const NOT_AN_UPDATE = /ConfigData|XProtect|\bMRT\b|Gatekeeper|Notarization|MAContent|AssetPack|Chinese Word List|Core Suggestions|Bridge ?OS/i;

const InstallHistory = z.object({
  SPInstallHistoryDataType: z.array(
    z.object({ _name: z.string().optional(), install_date: z.string().optional(), package_source: z.string().optional() }).passthrough(),
  ),
});

export type HistoryParse = { ok: true; last: MacInstall | undefined } | { ok: false; reason: string };

function latest(installs: MacInstall[]): MacInstall | undefined {
  return installs.reduce<MacInstall | undefined>((best, i) => (!best || Date.parse(i.at) > Date.parse(best.at) ? i : best), undefined);
}

export function parseInstallHistoryJson(stdout: string): HistoryParse {
  let parsed;
  try {
    parsed = InstallHistory.safeParse(JSON.parse(stdout));
  } catch {
    return { ok: false, reason: 'system_profiler printed invalid JSON' };
  }
  if (!parsed.success) return { ok: false, reason: 'system_profiler JSON has no SPInstallHistoryDataType list' };
  const installs: MacInstall[] = [];
  for (const entry of parsed.data.SPInstallHistoryDataType) {
    const name = entry._name ?? '';
    const at = zonedIso(entry.install_date);
    if (!at || entry.package_source !== 'package_source_apple' || NOT_AN_UPDATE.test(name)) continue;
    installs.push({ at, name: clip(name, 128) });
  }
  return { ok: true, last: latest(installs) };
}

interface RawRow {
  name: string;
  a: number;
  b: number;
  year: number;
  sep: string;
  hour: number;
  minute: number;
  second: number;
}

// "<name>   <version>   <date>, <time>[ AM|PM]" with columns aligned by runs of spaces. macOS 10.13
// wrote "<date> at <time>" (elliotweiser/ansible-osx-command-line-tools#33).
const DATE_TIME = String.raw`(\d{1,4})([./-])(\d{1,2})\3(\d{1,4})(?:,|\s+at)?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?\s*$`;
const ROW = new RegExp(String.raw`^(.+?)\s{2,}\S+\s{2,}` + DATE_TIME);
// A display name longer than its 51-character column pushes the version right, one space after the
// name ("Command Line Tools (macOS El Capitan version 10.11) for Xcode 8.2        09/05/2018 at …").
const OVERFLOW_ROW = new RegExp(String.raw`^(.{50,}?)\s\S+\s{2,}` + DATE_TIME);
const DASHES = /^-{4,}\s+-{4,}/;

/**
 * Day/month order of slash dates is read from the table itself: any first number above 12
 * means day-first, any second above 12 month-first. Dotted dates are day-first, year-first is
 * unambiguous. A table where every date could be read both ways is reported as ambiguous.
 */
export function parseSoftwareUpdateHistory(stdout: string, zone: LocalZone): HistoryParse {
  const rows: RawRow[] = [];
  let sawHeader = false;
  // A line under the header that is not a row may be the newest install: reading around it would
  // report an older date (or none) as the last update, so the table is refused instead.
  let unrecognised = 0;
  for (const line of stdout.split(/\r?\n/)) {
    if (DASHES.test(line.trim())) {
      sawHeader = true;
      continue;
    }
    const m = line.match(ROW) ?? line.match(OVERFLOW_ROW);
    if (!m) {
      if (sawHeader && line.trim() !== '') unrecognised += 1;
      continue;
    }
    let hour = Number(m[6]) % (m[9] ? 12 : 24);
    if (m[9]?.toLowerCase() === 'pm') hour += 12;
    const first = Number(m[2]);
    const yearFirst = first > 31;
    rows.push({ name: (m[1] as string).trim(), a: yearFirst ? Number(m[5]) : first, b: Number(m[4]), year: yearFirst ? first : Number(m[5]), sep: yearFirst ? 'ymd' : (m[3] as string), hour, minute: Number(m[7]), second: Number(m[8] ?? 0) });
  }
  if (unrecognised > 0) return { ok: false, reason: `softwareupdate --history has ${unrecognised} row(s) not recognised` };
  if (rows.length === 0) return sawHeader ? { ok: true, last: undefined } : { ok: false, reason: 'softwareupdate --history output not recognised' };
  const dayFirst = rows.some((r) => r.sep === '.') || rows.some((r) => r.sep !== 'ymd' && r.a > 12);
  const monthFirst = rows.some((r) => r.sep !== 'ymd' && r.sep !== '.' && r.b > 12);
  if (dayFirst && monthFirst) return { ok: false, reason: 'softwareupdate --history mixes date orders' };
  const ambiguous = !dayFirst && !monthFirst && rows.some((r) => r.sep !== 'ymd');
  if (ambiguous) return { ok: false, reason: 'softwareupdate --history dates could be day/month or month/day (locale unknown)' };
  const installs: MacInstall[] = [];
  for (const r of rows) {
    if (NOT_AN_UPDATE.test(r.name)) continue;
    // For "ymd" rows a holds the day (third number) and b the month.
    const [day, month] = r.sep === 'ymd' || dayFirst ? [r.a, r.b] : [r.b, r.a];
    const at = zone({ year: r.year, month, day, hour: r.hour, minute: r.minute, second: r.second });
    if (at) installs.push({ at: isoInstant(at), name: clip(r.name, 128) });
  }
  return { ok: true, last: latest(installs) };
}
