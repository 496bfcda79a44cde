import { execFile, spawn } from 'node:child_process';
import { copyFile, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Report } from '../../protocol/index.js';
import { fakeServer, sendJson } from '../helpers/agent.js';
import { tempDir } from '../helpers/temp.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BUNDLE = path.join(ROOT, 'dist/sf-agent.mjs');
const SEA = path.join(ROOT, `dist/sf-agent-${process.platform}-${process.arch}`);
const run = promisify(execFile);

/**
 * `run` with debug logs against a stand-in collector on 127.0.0.1, until the first report arrives:
 * that report carries the inventory, collected by the inventory worker the program started from itself.
 */
async function firstReportOfRun(command: string, args: string[], dir: string) {
  const server = await fakeServer((req, res) => {
    if (req.url === '/v1/enroll') return sendJson(res, 201, { device_id: 'dev_bundle0001', node_key: 'sfk.bundle.key', site_id: 's', trust_id: 't' });
    return sendJson(res, 202, { report_id: (req.json as { report_id: string }).report_id, duplicate: false });
  });
  const runArgs = ['run', '--state-dir', path.join(dir, 'state'), '--collector-url', server.url, '--enroll-secret', 'bundle-enrol-secret-0123', '--log-level', 'debug'];
  const child = spawn(command, [...args, ...runArgs], { cwd: dir, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  try {
    const deadline = Date.now() + 50_000;
    const reports = () => server.requests.filter((r) => r.url === '/v1/reports');
    while (reports().length === 0 && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
    const logs = stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    return { report: Report.parse(reports()[0]?.json), logs, pid: child.pid as number };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('close', r));
    await server.close();
  }
}

/** Inventory from the worker process, every collector ok or with its reason. */
function expectInventoryFromWorker(result: Awaited<ReturnType<typeof firstReportOfRun>>): void {
  const started = result.logs.filter((l) => l.msg === 'inventory worker started');
  expect(started).toHaveLength(1);
  expect(started[0]?.collectors).toEqual(['hardware', 'os', 'patches', 'security']);
  expect(started[0]?.pid).not.toBe(result.pid);
  expect(result.report.inventory?.os?.family).toBe('linux');
  expect(result.report.inventory?.hardware).toBeDefined();
  const statuses = Object.fromEntries((result.report.collectors ?? []).map((c) => [c.collector, c]));
  for (const name of ['hardware', 'os']) expect(statuses[name], JSON.stringify(statuses[name])).toMatchObject({ ok: true });
  for (const name of ['patches', 'security']) expect(statuses[name]?.error ?? '').not.toMatch(/inventory worker/);
}

// scripts/setup.sh (run by `npm test`) builds dist/ first; this test builds nothing itself.
describe('dist/sf-agent.mjs (the bundle endpoints get)', () => {
  it('runs from an empty directory with only Node present: version and once --print', async () => {
    const dir = tempDir('agent-bundle').path;
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

  it('run: the inventory is collected by a worker started from the same file', async () => {
    const dir = tempDir('agent-bundle-run').path;
    try {
      await copyFile(BUNDLE, path.join(dir, 'sf-agent.mjs'));
      expectInventoryFromWorker(await firstReportOfRun(process.execPath, ['sf-agent.mjs'], dir));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('holds no character above U+00FF, so V8 keeps its source at one byte per character', async () => {
    const source = await readFile(BUNDLE, 'utf8');
    const wide = [...source].findIndex((c) => (c.codePointAt(0) ?? 0) > 0xff);
    expect(wide === -1 ? '' : source.slice(Math.max(0, wide - 60), wide + 10)).toBe('');
  });
});

// scripts/setup.sh --test builds it on Linux, as `npm run dist:agent` does.
describe.runIf(process.platform === 'linux')('single executable (Node SEA)', () => {
  it('runs from an empty directory without node_modules', async () => {
    const dir = tempDir('agent-sea').path;
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

  it('run: the inventory is collected by a worker the executable starts from itself', async () => {
    const dir = tempDir('agent-sea-run').path;
    try {
      expectInventoryFromWorker(await firstReportOfRun(SEA, [], dir));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
