// Writes the generated table of docs/agent-compatibility.md from the fixture sidecars
// (test/fixtures/agent/**/SOURCE.md): `npm run docs:agent-compat`. A test checks the committed
// table is current, so the document cannot claim a sample, a locale or a result that is not there.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { FIXTURE_PARSERS } from '../test/agent/collectors/fixture-parsers.js';
import { FIXTURES_ROOT, type FixtureCase, type FixtureSource, type Outcome, fixtureCases, outcomeOf, readExpected } from '../test/agent/collectors/fixture-sources.js';

export const DOC_PATH = new URL('../docs/agent-compatibility.md', import.meta.url);
export const START = '<!-- generated:start (npm run docs:agent-compat; do not edit by hand) -->';
export const END = '<!-- generated:end -->';

interface Checked {
  source: FixtureSource;
  outcome: Outcome;
  /** The parser's answer equals expected.json (what the conformance test asserts). */
  matches: boolean;
}

async function check(fixture: FixtureCase & { source: { ok: true; value: FixtureSource } }): Promise<Checked> {
  const expected = readExpected(fixture.dir);
  const parser = FIXTURE_PARSERS[fixture.source.value.parser];
  let matches = false;
  if (parser) {
    try {
      // Through JSON, as expected.json was: undefined properties drop out, as they do for toEqual.
      const answer: unknown = await parser.run(fixture.dir, expected);
      matches = isDeepStrictEqual(JSON.parse(JSON.stringify(answer ?? null)), expected);
    } catch {
      matches = false;
    }
  }
  return { source: fixture.source.value, outcome: outcomeOf(expected), matches };
}

const STAND_IN = /^none\b/i;
const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const OUTCOMES: Outcome[] = ['values', 'partly unknown', 'unknown', 'nothing to report'];

function outcomes(rows: Checked[]): string {
  if (rows.length === 0) return '—';
  return OUTCOMES.map((o) => [o, rows.filter((r) => r.outcome === o).length] as const)
    .filter(([, n]) => n > 0)
    .map(([o, n]) => `${n} ${o}`)
    .join(', ');
}

function matchCell(rows: Checked[]): string {
  const ok = rows.filter((r) => r.matches).length;
  return ok === rows.length ? `all ${rows.length}` : `**${ok} of ${rows.length}**`;
}

export async function renderCompatibilityTable(root = FIXTURES_ROOT): Promise<string> {
  const cases = fixtureCases(root);
  const valid = cases.filter((c): c is FixtureCase & { source: { ok: true; value: FixtureSource } } => c.source.ok);
  // TZ: log parsers and ClamAV read local times; expectations are written in UTC.
  process.env.TZ = 'UTC';
  const checked: Checked[] = [];
  for (const fixture of valid) checked.push(await check(fixture));
  const by = <K extends string>(key: (c: Checked) => K): Map<K, Checked[]> => {
    const groups = new Map<K, Checked[]>();
    for (const c of checked) groups.set(key(c), [...(groups.get(key(c)) ?? []), c]);
    return new Map([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)));
  };

  const lines = [START, '', '### Samples per parser', ''];
  lines.push('| Parser | Genuine samples | OS versions (genuine) | Locales (genuine) | Hand-written: edge cases | Hand-written: stand-ins | Parser answer equals expected.json |');
  lines.push('|---|---:|---|---|---:|---:|---|');
  for (const [parser, rows] of by((c) => c.source.parser)) {
    const genuine = rows.filter((r) => r.source.genuine);
    const hand = rows.filter((r) => !r.source.genuine);
    const distinct = (f: (s: FixtureSource) => string): string => [...new Set(genuine.map((r) => f(r.source)))].sort().join(', ') || '—';
    const standIns = hand.filter((r) => STAND_IN.test(r.source.edge_case ?? '')).length;
    lines.push(
      `| \`${parser}\` | ${genuine.length} | ${cell(distinct((s) => s.os_version))} | ${cell(distinct((s) => s.locale))} | ${hand.length - standIns} | ${standIns} | ${matchCell(rows)} |`,
    );
  }
  lines.push('', '### Parser × OS version × locale', '');
  lines.push('| Parser | OS | OS version | Locale | Genuine samples | What the genuine samples give | Hand-written | Parser answer equals expected.json |');
  lines.push('|---|---|---|---|---:|---|---:|---|');
  for (const [, rows] of by((c) => [c.source.parser, c.source.os, c.source.os_version, c.source.locale].join('\u0000'))) {
    const { parser, os, os_version, locale } = rows[0]!.source;
    const genuine = rows.filter((r) => r.source.genuine);
    lines.push(
      `| \`${parser}\` | ${os} | ${cell(os_version)} | ${cell(locale)} | ${genuine.length} | ${outcomes(genuine)} | ${rows.length - genuine.length} | ${matchCell(rows)} |`,
    );
  }
  const invalid = cases.filter((c) => !c.source.ok).length;
  lines.push('', `Cases: ${checked.length} (${checked.filter((c) => c.source.genuine).length} genuine)` + (invalid ? `; ${invalid} without a valid SOURCE.md (not counted)` : '') + '.', '', END);
  return lines.join('\n');
}

/** The committed document with its generated part replaced. */
export function withTable(doc: string, table: string): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/agent-compatibility.md lacks the ${START} … ${END} markers`);
  return doc.slice(0, start) + table + doc.slice(end + END.length);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const doc = readFileSync(DOC_PATH, 'utf8');
  writeFileSync(DOC_PATH, withTable(doc, await renderCompatibilityTable()));
  console.log('docs/agent-compatibility.md');
}
