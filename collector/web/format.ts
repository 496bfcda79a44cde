/** Display formatting shared by the pages: one place decides how a number or a date reads. */

export function score(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : value.toFixed(1);
}

/** A no-break space before the sign, so a figure is never split from it at the end of a line. */
export function percent(share: number | null | undefined, places = 0): string {
  return share === null || share === undefined ? '–' : `${(share * 100).toFixed(places)}\u00a0%`;
}

export function count(value: number): string {
  return value.toLocaleString('en-GB');
}

/** 2026-11-23 → 23 Nov 2026 (UTC: as-of dates are calendar days, not instants). */
export function day(iso: string): string {
  if (!iso) return '–';
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** A ClickHouse or ISO timestamp → "23 Nov 2026, 14:05 UTC". */
export function moment(value: string): string {
  if (!value) return '–';
  const date = new Date(value.includes('T') ? value : `${value.replace(' ', 'T')}Z`);
  if (Number.isNaN(date.getTime())) return value;
  return `${date.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })} UTC`;
}

export { daysBetween, isoDaysBefore } from '../scoring/dates.js';

/** A query string from the set values only, so links stay short and shareable. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

// One rule for naming a device, shared with the notifier's messages (which may not import the HTML layer).
export { deviceName } from '../queries/device-labels.js';
