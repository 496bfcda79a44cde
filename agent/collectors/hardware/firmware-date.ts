const EARLIEST_PLAUSIBLE_YEAR = 1995;

/**
 * Pure: firmware release dates come as `YYYY-MM-DD` (systeminformation on Linux/macOS),
 * `MM/DD/YYYY` (raw dmidecode) or a CIM datetime `YYYYMMDDhhmmss.ffffff+zzz` (Windows).
 * Returns `YYYY-MM-DD`, or undefined for anything implausible (placeholders like 01/01/1970
 * or dates in the future).
 */
export function parseFirmwareDate(raw: unknown, now: Date): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  let y: number;
  let m: number;
  let d: number;
  let match: RegExpMatchArray | null;
  if ((match = text.match(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])/))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = text.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/))) {
    [y, m, d] = [Number(match[3]), Number(match[1]), Number(match[2])];
  } else if ((match = text.match(/^(\d{4})(\d{2})(\d{2})(?:\d{6}(?:\.\d+)?(?:[+-]\d+)?)?$/))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    return undefined;
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  if (y < EARLIEST_PLAUSIBLE_YEAR || date.getTime() > now.getTime() + 24 * 3600 * 1000) return undefined;
  return date.toISOString().slice(0, 10);
}
