import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Tests that have not found the folder of the code they test yet, each with the reason. The list
 * only shrinks: a new test goes under the path of what it tests (docs/architecture.md, folder map).
 */
const NOT_YET_MIRRORED: Readonly<Record<string, string>> = {};

function entries(dir: string): Array<{ rel: string; isDir: boolean }> {
  return readdirSync(path.join(ROOT, dir)).map((name) => {
    const rel = `${dir}/${name}`;
    return { rel, isDir: statSync(path.join(ROOT, rel)).isDirectory() };
  });
}

/** Every folder under test/collector/ and every test file at its top, with the source path it should mirror. */
function collectorTestLayout(): Array<{ test: string; source: string }> {
  const found: Array<{ test: string; source: string }> = [];
  const walk = (dir: string) => {
    for (const entry of entries(dir)) {
      if (entry.isDir) {
        found.push({ test: entry.rel, source: entry.rel.replace(/^test\//, '') });
        walk(entry.rel);
      } else if (dir === 'test/collector' && entry.rel.endsWith('.test.ts')) {
        found.push({ test: entry.rel, source: entry.rel.replace(/^test\//, '').replace(/\.test\.ts$/, '.ts') });
      }
    }
  };
  walk('test/collector');
  return found;
}

const exists = (rel: string): boolean => {
  try {
    statSync(path.join(ROOT, rel));
    return true;
  } catch {
    return false;
  }
};

describe('tests mirror the source', () => {
  it('every folder under test/collector/ is a folder of collector/, and each top-level test names a collector/ file', () => {
    const strays = collectorTestLayout()
      .filter(({ test, source }) => !exists(source) && !(test in NOT_YET_MIRRORED))
      .map(({ test, source }) => `${test}: no ${source} to mirror`);
    expect(strays).toEqual([]);
  });

  it('the list of exceptions holds no test that has since moved or found its folder', () => {
    const stale = Object.keys(NOT_YET_MIRRORED).filter((test) => !exists(test) || collectorTestLayout().some((t) => t.test === test && exists(t.source)));
    expect(stale).toEqual([]);
  });

  it('collector test helpers live in test/helpers/, the one helpers folder', () => {
    const helpers = collectorTestLayout()
      .filter(({ test }) => statSync(path.join(ROOT, test)).isDirectory())
      .flatMap(({ test }) => entries(test).filter((e) => !e.isDir && /helpers?\.ts$|temp\.ts$/.test(e.rel)).map((e) => e.rel));
    expect(helpers).toEqual([]);
  });
});
