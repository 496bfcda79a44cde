import type { PendingUpdate } from '../../../protocol/index.js';
import { type LocalZone, isoInstant, parseYmdHms } from './local-time.js';
import { clip } from './summary.js';

/**
 * Pure parsers for zypper's XML output (SLES 12+, openSUSE Leap, Tumbleweed). The XML keeps
 * English attribute values in every locale, unlike the tables.
 *
 * `zypper --xmlout list-patches`:
 *   <stream><update-status version="0.6"><update-list>
 *     <update kind="patch" name="openSUSE-Leap-16.0-113" edition="1" arch="noarch" status="needed"
 *             category="security" severity="important" pkgmanager="false" restart="true" interactive="true">
 *       <summary>…</summary><description>…</description>…<issue-date time_t="1766061723" text="…"/>…
 *     </update>…
 * `zypper --xmlout list-updates`: the same list with kind="package" (name, edition, edition-old).
 * zypper escapes "<" inside text (&lt;), so a start tag is found reliably by its name.
 */

export interface ZypperPatch {
  id: string;
  category: string;
  severity: PendingUpdate['severity'];
  status: string;
  /** restart="true": the patch needs a reboot once applied (kernel, glibc…). */
  restart: boolean;
  issued?: string;
  summary?: string;
}

export type ZypperParse<T> = { ok: true; items: T[] } | { ok: false; reason: string };

// SUSE severities (zypper's patch severity: critical, important, moderate, low, unspecified).
const SEVERITIES: Record<string, PendingUpdate['severity']> = { critical: 'critical', important: 'important', moderate: 'moderate', low: 'low' };

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w-]+)="([^"]*)"/g)) out[m[1] as string] = unescapeXml(m[2] as string);
  return out;
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] as string);
}

/** Each <update …> start tag with the text up to the next one (its children). */
function updateElements(xml: string): Array<{ attrs: Record<string, string>; body: string }> {
  const starts = [...xml.matchAll(/<update\s[^>]*>/g)];
  return starts.map((m, i) => ({
    attrs: attributes(m[0]),
    body: xml.slice((m.index ?? 0) + m[0].length, starts[i + 1]?.index ?? xml.length),
  }));
}

function checkStream(xml: string, what: string): string | undefined {
  if (xml.trim() === '') return `${what}: empty output`;
  if (!/<stream>/.test(xml)) return `${what}: not zypper XML`;
  // zypper reports errors inside the stream: <message type="error">…</message>
  const error = xml.match(/<message type="error">([^<]*)<\/message>/);
  if (error) return `${what}: ${clip(unescapeXml(error[1] as string).trim(), 200)}`;
  if (!/<update-list\s*\/?>/.test(xml) && !/<update-status/.test(xml)) return `${what}: no update list in the output`;
  return undefined;
}

export function parseZypperPatches(xml: string): ZypperParse<ZypperPatch> {
  const problem = checkStream(xml, 'zypper list-patches');
  if (problem) return { ok: false, reason: problem };
  const items: ZypperPatch[] = [];
  for (const { attrs, body } of updateElements(xml)) {
    if (attrs.kind !== 'patch' || !attrs.name) continue;
    const time = Number(body.match(/<issue-date\s+time_t="(\d+)"/)?.[1]);
    const summary = body.match(/<summary>([^<]*)<\/summary>/)?.[1];
    items.push({
      id: clip(attrs.name, 128),
      category: (attrs.category ?? 'unknown').toLowerCase(),
      severity: SEVERITIES[(attrs.severity ?? '').toLowerCase()] ?? 'unspecified',
      status: (attrs.status ?? 'needed').toLowerCase(),
      restart: attrs.restart === 'true',
      ...(Number.isFinite(time) && time > 0 ? { issued: isoInstant(new Date(time * 1000)) } : {}),
      ...(summary ? { summary: clip(unescapeXml(summary).trim(), 256) } : {}),
    });
  }
  return { ok: true, items };
}

/** Package names with an update (list-updates, kind="package"). */
export function parseZypperUpdates(xml: string): ZypperParse<string> {
  const problem = checkStream(xml, 'zypper list-updates');
  if (problem) return { ok: false, reason: problem };
  const names = new Set<string>();
  for (const { attrs } of updateElements(xml)) if (attrs.kind === 'package' && attrs.name) names.add(attrs.name);
  return { ok: true, items: [...names] };
}

/** Pure: pending items from the patches — one per needed patch, security by its category. */
export function zypperPending(patches: readonly ZypperPatch[]): PendingUpdate[] {
  return patches
    .filter((p) => p.status === 'needed')
    .map((p) => {
      const item: PendingUpdate = { id: p.id, severity: p.severity, security: p.category === 'security' };
      if (p.summary) item.title = p.summary;
      if (p.issued) item.released_at = p.issued;
      return item;
    });
}

export interface ZypperInstall {
  at: string;
  id: string;
}

/**
 * Pure: /var/log/zypp/history ("2024-11-20 10:12:33|install|curl|8.6.0-4.1|x86_64|root@host|repo-update|…|").
 * The latest install from an update repository (alias or name with "update": openSUSE's
 * repo-update, SLES' *-Updates), because installing a new package from the main repository
 * says nothing about the patch level. Timestamps are local time, read with `zone`.
 */
export function lastZypperUpdate(text: string, zone: LocalZone): ZypperInstall | undefined {
  let latest: ZypperInstall | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('#')) continue;
    const cells = line.split('|');
    if (cells.length < 7 || cells[1]?.trim() !== 'install' || !/update/i.test(cells[6] ?? '')) continue;
    const local = parseYmdHms(cells[0] ?? '');
    const at = local ? zone(local) : undefined;
    if (!at) continue;
    if (!latest || at.getTime() >= Date.parse(latest.at)) latest = { at: isoInstant(at), id: clip(`${cells[2]?.trim()} ${cells[3]?.trim()}`, 128) };
  }
  return latest;
}
