import { execFile } from 'node:child_process';
import { copyFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Report } from '../../protocol/index.js';
import { tempDir } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BUNDLE = path.join(ROOT, 'dist/sf-agent.mjs');
const SEA = path.join(ROOT, `dist/sf-agent-${process.platform}-${process.arch}`);
const run = promisify(execFile);

// scripts/setup.sh (run by `npm test`) builds dist/ first; this test builds nothing itself.
describe('dist/sf-agent.mjs (the bundle endpoints get)', () => {
  it('runs from an empty directory with only Node present: version and once --print', async () => {
    const dir = await tempDir('sf-agent-bundle-');
    try {
      await copyFile(BUNDLE, path.join(dir, 'sf-agent.mjs'));
      // No node_modules anywhere above a temp dir, no SF_* settings, no NODE_PATH.
      const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir };
      const version = await run(process.execPath, ['sf-agent.mjs', 'version'], { cwd: dir, env });
      expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
      const once = await run(process.execPath, ['sf-agent.mjs', 'once', '--print', '--state-dir', path.join(dir, 'state')], {
        cwd: dir,
        env,
        maxBuffer: 16 * 1024 * 1024,
      });
      const parsed = Report.safeParse(JSON.parse(once.stdout));
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(parsed.data?.inventory?.os).toBeDefined();
      expect(parsed.data?.collectors?.length).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// scripts/setup.sh --test builds it on Linux, as `npm run dist:agent` does.
describe.runIf(process.platform === 'linux')('single executable (Node SEA)', () => {
  it('runs from an empty directory without node_modules', async () => {
    const dir = await tempDir('sf-agent-sea-');
    try {
      const env = { PATH: '/usr/sbin:/sbin:/bin', HOME: dir };
      const version = await run(SEA, ['version'], { cwd: dir, env });
      expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
      const once = await run(SEA, ['once', '--print', '--state-dir', path.join(dir, 'state')], { cwd: dir, env, maxBuffer: 16 * 1024 * 1024 });
      expect(Report.safeParse(JSON.parse(once.stdout)).success).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
