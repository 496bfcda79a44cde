import type { PendingUpdate } from '../../../protocol/index.js';
import type { LocalZone } from './local-time.js';
import { isoInstant, parseYmdHms } from './local-time.js';

/**
 * Pure parsers for dnf (RHEL 8+, Rocky, Alma, Fedora; dnf5 on Fedora 41+) and yum (RHEL 7).
 * Commands run under LC_ALL=C, so labels such as "Important/Sec." are the English ones.
 */

export interface Advisory {
  id: string;
  /** bugfix, enhancement, newpackage, security */
  type: string;
  severity: PendingUpdate['severity'];
  /** Package name without version and arch: "kernel-core". */
  pkg: string;
  issued?: string;
}

// Amazon Linux names its third level 'medium' (ALAS: critical, important, medium, low): Red Hat's 'moderate'.
const SEVERITIES: Record<string, PendingUpdate['severity']> = { critical: 'critical', important: 'important', moderate: 'moderate', medium: 'moderate', low: 'low' };

/** "kernel-core-5.14.0-503.14.1.el9_5.x86_64" or "openssl-1:3.2.2-6.el9_5.x86_64" → "kernel-core". */
export function rpmName(nevra: string): string | undefined {
  const m = nevra.match(/^(.+)-(?:\d+:)?[^-]+-[^-]+?(?:\.(?:x86_64|i686|i386|noarch|aarch64|ppc64le|s390x|armv7hl|src))?$/);
  return m?.[1];
}

// dnf4 / yum: "RHSA-2024:9430 Important/Sec. kernel-…"; bugfix/enhancement: "RHBA-2024:9431 bugfix kernel-…".
// Any word before "/Sec." is a security advisory: a severity word this table does not know is unspecified, never a dropped line.
const DNF4_LINE = /^(\S+)\s+(?:([A-Za-z]+)\/Sec\.|(security|bugfix|enhancement|newpackage|unknown))\s+(\S+)\s*$/i;
// dnf5: "FEDORA-2024-1a2b3c security Moderate curl-8.6.0-10.fc40.x86_64 2024-11-12 01:23:45"
const DNF5_LINE = /^(\S+)\s+(security|bugfix|enhancement|newpackage|unspecified|unknown)\s+(\S+)\s+(\S+)\s+(\d{4}-\d{2}-\d{2}\s+\d{2}:\d{2}(?::\d{2})?)\s*$/i;

export type AdvisoryParse = { ok: true; advisories: Advisory[] } | { ok: false; reason: string };

/** `dnf updateinfo list --available` (dnf4, dnf5) or `yum updateinfo list available` (RHEL 7). */
export function parseUpdateinfoList(stdout: string, zone: LocalZone): AdvisoryParse {
  const advisories: Advisory[] = [];
  let unrecognised = 0;
  for (const raw of stdout.split(/\r?\n/)) {
    // `list all` marks an advisory already installed with "i" in a first column (blank otherwise, as
    // bodhi PR 2099's Fedora 27 sample shows): installed is not pending, so it never counts.
    if (/^i\s+\S+\s+\S+/.test(raw)) continue;
    const line = raw.trim();
    // Chatter dnf/yum print around the list, even with -q on some releases.
    if (line === '' || /^(Loaded plugins|Last metadata|Updating Subscription|updateinfo list done|This system is|Name\s+Type\s+Severity)/i.test(line)) continue;
    const d5 = line.match(DNF5_LINE);
    if (d5) {
      const [, id, type, sev, nevra, issued] = d5 as unknown as string[];
      const local = parseYmdHms(issued as string);
      const at = local ? zone(local) : undefined;
      advisories.push({ id: id!, type: type!.toLowerCase(), severity: SEVERITIES[sev!.toLowerCase()] ?? 'unspecified', pkg: rpmName(nevra!) ?? nevra!, ...(at ? { issued: isoInstant(at) } : {}) });
      continue;
    }
    const d4 = line.match(DNF4_LINE);
    if (d4) {
      const [, id, sev, type, nevra] = d4 as unknown as Array<string | undefined>;
      const isSecurity = sev !== undefined || type?.toLowerCase() === 'security';
      advisories.push({ id: id!, type: isSecurity ? 'security' : type!.toLowerCase(), severity: SEVERITIES[sev?.toLowerCase() ?? ''] ?? 'unspecified', pkg: rpmName(nevra!) ?? nevra! });
      continue;
    }
    unrecognised++;
  }
  if (unrecognised > 0 && advisories.length === 0) return { ok: false, reason: 'updateinfo output has no advisory lines' };
  return { ok: true, advisories };
}

