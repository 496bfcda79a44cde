import type { PendingUpdate } from '../../../protocol/index.js';
import { clip } from './summary.js';

/**
 * Pure parsers for what apt would upgrade, from the local package lists (no network, no root).
 *
 * Security rule: a package is a security update when one of the archives offering the new
 * version is a security archive: a suite ending in `-security` (Debian 11+, Ubuntu, Ubuntu
 * ESM) or the `Debian-Security` origin (Debian 10 and older named the suite `buster/updates`,
 * so only the origin tells). apt knows no severities offline (Ubuntu's USN priorities live
 * on the web), so every item is `unspecified`.
 */

export type AptParse = { ok: true; updates: PendingUpdate[] } | { ok: false; reason: string };

function isSecurityArchive(text: string): boolean {
  return /-security\b/i.test(text) || /\bDebian-Security\b/i.test(text);
}

function pendingPackage(name: string, newVersion: string, archives: string): PendingUpdate {
  return { id: clip(name, 128), title: clip(`${name} ${newVersion}`, 256), severity: 'unspecified', security: isSecurityArchive(archives) };
}

// Inst <pkg> [<installed>] (<candidate> <origin:version/suite>[, <origin:version/suite>...] [<arch>]) [<broken deps>]
const INST = /^Inst (\S+)(?: \[[^\]]*\])? \((\S+) (.*?) ?\[[^\]]+\]\)/;
// "N upgraded, M newly installed": the one summary line apt-get -s always prints (English under LC_ALL=C).
const SUMMARY = /^\d+ upgraded, \d+ newly installed/m;

/** `apt-get -s dist-upgrade` output. Headers may be localised; `Inst` lines never are. */
export function parseAptSimulation(stdout: string): AptParse {
  const byName = new Map<string, PendingUpdate>();
  let sawInst = false;
  for (const line of stdout.split(/\r?\n/)) {
    if (!line.startsWith('Inst ')) continue;
    const m = line.match(INST);
    if (!m) continue;
    sawInst = true;
    const [, name, version, archives] = m as unknown as [string, string, string, string];
    byName.set(name, pendingPackage(name, version, archives));
  }
  if (!sawInst && !SUMMARY.test(stdout) && !/^\d+ [^\d\s]+.*\d+ [^\d\s]+.*\d+/m.test(stdout)) {
    return { ok: false, reason: 'apt-get simulation printed neither Inst lines nor a summary' };
  }
  return { ok: true, updates: [...byName.values()] };
}

// <pkg>/<suite>[,<suite>...] <version> <arch> [upgradable from: <old>]   (the bracket is localised)
const UPGRADABLE = /^([a-z0-9][a-z0-9+.-]*)\/(\S+) (\S+) (\S+)(?: \[[^\]]*\])?$/;
// "Listing... Done" and its localised forms, some written with an ellipsis character. Escaped: esbuild
// copies regex literals as written, and one character above U+00FF in the bundle makes V8 keep the
// whole bundle's source at two bytes per character (2.5 MB more in every agent process).
const LISTING_HEADER = /\.\.\.|\u2026/;

/** `apt list --upgradable` output: header ("Listing..." / "Auflistung…") and stderr warning ignored. */
export function parseAptUpgradable(stdout: string): AptParse {
  const byName = new Map<string, PendingUpdate>();
  let sawHeader = false;
  for (const raw of stdout.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const m = line.match(UPGRADABLE);
    if (m) {
      const [, name, suites, version] = m as unknown as [string, string, string, string];
      byName.set(name, pendingPackage(name, version, suites));
    } else if (LISTING_HEADER.test(line) && byName.size === 0) {
      sawHeader = true; // "Listing... Done", localised
    } else if (!line.startsWith('WARNING') && !line.startsWith('N:')) {
      return { ok: false, reason: `unrecognised apt list line: ${clip(line, 80)}` };
    }
  }
  if (!sawHeader && byName.size === 0) return { ok: false, reason: 'apt list printed nothing' };
  return { ok: true, updates: [...byName.values()] };
}
