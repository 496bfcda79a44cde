import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stopProgram } from '../../../demo/processes.js';
import { freePort, spawnCollector } from '../../helpers/collector.js';
import { tempDir } from '../../helpers/temp.js';

// Finding 11: a data directory made before (by hand, a package, an older version) kept its loose mode,
// so other local users could read the engine's files and the admin and viewer tokens beside them.
const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8).padStart(4, '0');

describe('the data directory', () => {
  const parent = tempDir('data-dir');
  afterAll(() => parent.remove());

  it('is made owner-only at start when it was open to others, and the collector says so', async () => {
    const dataDir = join(parent.path, 'data');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o755);
    const collector = await spawnCollector(dataDir, await freePort());
    await stopProgram(collector.child, 'SIGTERM');
    expect(modeOf(dataDir)).toBe('0700');
    const line = collector.log().split('\n').find((l) => l.includes('owner-only (0700)'));
    expect(line && JSON.parse(line)).toMatchObject({ level: 'warn', data_dir: dataDir, mode_was: '0755' });
    expect(modeOf(join(dataDir, 'admin.token'))).toBe('0600');
  });

  it('is left as it is, and nothing is logged, when already owner-only', async () => {
    const dataDir = join(parent.path, 'private');
    mkdirSync(dataDir, { mode: 0o700 });
    const collector = await spawnCollector(dataDir, await freePort());
    await stopProgram(collector.child, 'SIGTERM');
    expect(modeOf(dataDir)).toBe('0700');
    expect(collector.log()).not.toContain('owner-only (0700)');
  });
});
