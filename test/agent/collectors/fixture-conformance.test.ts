import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PARSERS } from './fixture-parsers.js';
import { fixtureCases, readExpected } from './fixture-sources.js';

// ClamAV and log parsers read local times; pin the zone so expectations hold on any runner.
beforeAll(() => {
  process.env.TZ = 'UTC';
});

/**
 * Every fixture case folder, genuine or hand-written, is checked here: it names its source and its
 * parser in SOURCE.md, holds the files that parser reads, and the parser's answer equals the values
 * written down in expected.json. Adding a folder is enough to have it tested.
 */
const cases = fixtureCases();

describe('fixture cases', () => {
  it('exist', () => {
    expect(cases.length).toBeGreaterThan(0);
  });
});

describe.each(cases.map((c) => [`${c.area}/${c.name}`, c] as const))('%s', (_label, fixture) => {
  it('names its source and parser in SOURCE.md, and holds what the parser reads', () => {
    expect(fixture.source.ok ? 'valid' : fixture.source.problem).toBe('valid');
    if (!fixture.source.ok) return;
    const parser = FIXTURE_PARSERS[fixture.source.value.parser];
    expect(parser, `parser "${fixture.source.value.parser}" is one of: ${Object.keys(FIXTURE_PARSERS).join(', ')}`).toBeDefined();
    for (const file of [...(parser?.files ?? []), 'expected.json']) expect(existsSync(path.join(fixture.dir, file)), file).toBe(true);
  });

  it('the parser extracts the values written down in expected.json', async () => {
    if (!fixture.source.ok) throw new Error(`SOURCE.md: ${fixture.source.problem}`);
    const parser = FIXTURE_PARSERS[fixture.source.value.parser];
    if (!parser) throw new Error(`no parser "${fixture.source.value.parser}"`);
    const expected = readExpected(fixture.dir);
    expect(await parser.run(fixture.dir, expected)).toEqual(expected);
  });
});
