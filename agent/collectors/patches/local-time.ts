/**
 * Dates in update logs (apt history, dnf history, softwareupdate --history, Windows hotfix
 * records) are wall-clock times with no zone and sometimes in a locale's order. Parsers
 * return instants through a `LocalZone`, so production reads them in the machine's zone
 * and fixture tests pin one (UTC) and get the same answer on any CI runner.
 */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
}

/** Turns a wall-clock time into an instant, or undefined when no such time exists. */
export type LocalZone = (t: LocalDateTime) => Date | undefined;

function isRealDate(t: LocalDateTime, d: Date, utc: boolean): boolean {
  const [y, m, day] = utc ? [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()] : [d.getFullYear(), d.getMonth(), d.getDate()];
  return !Number.isNaN(d.getTime()) && y === t.year && m === t.month - 1 && day === t.day && t.year >= 1990 && t.year < 2200;
}

function timeInRange(t: LocalDateTime): boolean {
  return (t.hour ?? 0) <= 23 && (t.minute ?? 0) <= 59 && (t.second ?? 0) <= 60;
}

/** The machine's own zone: what the logs were written in. */
export const systemZone: LocalZone = (t) => {
  const d = new Date(t.year, t.month - 1, t.day, t.hour ?? 0, t.minute ?? 0, t.second ?? 0);
  return timeInRange(t) && isRealDate(t, d, false) ? d : undefined;
};

export const utcZone: LocalZone = (t) => {
  const d = new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour ?? 0, t.minute ?? 0, t.second ?? 0));
  return timeInRange(t) && isRealDate(t, d, true) ? d : undefined;
};

/** Protocol form of an instant: ISO 8601 in UTC without milliseconds. */
export function isoInstant(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An ISO string with an explicit zone (`Z` or `+01:00`), normalised; undefined otherwise. */
export function zonedIso(text: string | null | undefined): string | undefined {
  if (!text || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim())) return undefined;
  const d = new Date(text.trim());
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1990 ? undefined : isoInstant(d);
}

/** "2024-11-20 10:12:33" or "2024-11-20  10:12" (two spaces in apt's history) → parts. */
export function parseYmdHms(text: string): LocalDateTime | undefined {
  const m = text.trim().match(/^(\d{4})-(\d{2})-(\d{2})[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?$/);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as number[];
  return { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: second! };
}

/** The later of two ISO instants (either may be missing). */
export function laterIso(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
