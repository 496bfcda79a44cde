import { z } from 'zod';
import { type Patches, type PendingUpdate, unknown } from '../../../protocol/index.js';
import { isoInstant, laterIso, zonedIso } from './local-time.js';
import { clip, lastUpdate, pendingUnknown, summarisePending } from './summary.js';
import { hotfixInstant } from './windows-dates.js';

/**
 * The JSON document WINDOWS_PATCHES_SCRIPT prints, validated loosely on purpose:
 * ConvertTo-Json in Windows PowerShell 5.1 turns a one-element array into a bare value and
 * `$null` into null, and a DateTime that slipped through as "\/Date(ms)\/". Every field is
 * optional, so a section that failed is simply missing and becomes an `unknown` below.
 */
const str = z.string().nullish().catch(null);
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item)).catch([]);

const Update = z.object({
  title: str,
  kb: list(z.union([z.string(), z.number()]).transform(String)),
  severity: str,
  categories: list(z.object({ id: str, name: str })),
  released: str,
});

export const WindowsPatchReport = z.object({
  schema: z.number().optional(),
  updates: list(Update).optional(),
  updatesError: str,
  history: list(z.object({ title: str, date: str })).optional(),
  historyError: str,
  lastScan: str,
  lastBoot: str,
  rebootRequired: z.boolean().nullish(),
  rebootError: str,
  rebootFlags: list(z.string()),
  hotfixes: list(z.object({ id: str, installedOnRaw: str, installedOn: str })).optional(),
  hotfixError: str,
});
export type WindowsPatchReport = z.infer<typeof WindowsPatchReport>;
type WindowsUpdate = z.infer<typeof Update>;

// Category ids are the same in every UI language; names are localised ("Sicherheitsupdates").
const SECURITY_UPDATES = '0fa1201d-4330-4fa8-8ae9-b877473b6441';
const DEFINITION_UPDATES = 'e0789628-ce08-4437-be74-2495b842f43b';
const UPGRADES = '3689bdc8-b205-4af4-8d4a-a63924c5e9d5';
// A feature update offered through Windows Update ("Feature update to Windows 11, version 24H2") is
// a new version of Windows, not a fix; WSUS files it under the Upgrades category.
const FEATURE_UPDATE = /^(feature update to|upgrade to) windows\b/i;
const SEVERITY: Record<string, PendingUpdate['severity']> = { critical: 'critical', important: 'important', moderate: 'moderate', low: 'low' };
// Defender signatures/platform and the malware removal tool install daily or monthly on their
// own: counting them as "last update" would hide a machine that gets no OS patches at all.
const NOT_PATCHES = /KB2267602|KB4052623|KB915597|KB890830|Security Intelligence|Definition Update/i;

export function windowsPendingUpdate(u: WindowsUpdate): PendingUpdate {
  const kb = u.kb[0];
  const categoryIds = u.categories.map((c) => (c.id ?? '').toLowerCase());
  const severity = SEVERITY[(u.severity ?? '').trim().toLowerCase()] ?? 'unspecified';
  const definitions = categoryIds.includes(DEFINITION_UPDATES);
  const upgrade = categoryIds.includes(UPGRADES) || FEATURE_UPDATE.test((u.title ?? '').trim());
  const security = !definitions && !upgrade && (categoryIds.includes(SECURITY_UPDATES) || severity !== 'unspecified');
  const title = clip(u.title ?? '', 256);
  const released = dotNetDate(u.released);
  const item: PendingUpdate = { id: clip(kb ? `KB${kb.replace(/^KB/i, '')}` : title || 'untitled update', 128), severity, security };
  if (title) item.title = title;
  if (released) item.released_at = released;
  if (upgrade) item.upgrade = true;
  return item;
}

/** "2024-11-12T00:00:00Z" as sent, or PowerShell 5.1's "\/Date(1731369600000)\/". */
export function dotNetDate(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  // JSON.parse has already turned "\\/Date(…)\\/" into "/Date(…)/".
  const ms = text.match(/^\/Date\((-?\d+)/)?.[1];
  if (ms === undefined) return zonedIso(text);
  const d = new Date(Number(ms));
  return d.getUTCFullYear() < 1990 ? undefined : isoInstant(d);
}

/** Every dated installation of an OS update, from the update history and the hotfix list. */
function installations(report: WindowsPatchReport, now: Date): Array<{ at: string; id: string }> {
  const found: Array<{ at: string; id: string }> = [];
  const consider = (at: string | undefined, id: string): void => {
    if (at && Date.parse(at) <= now.getTime() + 86_400_000) found.push({ at, id });
  };
  for (const h of report.history ?? []) {
    if (NOT_PATCHES.test(h.title ?? '')) continue;
    const kb = (h.title ?? '').match(/\bKB\d{6,8}\b/i)?.[0]?.toUpperCase();
    consider(dotNetDate(h.date), clip(kb ?? h.title ?? 'update', 128));
  }
  for (const fix of report.hotfixes ?? []) {
    if (!fix.id || NOT_PATCHES.test(fix.id)) continue;
    consider(hotfixInstant(fix.installedOnRaw, fix.installedOn, now), clip(fix.id, 128));
  }
  return found;
}

function lastInstalled(found: ReadonlyArray<{ at: string; id: string }>): { at: string; id: string } | undefined {
  let best: { at: string; id: string } | undefined;
  for (const install of found) if (laterIso(best?.at, install.at) === install.at && install.at !== best?.at) best = install;
  return best;
}

/**
 * An update installed since the last boot while a restart is pending is what waits for it: the
 * oldest such installation dates the wait. Without a boot time or such an installation the wait
 * cannot be dated, which is said rather than guessed.
 */
function rebootPendingSince(report: WindowsPatchReport, found: ReadonlyArray<{ at: string }>): Patches['reboot_pending_since'] {
  const boot = dotNetDate(report.lastBoot);
  if (!boot) return unknown('a restart is pending, but the last boot time could not be read');
  const since = found.map((i) => i.at).filter((at) => Date.parse(at) > Date.parse(boot)).sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  return since ?? unknown('a restart is pending, but no update installation since the last boot is dated');
}

/** Pure: the script's JSON (already validated) → protocol Patches. */
export function mapWindowsPatches(report: WindowsPatchReport, now: Date): Patches {
  const updatesReason = report.updatesError
    ? clip(`Windows Update Agent search failed: ${report.updatesError}`, 300)
    : 'the script reported no update search';
  const pending = report.updates
    ? summarisePending(report.updates.map(windowsPendingUpdate), 'Windows Update gives no release date for these updates')
    : pendingUnknown(updatesReason);
  const found = installations(report, now);
  const last = lastInstalled(found);
  const lastReason =
    report.hotfixError && report.historyError
      ? clip(`no update history (${report.historyError}) and no hotfix list (${report.hotfixError})`, 300)
      : 'neither the update history nor the hotfix list has a dated installation';
  // The registry flags are always read (Test-Path cannot fail), so the answer is always known.
  const reboot = report.rebootRequired === true || report.rebootFlags.length > 0;
  const patches: Patches = {
    source: 'windows-update',
    ...lastUpdate(last, lastReason),
    ...pending,
    reboot_required: reboot,
  };
  if (reboot) patches.reboot_pending_since = rebootPendingSince(report, found);
  return patches;
}