/**
 * `dnf check-update` / `yum check-update`: "name.arch  version  repo" per line. yum wraps a long
 * name onto its own line; the rest follows on the next. Under "Obsoleting Packages" each package
 * that an update would install is followed by the installed one it replaces, indented: the first
 * is pending too (an update may exist only there, e.g. grub2 on RHEL 7), the indented one is not.
 * Exit code 100 means updates are available, 0 none: the caller checks it.
 */
export function parseCheckUpdate(stdout: string): string[] | undefined {
  const names = new Set<string>();
  const lines = stdout.split(/\r?\n/);
  let carried = '';
  let bad = 0;
  let obsoleting = false;
  for (const raw of lines) {
    if (/^Obsoleting Packages/i.test(raw.trim())) {
      obsoleting = true;
      continue;
    }
    if (obsoleting && !carried && /^\s/.test(raw)) continue; // the installed package being replaced
    const line = `${carried} ${raw}`.trim();
    carried = '';
    if (line === '' || /^(Loaded plugins|Last metadata|Loading mirror|Security:|Updating Subscription|This system is|\*|Repository .* is listed more than once)/i.test(line)) continue;
    const parts = line.split(/\s+/);
    if (parts.length === 1 && /^[\w+.-]+\.\w+$/.test(parts[0]!)) {
      carried = parts[0]!;
      continue;
    }
    const m = parts.length === 3 ? parts[0]!.match(/^(.+)\.(\w+)$/) : null;
    if (m && /^[\w.:~^+-]+$/.test(parts[1]!)) names.add(m[1]!);
    else bad++;
  }
  return bad > 0 && names.size === 0 ? undefined : [...names];
}

export interface DnfTransaction {
  at: string;
  id: string;
}

const UPGRADE_ACTION = /(^|[\s,])(U|Upgrade|Update|Upgraded|Updated)($|[\s,])/;
const UPGRADE_COMMAND = /\b(upgrade|update|distro-sync|upgrade-minimal)\b/;

/** One history row → id, what ran (command line or user), when, actions. */
function historyRow(line: string): { id: string; what: string; when: string; actions: string } | undefined {
  if (line.includes('|')) {
    // dnf4 / yum: "    12 | root <root> | 2024-11-20 10:12 | I, U | 34 EE"
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 5 || !/^\d+$/.test(cells[0]!)) return undefined;
    return { id: cells[0]!, what: cells[1]!, when: cells[2]!, actions: cells[3]! };
  }
  // dnf5: " 3 dnf upgrade -y   2024-11-20 10:12:33   34": no pipes, the Action(s) column often empty.
  const m = line.match(/^\s*(\d+)\s+(.*?)\s+(\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2})?)\s+(.*?)\s*\d+\s*$/);
  return m ? { id: m[1]!, what: m[2]!, when: m[3]!, actions: m[4]! } : undefined;
}

/**
 * `dnf history list` / `yum history list`: the latest transaction that upgraded something,
 * by its actions ("Upgrade", "Update", "I, U") or, where no action is shown, by its command line.
 */
export function lastDnfUpgrade(stdout: string, zone: LocalZone): DnfTransaction | undefined {
  let latest: DnfTransaction | undefined;
  let latestId = -1;
  for (const line of stdout.split(/\r?\n/)) {
    const row = historyRow(line);
    if (!row) continue;
    const upgraded = row.actions ? UPGRADE_ACTION.test(row.actions) : UPGRADE_COMMAND.test(row.what);
    const local = upgraded ? parseYmdHms(row.when) : undefined;
    const at = local ? zone(local) : undefined;
    if (!at) continue;
    // Two transactions in the same minute (yum prints no seconds): the higher ID ran later, whichever
    // order the list is printed in (yum/dnf4 newest first, dnf5 oldest first).
    const time = at.getTime();
    const latestTime = latest ? Date.parse(latest.at) : -Infinity;
    if (time > latestTime || (time === latestTime && Number(row.id) > latestId)) {
      latest = { at: isoInstant(at), id: `transaction ${row.id}` };
      latestId = Number(row.id);
    }
  }
  return latest;
}
