/**
 * A cell a spreadsheet would read as a formula. OWASP's CSV Injection guidance
 * (https://owasp.org/www-community/attacks/CSV_Injection) names a leading = + - @, tab (0x09) and
 * carriage return (0x0D); OWASP ASVS 5.0.0 requirement 1.2.10 adds NUL (0x00). Spreadsheets also skip
 * leading whitespace before a formula and accept the full-width forms ＝ ＋ － ＠ (U+FF1D, FF0B, FF0D,
 * FF20) as their ASCII twins, so both are caught too (the project's extension of the guidance).
 */
const FORMULA_START = /^(?:[\t\r\n\u0000]|[\s\u0000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

/**
 * RFC 4180 CSV of the given columns, CRLF line ends, with formula-looking cells defused because
 * these exports are opened in spreadsheets: such a cell gets a leading single quote (OWASP's
 * remedy), which spreadsheets show as text. Numbers are the collector's own figures, never device
 * text, so a negative one stays a number.
 */
export function csv<T extends object>(columns: ReadonlyArray<keyof T & string>, rows: readonly T[]): string {
  const cell = (value: unknown) => {
    let text = String(value ?? '');
    if (typeof value !== 'number' && typeof value !== 'bigint' && FORMULA_START.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [columns.join(','), ...rows.map((row) => columns.map((column) => cell(row[column])).join(','))].join('\r\n') + '\r\n';
}
