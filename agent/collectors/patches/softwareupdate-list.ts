import type { PendingUpdate } from '../../../protocol/index.js';
import { clip } from './summary.js';

/**
 * Pure parser for `softwareupdate --list`, both formats:
 * - macOS 10.15+ : "* Label: macOS Sonoma 14.7.1-23H222" ("- Label:" when not recommended) then
 *   "\tTitle: macOS Sonoma 14.7.1, Version: 14.7.1, Size: 1456789KiB, Recommended: YES, Action: restart,"
 * - macOS 10.14 and older: "   * macOS 10.14.1 Update" (or "-" when not recommended) then
 *   "\tmacOS 10.14.1 Update (10.14.1), 199140K [recommended] [restart]"
 * "No new software available." (stderr) means nothing is pending.
 *
 * Security rule (Apple publishes no severities, and ships most security fixes inside OS point
 * releases): an update is security-relevant when its title says "Security" (Security Update
 * 2024-001, Rapid Security Response, Background Security Improvement), when it is a macOS /
 * OS X release (Apple's security notes cover every one), or when it is Safari (every Safari
 * release carries WebKit security fixes). Command line tools, Xcode, firmware (BridgeOS) and
 * printer drivers are not counted. Nor are betas ("macOS Ventura 13.3 Beta 3", "macOS Catalina
 * Public Beta"): a Mac enrolled in a beta seed is always offered the next one, so counting it
 * would show that Mac as missing a security fix (and needing a restart) for as long as it stays
 * enrolled, whatever its patch level.
 *
 * A newer major macOS (Sequoia 15 offered to a Mac on Sonoma 14) is an upgrade, not a fix: it is
 * marked `upgrade` and never counted as security. The Mac's own version, where known, says which
 * release is newer; without it, every macOS major above the lowest one listed is an upgrade (Apple
 * offers point updates and Rapid Security Responses for the running major alongside the upgrade).
 */

export interface MacPendingUpdate extends PendingUpdate {
  restart: boolean;
}

export type SoftwareUpdateList = { ok: true; updates: MacPendingUpdate[] } | { ok: false; reason: string };

const NOTHING_PENDING = /No new software available|Keine neue Software verfügbar|Aucun nouveau logiciel disponible/i;

export function isMacSecurityUpdate(label: string, title: string): boolean {
  const text = `${title} ${label}`;
  if (/\bbeta\b/i.test(text)) return false;
  if (/security|sicherheit|sécurité/i.test(text)) return true;
  if (/^(macOS|OS X|Mac OS X)\b/i.test(title) || /^(macOS|OS X|Mac OS X)\b/i.test(label)) return true;
  return /^Safari\b/i.test(title) || /^Safari\d/i.test(label);
}

function item(label: string, title: string, version: string | undefined, restart: boolean): MacPendingUpdate {
  const shown = clip(version && !title.includes(version) ? `${title} ${version}` : title || label, 256);
  return { id: clip(label, 128), title: shown, severity: 'unspecified', security: isMacSecurityUpdate(label, title), restart };
}

/** The major release a version names: "15.1.1" → 15, "10.14.6" → 10.14 (before Big Sur the major was 10.x). */
export function macMajor(version: string): number | undefined {
  const m = version.match(/^(\d+)(?:\.(\d+))?/);
  if (!m) return undefined;
  const first = Number(m[1]);
  return first === 10 && m[2] !== undefined ? 10 + Number(m[2]) / 100 : first;
}

/** The macOS major an update installs, or undefined when it is not a macOS release. */
function offeredMajor(update: MacPendingUpdate): number | undefined {
  const m = (update.title ?? '').match(/^(?:macOS|OS X|Mac OS X)\b\D*?(\d+(?:\.\d+)?)/i);
  return m ? macMajor(m[1] as string) : undefined;
}

/** Marks offered major upgrades (see the file comment); pure. */
export function markMajorUpgrades(updates: MacPendingUpdate[], runningVersion?: string): MacPendingUpdate[] {
  const majors = updates.map(offeredMajor);
  const listed = majors.filter((m): m is number => m !== undefined);
  const running = runningVersion === undefined ? undefined : macMajor(runningVersion.trim());
  const current = running ?? (listed.length > 0 ? Math.min(...listed) : undefined);
  return updates.map((update, i) => {
    const major = majors[i];
    if (major === undefined || current === undefined || major <= current) return update;
    return { ...update, security: false, upgrade: true };
  });
}

/**
 * Whether patching needs a restart: a pending security fix whose action is "restart" (a macOS
 * point release, a Rapid Security Response). A major upgrade, Xcode, Command Line Tools or a
 * BridgeOS "shut down" are not patches, so their restart is not counted. Pure.
 */
export function restartNeededForPatching(updates: readonly MacPendingUpdate[]): boolean {
  return updates.some((u) => u.restart && u.security && !u.upgrade);
}

/** "Title: X, Version: Y, Size: Z, Recommended: YES, Action: restart," → fields. */
function fieldsOf(line: string): Record<string, string> {
  const fields: Record<string, string> = {};
  let key: string | undefined;
  for (const part of line.trim().split(/,\s*/)) {
    const m = part.match(/^([A-Z][A-Za-z ]*): ?(.*)$/);
    if (m) {
      key = m[1] as string;
      fields[key] = (m[2] as string).trim();
    } else if (key && part !== '') {
      fields[key] = `${fields[key]}, ${part}`; // a comma inside a title
    }
  }
  return fields;
}

export function parseSoftwareUpdateList(output: string, runningVersion?: string): SoftwareUpdateList {
  const lines = output.split(/\r?\n/);
  const updates: MacPendingUpdate[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const next = lines[i + 1] ?? '';
    const modern = line.match(/^\s*[*-] Label: (.+?)\s*$/); // "-": offered but not recommended
    if (modern) {
      const f = fieldsOf(next);
      updates.push(item(modern[1] as string, f.Title ?? modern[1]!, f.Version, /restart/i.test(f.Action ?? '')));
      i++;
      continue;
    }
    const legacy = line.match(/^\s*[*-] (.+?)\s*$/);
    if (legacy && /^\s/.test(next) && !/^\s*[*-] /.test(next)) {
      // "macOS 10.14.1 Update (10.14.1), 199140K [recommended] [restart]"
      // The version is the last parenthesis before the size: titles may hold their own "(macOS Mojave …)".
      const m = next.trim().match(/^(.*) \(([^()]*)\),\s*\d/);
      const title = (m?.[1] ?? next.trim().split(',')[0] ?? '').replace(/,$/, '').trim();
      updates.push(item(legacy[1] as string, title, m?.[2]?.trim() || undefined, /\[restart\]/i.test(next)));
      i++;
    }
  }
  if (updates.length > 0) return { ok: true, updates: markMajorUpgrades(updates, runningVersion) };
  if (NOTHING_PENDING.test(output)) return { ok: true, updates: [] };
  const first = output.trim().split(/\r?\n/).find((l) => /error|can.t connect|cannot|failed/i.test(l));
  return { ok: false, reason: first ? `softwareupdate: ${clip(first, 200)}` : 'softwareupdate output not recognised' };
}
