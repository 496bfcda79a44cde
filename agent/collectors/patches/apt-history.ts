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

function upgradedNames(field: string): string[] {
  // "openssl:amd64 (3.0.11-1~deb12u2, 3.0.15-1~deb12u1), libssl3:amd64 (…)"
  return [...field.matchAll(/(?:^|\),\s*)([^\s(),:]+)(?::[a-z0-9]+)? \(/g)].map((m) => m[1] as string);
}

function parseStanza(lines: string[], zone: LocalZone): AptUpgradeRun | undefined {
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
  const names = upgradedNames(upgrade);
  if (!instant || names.length === 0) return undefined;
  const more = names.length > 1 ? ` (+${names.length - 1} more)` : '';
  return { at: isoInstant(instant), id: clip(`${names[0]}${more}`, 128), packages: names.length };
}

/** The latest successful upgrade run in one history file, or undefined when it has none. */
export function lastAptUpgrade(text: string, zone: LocalZone): AptUpgradeRun | undefined {
  let latest: AptUpgradeRun | undefined;
  for (const block of text.split(/\r?\n[ \t]*\r?\n/)) {
    const run = parseStanza(block.split(/\r?\n/), zone);
    if (run && (!latest || Date.parse(run.at) >= Date.parse(latest.at))) latest = run;
  }
  return latest;
}
