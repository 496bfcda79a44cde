import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Patches } from '../../../../protocol/index.js';
import { FIXTURES, fixtureCases, fixtureJson, fixtureText } from '../../../helpers/agent.js';
import { parseUpdateinfoList } from '../../../../agent/collectors/patches/dnf-parse.js';
import { utcZone } from '../../../../agent/collectors/patches/local-time.js';
import { parseSoftwareUpdateHistory } from '../../../../agent/collectors/patches/macos-history.js';
import { PARSERS, parserFor } from './parser-table.js';

const cases = fixtureCases('patches');

// The issue's bar: every parser sees a current and an older release, a localised variant,
// empty output and garbage. Named by convention so a missing one fails here, not in review.
describe('fixture coverage', () => {
  for (const prefix of Object.keys(PARSERS)) {
    it(`${prefix}* has at least 5 cases, including empty and garbage`, () => {
      const mine = cases.filter((c) => c.startsWith(prefix));
      expect(mine.length).toBeGreaterThanOrEqual(5);
      expect(mine).toContain(`${prefix}empty`);
      expect(mine).toContain(`${prefix}garbage`);
      // JSON and XML output (dnf5 --json, zypper --xmlout) keep their keys and values in English in every locale.
      if (!/^(dnf5-advisory-json|zypper)-/.test(prefix)) expect(mine.some((c) => /localised/.test(c))).toBe(true);
    });
  }
  it('every case folder belongs to a parser and has its input and expectation', () => {
    for (const name of cases) {
      const parser = parserFor(name);
      expect(parser, name).toBeDefined();
      expect(existsSync(path.join(FIXTURES, 'patches', name, parser!.input)), name).toBe(true);
      expect(existsSync(path.join(FIXTURES, 'patches', name, 'expected.json')), name).toBe(true);
    }
  });
});

describe.each(cases)('patches fixture %s', (name) => {
  it('parses to the expected result', () => {
    const parser = parserFor(name)!;
    const actual = parser.parse(fixtureText('patches', name, parser.input));
    expect(JSON.parse(JSON.stringify(actual))).toEqual(fixtureJson('patches', name, 'expected.json'));
  });
  if (name.startsWith('win-')) {
    it('maps to a protocol-valid Patches or says why not', () => {
      const expected = fixtureJson<Record<string, unknown>>('patches', name, 'expected.json');
      if ('ok' in expected) expect(expected.reason).toMatch(/PowerShell/);
      else expect(Patches.safeParse(expected).error?.issues ?? []).toEqual([]);
    });
  }
});

describe('parser details the fixtures rely on', () => {
  it('garbage never throws, whatever the parser', () => {
    const junk = ['\u0000\u0001', '{', '[]', 'Inst x', '* Label:', ' | | | ', '\n\n\n', 'x'.repeat(10_000)];
    for (const parser of Object.values(PARSERS)) for (const text of junk) expect(() => parser.parse(text)).not.toThrow();
  });
});

describe('dnf updateinfo installed marker', () => {
  // Hand-written edge case (no genuine `list all` sample with an installed advisory was found): the
  // first column is "i" for an advisory already installed, blank for one still available.
  it('counts only the advisories not marked installed', () => {
    const listAll = [
      'i RHSA-2024:9430 Important/Sec. kernel-core-5.14.0-503.14.1.el9_5.x86_64',
      '  RHSA-2024:9500 Moderate/Sec.  openssl-1:3.2.2-6.el9_5.x86_64',
    ].join('\n');
    const parsed = parseUpdateinfoList(listAll, utcZone);
    expect(parsed).toEqual({ ok: true, advisories: [{ id: 'RHSA-2024:9500', type: 'security', severity: 'moderate', pkg: 'openssl' }] });
  });
});

describe('softwareupdate --history rows the parser cannot read', () => {
  // Hand-written edge case (no genuine sample shows an unreadable row beside readable ones): the
  // unreadable row could be the newest install, so the table is refused rather than read around it.
  it('refuses a table with an unrecognised row under the header', () => {
    const table = [
      'Display Name                                       Version    Date',
      '------------                                       -------    ----',
      'Safari                                             18.1       29/10/2024, 18:40:02',
      'macOS Sonoma 14.7.1                                14.7.1     20 Nov 2024 10:12',
    ].join('\n');
    expect(parseSoftwareUpdateHistory(table, utcZone)).toEqual({ ok: false, reason: 'softwareupdate --history has 1 row(s) not recognised' });
  });
});
