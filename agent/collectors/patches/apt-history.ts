import type { LocalZone } from './local-time.js';
import { isoInstant, parseYmdHms } from './local-time.js';
import { clip } from './summary.js';

/**
 * Pure parser for /var/log/apt/history.log: blank-line separated stanzas of
 * `Start-Date:`, `Commandline:`, `Upgrade:`/`Install:`/`Remove:`, `End-Date:` (and `Error:`).
 *
 * Only stanzas that upgraded something count as an update. Installing a new package says
 * nothing about patch level, and counting it would let `apt install htop` reset the
 * 14-day clock. A stanza without End-Date (interrupted) or with Error: did not succeed.
 */
export interface AptUpgradeRun {
  at: string;
  /** First upgraded package, plus how many more: "openssl (+12 more)". */
  id: string;
  packages: number;
}

export interface UpgradedPackage {
  name: string;
  /** The version installed by this run (the second one in "(old, new)"). */
  version: string;
}

function upgradedPackages(field: string): UpgradedPackage[] {
  // "openssl:amd64 (3.0.11-1~deb12u2, 3.0.15-1~deb12u1), libssl3:amd64 (…)"
  return [...field.matchAll(/(?:^|,\s*)([^\s(),:]+)(?::[a-z0-9]+)? \(([^()]*)\)/g)].map((m) => {
    const versions = (m[2] as string).split(',').map((v) => v.trim());
    return { name: m[1] as string, version: versions[1] ?? versions[0] ?? '' };
  });
}

/**
 * Whether a successful run applied security updates: `undefined` asks only for "an upgrade"
 * (the plain parser below); a predicate decides from the run's command line and packages.
 */
export type SecurityRunTest = (run: { commandline: string; packages: UpgradedPackage[] }) => boolean;

function parseStanza(lines: string[], zone: LocalZone, isSecurity?: SecurityRunTest): AptUpgradeRun | undefined {
  const fields = new Map<string, string>();
  for (const line of lines) {
    const i = line.indexOf(': ');
    if (i > 0) fields.set(line.slice(0, i).trim(), line.slice(i + 2).trim());
  }
  const upgrade = fields.get('Upgrade');
  const end = fields.get('End-Date');
  if (!upgrade || !end || fields.has('Error')) return undefined;
  const local = parseYmdHms(end);
  const instant = local ? zone(local) : undefined;
  const packages = upgradedPackages(upgrade);
  if (!instant || packages.length === 0) return undefined;
  if (isSecurity && !isSecurity({ commandline: fields.get('Commandline') ?? '', packages })) return undefined;
  const more = packages.length > 1 ? ` (+${packages.length - 1} more)` : '';
  return { at: isoInstant(instant), id: clip(`${packages[0]?.name}${more}`, 128), packages: packages.length };
}

/**
 * The latest successful upgrade run in one history file (or, with `isSecurity`, the latest one
 * that applied security updates), or undefined when it has none.
 */
export function lastAptUpgrade(text: string, zone: LocalZone, isSecurity?: SecurityRunTest): AptUpgradeRun | undefined {
  let latest: AptUpgradeRun | undefined;
  for (const block of text.split(/\r?\n[ \t]*\r?\n/)) {
    const run = parseStanza(block.split(/\r?\n/), zone, isSecurity);
    if (run && (!latest || Date.parse(run.at) >= Date.parse(latest.at))) latest = run;
  }
  return latest;
}

/** Every package name a history text upgraded (to limit which security-list entries are kept). */
export function upgradedNamesIn(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/^Upgrade: (.*)$/gm)) for (const p of upgradedPackages(m[1] as string)) names.add(p.name);
  return names;
}
