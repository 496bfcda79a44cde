import { describe, expect, it } from 'vitest';
import { csv } from '../../../collector/queries/csv.js';

// Finding 10: device-supplied text (hostnames, product names, reasons) reaches the CSV exports, which
// are opened in spreadsheets. A cell a spreadsheet reads as a formula must reach it as text.
const cellOf = (value: unknown) => csv<{ v: unknown }>(['v'], [{ v: value }]).split('\r\n')[1];

describe('CSV export: formula-looking cells reach the spreadsheet as text', () => {
  it.each([
    ['equals', '=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['plus', '+1+cmd', "'+1+cmd"],
    ['minus', '-2+3', "'-2+3"],
    ['at', '@SUM(A1)', "'@SUM(A1)"],
    ['a leading tab', '\t=1+1', "'\t=1+1"],
    ['a lone leading tab', '\tplain', "'\tplain"],
    ['a leading carriage return', '\r=1+1', `"'\r=1+1"`],
    ['a leading NUL', '\u0000x', "'\u0000x"],
    ['a leading space', ' =1+1', "' =1+1"],
    ['spaces then plus', '   +1', "'   +1"],
    ['a leading line feed', '\n@x', `"'\n@x"`],
    ['a no-break space', '\u00a0=1', "'\u00a0=1"],
    ['an ideographic space', '\u3000=1', "'\u3000=1"],
    ['full-width equals', '＝1+1', "'＝1+1"],
    ['full-width plus', '＋1', "'＋1"],
    ['full-width minus', '－1', "'－1"],
    ['full-width at', '＠SUM(A1)', "'＠SUM(A1)"],
    ['a space then full-width equals', ' ＝1', "' ＝1"],
  ])('neutralises a cell starting with %s', (_name, value, expected) => {
    expect(cellOf(value)).toBe(expected);
  });

  it.each([
    ['plain text', 'laptop-01', 'laptop-01'],
    ['text with an equals inside', 'a=b', 'a=b'],
    ['a leading space before text', ' laptop', ' laptop'],
    ['a negative number the collector computed', -3, '-3'],
    ['an empty cell', null, ''],
    ['a comma', 'a,b', '"a,b"'],
  ])('leaves %s as it is (RFC 4180 quoting only)', (_name, value, expected) => {
    expect(cellOf(value)).toBe(expected);
  });
});
