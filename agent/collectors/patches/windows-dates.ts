import { isoInstant, zonedIso } from './local-time.js';

/**
 * Win32_QuickFixEngineering.InstalledOn is free text written at install time:
 * "11/20/2024" (the documented M/d/yyyy, used by most systems whatever their language),
 * "20.11.2024" or "20/11/2024" on some localised installs, "2024-11-20", "20190321" (seen beside
 * FILETIMEs on Vista), or, on Windows 7 / Server 2008 era records, a 16-digit hex FILETIME. It is a date without a time: we report
 * midnight UTC of that day, at most a day off, which the 14-day rule tolerates.
 */

const DAY_MS = 86_400_000;
// FILETIME counts 100 ns ticks since 1601-01-01; this many milliseconds separate it from 1970.
const FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000n;

function utcDay(year: number, month: number, day: number): Date | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  const real = d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
  return real && year >= 1995 ? d : undefined;
}

/** Pure: one raw InstalledOn string → the day it names; `now` rejects readings in the future. */
export function parseHotfixDate(raw: string, now: Date): Date | undefined {
  const text = raw.trim();
  const notFuture = (d: Date | undefined): Date | undefined => (d && d.getTime() <= now.getTime() + DAY_MS ? d : undefined);
  if (/^[0-9a-f]{16}$/i.test(text)) {
    const ms = Number(BigInt(`0x${text}`) / 10_000n - FILETIME_EPOCH_OFFSET_MS);
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? undefined : notFuture(utcDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));
  }
  let m = text.match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/) ?? text.match(/^(\d{4})(\d{2})(\d{2})$/);
  if (m) return notFuture(utcDay(Number(m[1]), Number(m[2]), Number(m[3])));
  m = text.match(/^(\d{1,2})([./-])(\d{1,2})\2(\d{4})/);
  if (!m) return undefined;
  const [a, sep, b, year] = [Number(m[1]), m[2], Number(m[3]), Number(m[4])];
  // Dots are day-first everywhere they are used (de, ru, pl…).
  if (sep === '.') return notFuture(utcDay(year, b, a));
  // Slashes: month-first as documented, unless that cannot be a date or lies in the future.
  return notFuture(utcDay(year, a, b)) ?? notFuture(utcDay(year, b, a));
}

/** The raw string when readable, else Get-HotFix's own parse (ISO from the script), as ISO. */
export function hotfixInstant(raw: string | null | undefined, parsed: string | null | undefined, now: Date): string | undefined {
  const fromRaw = raw ? parseHotfixDate(raw, now) : undefined;
  if (fromRaw) return isoInstant(fromRaw);
  const iso = zonedIso(parsed);
  return iso && Date.parse(iso) <= now.getTime() + DAY_MS ? iso : undefined;
}
