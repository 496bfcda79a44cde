/**
 * Firmware tables on cheap boards, VMs and containers are full of filler the vendor
 * never replaced. Such values must become `unknown`, never be reported as facts.
 */
const PLACEHOLDERS = new Set(
  [
    '',
    '-',
    '--',
    '.',
    '0',
    '00000000',
    '0000000000',
    '0123456789',
    '1234567890',
    'default string',
    'to be filled by o.e.m.',
    'to be filled by oem',
    'o.e.m.',
    'oem',
    'system manufacturer',
    'system product name',
    'system serial number',
    'system version',
    'chassis serial number',
    'chassis manufacture',
    'base board serial number',
    'not specified',
    'not applicable',
    'not available',
    'none',
    'null',
    'undefined',
    'unknown',
    'n/a',
    'na',
    'invalid',
    'type1productconfigid',
    'default',
    'xxxxxxxxxxxx',
  ].map((s) => s.toLowerCase()),
);

/** A trimmed, meaningful string, or undefined when the value is missing, not text or filler. */
export function cleanText(value: unknown, maxLength = 256): string | undefined {
  if (typeof value !== 'string') return undefined;
  // Control characters show up in corrupt DMI tables and would break dashboards.
  const text = value.replace(/[\u0000-\u001f\u007f]/g, '').replace(/\s+/g, ' ').trim();
  if (PLACEHOLDERS.has(text.toLowerCase())) return undefined;
  if (/^(.)\1+$/.test(text) && /[0fx\s]/i.test(text[0] ?? '')) return undefined; // "FFFFFFFF", "xxxx", "0000"
  return text.slice(0, maxLength);
}

/** A finite non-negative integer, or undefined. */
export function cleanCount(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined;
  return Math.round(value);
}

/** A positive integer, or undefined: for sizes where 0 means "not reported". */
export function positiveCount(value: unknown): number | undefined {
  const n = cleanCount(value);
  return n !== undefined && n > 0 ? n : undefined;
}

/** An object to read fields from, or undefined: raw answers may be a string, array or null. */
export function asRecord<T extends object>(value: unknown): T | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as T) : undefined;
}

/** The object elements of an array, or [] when the value is not an array. */
export function asRecords<T extends object>(value: unknown): T[] {
  return Array.isArray(value) ? value.filter((v): v is T => asRecord<T>(v) !== undefined) : [];
}
