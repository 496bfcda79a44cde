import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp.js';
import { FIXTURES_ROOT } from './fixture-sources.js';
import { DOC_PATH, END, START, renderCompatibilityTable, withTable } from '../../../scripts/agent-compatibility.js';

describe('docs/agent-compatibility.md', () => {
  it('its generated tables are what the fixtures say today (run: npm run docs:agent-compat)', async () => {
    const doc = readFileSync(DOC_PATH, 'utf8');
    const table = await renderCompatibilityTable();
    expect(doc.slice(doc.indexOf(START), doc.indexOf(END) + END.length)).toBe(table);
    expect(withTable(doc, table)).toBe(doc);
  });

  it('counts genuine samples and shows a parser whose answer differs from expected.json', async () => {
    const root = tempDir('compat').path;
    const write = (name: string, genuine: boolean, expected: unknown): void => {
      const dir = path.join(root, 'latency', name);
      mkdirSync(dir, { recursive: true });
      copyFileSync(path.join(FIXTURES_ROOT, 'latency', 'linux-iputils-localhost-nodeping', 'output.txt'), path.join(dir, 'output.txt'));
      writeFileSync(path.join(dir, 'expected.json'), JSON.stringify(expected));
      const source = genuine ? 'source: https://example.org/thread/1' : 'source: hand-written\nedge_case: a case for this test only';
      writeFileSync(path.join(dir, 'SOURCE.md'), `---\ngenuine: ${genuine}\n${source}\nos: linux\nos_version: Debian 12.11\nlocale: en-GB\nparser: ping\n---\n`);
    };
    const right = { sent: 4, received: 4, rtts: [0.022, 0.027, 0.029, 0.03] };
    write('right', true, right);
    write('wrong', false, { ...right, received: 3 });
    const table = await renderCompatibilityTable(root);
    expect(table).toContain('| `ping` | linux | Debian 12.11 | en-GB | 1 | 1 values | 1 | **1 of 2** |');
    expect(table).toContain('Cases: 2 (1 genuine).');
  });
});
