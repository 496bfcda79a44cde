/**
 * RFC 4180 CSV of the given columns, CRLF line ends, with formula-looking cells defused
 * (a leading = + - @ gets a quote) because these exports are opened in spreadsheets.
 */
export function csv<T extends object>(columns: ReadonlyArray<keyof T & string>, rows: readonly T[]): string {
  const cell = (value: unknown) => {
    let text = String(value ?? '');
    if (/^[=+\-@]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [columns.join(','), ...rows.map((row) => columns.map((column) => cell(row[column])).join(','))].join('\r\n') + '\r\n';
}
