import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultCollectors } from '../../agent/collectors/registry.js';
import { CONFIG_FILE_SETTING, SETTINGS } from '../../agent/config/schema.js';
import { Report } from '../../protocol/index.js';
import { fakeServer, findUnknowns, sendJson } from '../helpers/agent.js';
import { tempDir } from '../helpers/temp.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SECRET = 'enroll-secret-0123456789';
const NODE_KEY = 'nk_cli_test_key_987';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function startCli(args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; result: Promise<Run> } {
  // SF_* from the developer's shell must not leak into tests.
  const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SF_')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'agent/cli.ts', ...args], { cwd: ROOT, env: { ...cleanEnv, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const result = new Promise<Run>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, result };
}

const cli = (args: string[], env?: NodeJS.ProcessEnv): Promise<Run> => startCli(args, env).result;

function logLines(stderr: string): Array<Record<string, unknown>> {
  return stderr
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

let closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.map((c) => c()));
  closers = [];
});

describe('sf-agent CLI (spawned)', () => {
  it('once --print on this machine prints a valid report where every unknown has a reason', async () => {
    const stateDir = tempDir('agent').path;
    const run = await cli(['once', '--print', '--state-dir', stateDir]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as unknown;
    const parsed = Report.safeParse(report);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    const r = parsed.data!;
    expect(r.device_id).toBe('dev_unenrolled0');
    expect(r.inventory?.hardware).toBeDefined();
    expect(r.inventory?.os).toBeDefined();
    expect(r.inventory?.hostname).toMatch(/^[0-9a-f]{64}$/);
    expect(r.samples).toBeUndefined(); // no latency targets by default: no traffic
    expect(r.collectors?.map((c) => c.collector).sort()).toEqual(defaultCollectors().map((c) => c.name).sort());
    for (const u of findUnknowns(r)) expect(typeof u.reason === 'string' && u.reason.length > 0, u.path).toBe(true);
    const logs = logLines(run.stderr);
    expect(logs.some((l) => l.level === 'warn' && String(l.msg).includes('not enrolled'))).toBe(true);
  });

  it('once --print with a loopback latency target adds a sample', async () => {
    const run = await cli(['once', '--print', '--state-dir', tempDir('agent').path, '--latency-target', '127.0.0.1=loopback']);
    expect(run.code).toBe(0);
    const report = Report.parse(JSON.parse(run.stdout));
    expect(report.samples).toEqual([expect.objectContaining({ kind: 'latency', target: '127.0.0.1', label: 'loopback', received: 5 })]);
  });

  it('--help lists every flag of the settings table with its environment variable', async () => {
    const run = await cli(['once', '--help']);
    expect(run.code).toBe(0);
    const help = run.stdout.replace(/\s+/g, ' ');
    for (const spec of [CONFIG_FILE_SETTING, ...SETTINGS.map((r) => r.setting.spec)].filter((s) => s.flag)) {
      expect(help).toContain(spec.flag);
      if (spec.env) expect(help).toContain(`env ${spec.env}`);
    }
  });

  it('validate lists every problem with where it was given, and exits 2; good settings exit 0', async () => {
    const dir = tempDir('agent').path;
    await writeFile(path.join(dir, 'agent.yaml'), 'latency:\n  count: 0\n');
    const bad = await cli(['validate', '--config', path.join(dir, 'agent.yaml'), '--interval-scale', '-1'], { SF_COLLECTOR_URL: 'not a url' });
    expect(bad.code).toBe(2);
    const lines = bad.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^collector_url: .*\(env SF_COLLECTOR_URL\)$/),
        expect.stringMatching(/^interval_scale: .*\(flag --interval-scale\)$/),
        expect.stringMatching(new RegExp(`^latency\\.count: .*\\(${path.join(dir, 'agent.yaml')} line 2\\)$`)),
      ]),
    );
    await writeFile(path.join(dir, 'agent.yaml'), 'latency:\n  count: 2\n');
    const good = await cli(['validate', '--config', path.join(dir, 'agent.yaml')], { SF_LATENCY_TARGETS: '127.0.0.1=loopback' });
    expect(good).toMatchObject({ code: 0, stdout: 'settings ok\n' });
  });

  it('version', async () => {
    const run = await cli(['version']);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('a bad setting exits 2 and names it', async () => {
    const dir = tempDir('agent').path;
    await writeFile(path.join(dir, 'agent.yaml'), 'latency:\n  count: 0\n');
    const run = await cli(['once', '--print', '--config', path.join(dir, 'agent.yaml')]);
    expect(run.code).toBe(2);
    expect(logLines(run.stderr)[0]?.msg).toMatch(/latency\.count: /);
  });

  it('run enrols, delivers reports, and stops cleanly on SIGTERM without logging secrets', async () => {
    const server = await fakeServer((req, res) => {
      if (req.url === '/v1/enroll') return sendJson(res, 201, { device_id: 'dev_cli00001', node_key: NODE_KEY, site_id: 's', trust_id: 't' });
      return sendJson(res, 202, { report_id: (req.json as { report_id: string }).report_id, duplicate: false });
    });
    closers.push(server.close);
    const stateDir = tempDir('agent').path;
    const { child, result } = startCli(['run', '--state-dir', stateDir, '--latency-target', '127.0.0.1', '--interval-scale', '0.01'], {
      SF_COLLECTOR_URL: server.url,
      SF_ENROLL_SECRET: SECRET,
    });
    const reports = () => server.requests.filter((r) => r.url === '/v1/reports');
    // Waits for the second report however slow the machine is; the test's timeout below is only a hang guard.
    while (reports().length < 2) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGTERM');
    const run = await result;
    expect(run.code).toBe(0);
    expect(reports().length).toBeGreaterThanOrEqual(2);
    for (const req of reports()) {
      expect(Report.safeParse(req.json).success).toBe(true);
      expect(req.headers.authorization).toBe(`Bearer ${NODE_KEY}`);
    }
    expect((reports()[0]!.json as Report).device_id).toBe('dev_cli00001');
    expect(run.stderr).not.toContain(NODE_KEY);
    expect(run.stderr).not.toContain(SECRET);
    expect(logLines(run.stderr).some((l) => l.msg === 'agent stopped')).toBe(true);
  }, 300_000);

  it('once enrols, spools and delivers', async () => {
    const server = await fakeServer((req, res) => {
      if (req.url === '/v1/enroll') return sendJson(res, 201, { device_id: 'dev_cli00002', node_key: NODE_KEY, site_id: 's', trust_id: 't' });
      return sendJson(res, 202, { report_id: (req.json as { report_id: string }).report_id, duplicate: false });
    });
    closers.push(server.close);
    const run = await cli(['once', '--state-dir', tempDir('agent').path, '--collector-url', server.url, '--enroll-secret', SECRET]);
    expect(run.code).toBe(0);
    expect(server.requests.map((r) => r.url)).toEqual(['/v1/enroll', '/v1/reports']);
  });

  it('once exits 3 when the enrol secret is refused', async () => {
    const server = await fakeServer((_req, res) => sendJson(res, 401, { error: 'no' }));
    closers.push(server.close);
    const run = await cli(['once', '--state-dir', tempDir('agent').path, '--collector-url', server.url, '--enroll-secret', SECRET]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/refused the enrol secret/);
  });
});
