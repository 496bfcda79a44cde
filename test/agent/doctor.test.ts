import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultCollectors } from '../../agent/collectors/registry.js';
import type { Collector } from '../../agent/collectors/types.js';
import { type DoctorCheck, runDoctor } from '../../agent/doctor.js';
import { doctorVerdict, isLoopbackHost, plainHttpWarning, spokenInterval } from '../../agent/doctor-verdict.js';
import { createWifiCollector } from '../../agent/collectors/wifi/index.js';
import type { CommandRunner } from '../../agent/host/runner.js';
import { fakeServer, fixtureText, sendJson, testConfig } from '../helpers/agent.js';
import { tempDir } from '../helpers/temp.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const byName = (checks: DoctorCheck[]) => Object.fromEntries(checks.map((c) => [c.check, c]));

let closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.map((c) => c()));
  closers = [];
});

/** A loopback port with nothing listening. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('doctor', () => {
  it('reports local checks and never prints the enrol secret', async () => {
    const secret = 'doctor-secret-0123456789';
    const checks = await runDoctor(testConfig({ state_dir: tempDir('agent').path, enroll_secret: secret, latency: { targets: [{ host: '127.0.0.1' }] } }));
    const c = byName(checks);
    expect(c.collector_url?.ok).toBe(false);
    expect(c.collector_reachable).toBeUndefined(); // nothing configured: no traffic
    expect(c.enrolment).toMatchObject({ ok: true, detail: 'not enrolled yet; an enrol secret is set' });
    expect(c.state_dir?.ok).toBe(true);
    expect(c.ping?.ok).toBe(true);
    expect(JSON.stringify(checks)).not.toContain(secret);
  });

  it('runs every registered collector on this machine and says how it went', async () => {
    const checks = await runDoctor(testConfig({ state_dir: tempDir('agent').path, latency: { targets: [{ host: '127.0.0.1', label: 'lo' }] } }));
    const c = byName(checks);
    for (const collector of defaultCollectors()) {
      const probe = c[`probe:${collector.name}`];
      expect(probe, collector.name).toBeDefined();
      expect(typeof probe?.duration_ms).toBe('number');
      expect(probe?.detail.length).toBeGreaterThan(0);
    }
    // Loopback ICMP works here (iputils-ping is installed by setup), with one echo.
    expect(c['probe:latency']).toMatchObject({ ok: true, commands: [{ command: 'ping', outcome: 'ok' }] });
    expect(c['probe:os']?.ok).toBe(true);
    for (const u of c['probe:hardware']?.unknown ?? []) expect(u.reason.length).toBeGreaterThan(0);
  });

  it('names failing, hung and missing-command probes with the reason', async () => {
    const collectors: Collector[] = [
      { name: 'fine', kind: 'inventory', intervalSeconds: 60, collect: async () => ({ inventory: {} }) },
      { name: 'broken', kind: 'inventory', intervalSeconds: 60, collect: async () => { throw new Error('EACCES reading /sys/firmware'); } },
      { name: 'hung', kind: 'inventory', intervalSeconds: 60, collect: () => new Promise(() => {}) },
      {
        name: 'needs_tool',
        kind: 'inventory',
        intervalSeconds: 60,
        async collect(ctx) {
          const r = await ctx.run('sf-no-such-tool-4711', ['--version'], { signal: ctx.signal });
          if (r.spawnError) throw new Error(`cannot run sf-no-such-tool-4711: ${r.spawnError}`);
          return {};
        },
      },
    ];
    const started = Date.now();
    const checks = await runDoctor(testConfig({ state_dir: tempDir('agent').path }), { collectors, probeBudgetMs: 300 });
    expect(Date.now() - started).toBeLessThan(5000);
    const c = byName(checks);
    expect(c['probe:fine']?.ok).toBe(true);
    expect(c['probe:broken']).toMatchObject({ ok: false });
    expect(c['probe:broken']?.detail).toContain('EACCES reading /sys/firmware');
    expect(c['probe:hung']).toMatchObject({ ok: false });
    expect(c['probe:hung']?.detail).toContain('timed out after 300 ms');
    expect(c['probe:needs_tool']).toMatchObject({ ok: false, commands: [{ command: 'sf-no-such-tool-4711', outcome: 'missing' }] });
    expect(c['probe:needs_tool']?.detail).toContain('missing commands: sf-no-such-tool-4711');
  });

  it('checks the collector answers GET /healthz (loopback)', async () => {
    const server = await fakeServer((req, res) => (req.url === '/healthz' ? sendJson(res, 200, { status: 'ok' }) : sendJson(res, 404, {})));
    closers.push(server.close);
    const checks = await runDoctor(testConfig({ state_dir: tempDir('agent').path, collector_url: `${server.url}/` }), { collectors: [] });
    expect(byName(checks).collector_reachable).toMatchObject({ ok: true });
    expect(byName(checks).collector_reachable?.detail).toContain('HTTP 200');
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /healthz']);
  });

  it('says why the collector cannot be reached', async () => {
    const port = await closedPort();
    const refused = byName(await runDoctor(testConfig({ state_dir: tempDir('agent').path, collector_url: `http://127.0.0.1:${port}` }), { collectors: [] }));
    expect(refused.collector_reachable?.ok).toBe(false);
    expect(refused.collector_reachable?.detail).toContain('ECONNREFUSED');

    const failing = await fakeServer((_req, res) => sendJson(res, 503, { error: 'starting' }));
    closers.push(failing.close);
    const unhealthy = byName(await runDoctor(testConfig({ state_dir: tempDir('agent').path, collector_url: failing.url }), { collectors: [] }));
    expect(unhealthy.collector_reachable).toMatchObject({ ok: false });
    expect(unhealthy.collector_reachable?.detail).toContain('HTTP 503');

    const silent = await fakeServer(() => {}); // accepts, never answers
    closers.push(silent.close);
    const hung = byName(await runDoctor(testConfig({ state_dir: tempDir('agent').path, collector_url: silent.url }), { collectors: [], reachTimeoutMs: 300 }));
    expect(hung.collector_reachable?.detail).toContain('no answer within 300 ms');
  });

  it('reports how it reaches the collector (proxy host, CA file) and a CA file it cannot use, without the proxy credentials', async () => {
    const dir = tempDir('agent').path;
    const missing = byName(await runDoctor(testConfig({ state_dir: dir, collector_url: 'https://127.0.0.1:9', collector_ca_file: `${dir}/none.pem` }), { collectors: [] }));
    expect(missing.collector_transport).toMatchObject({ ok: false, detail: expect.stringMatching(/^collector_ca_file: cannot read .*none\.pem: ENOENT$/) });
    expect(missing.collector_reachable).toBeUndefined();

    const server = await fakeServer((req, res) => (req.method === 'CONNECT' ? res.destroy() : sendJson(res, 200, {})));
    closers.push(server.close);
    const proxied = byName(
      await runDoctor(testConfig({ state_dir: dir, collector_url: 'http://127.0.0.1:9', collector_proxy: `http://ops:hunter2@${new URL(server.url).host}` }), { collectors: [], reachTimeoutMs: 500 }),
    );
    expect(proxied.collector_transport).toMatchObject({ ok: true, detail: `through proxy ${new URL(server.url).host}` });
    expect(JSON.stringify(proxied)).not.toContain('hunter2');
  });

  it('ends with a one-line verdict: OK, reporting to the collector every 5 min', async () => {
    const server = await fakeServer((_req, res) => sendJson(res, 200, { status: 'ok' }));
    closers.push(server.close);
    const fine: Collector = { name: 'fine', kind: 'samples', intervalSeconds: 300, collect: async () => ({ samples: [] }) };
    const slow: Collector = { name: 'slow', kind: 'inventory', intervalSeconds: 3600, collect: async () => ({ inventory: {} }) };
    const checks = await runDoctor(testConfig({ state_dir: tempDir('agent').path, collector_url: server.url, enroll_secret: 'doctor-secret-0123456789' }), { collectors: [fine, slow] });
    expect(checks.at(-1)).toEqual({ check: 'verdict', ok: true, detail: `VERDICT: OK — reporting to ${server.url} every 5 min` });
    expect(byName(checks).collector_tls).toBeUndefined(); // plain http to loopback is not a warning
  });

  it('the verdict says NOT REPORTING and why when the collector cannot be reached', async () => {
    const port = await closedPort();
    const checks = await runDoctor(testConfig({ state_dir: tempDir('agent').path, collector_url: `http://127.0.0.1:${port}`, enroll_secret: 'doctor-secret-0123456789' }), { collectors: [] });
    expect(checks.at(-1)).toMatchObject({ check: 'verdict', ok: false });
    expect(checks.at(-1)?.detail).toMatch(/^VERDICT: NOT REPORTING — collector unreachable \(.*ECONNREFUSED.*\)$/);
    const unset = await runDoctor(testConfig({ state_dir: tempDir('agent').path }), { collectors: [] });
    expect(unset.at(-1)?.detail).toBe('VERDICT: NOT REPORTING — no collector URL set (SF_COLLECTOR_URL or --collector-url)');
  });

  it('marks a probe that returned unknowns as degraded, naming the fields', async () => {
    const server = await fakeServer((_req, res) => sendJson(res, 200, { status: 'ok' }));
    closers.push(server.close);
    const partial: Collector = {
      name: 'partial',
      kind: 'inventory',
      intervalSeconds: 300,
      collect: async () => ({
        inventory: { os: { family: 'windows', name: 'Windows 11 Enterprise', version: '24H2', build: { unknown: 'registry unreadable' }, edition: 'Enterprise', kernel: '10.0.26100', arch: 'x64' } },
      }),
    };
    const checks = await runDoctor(testConfig({ state_dir: tempDir('agent').path, collector_url: server.url, enroll_secret: 'doctor-secret-0123456789' }), { collectors: [partial] });
    expect(byName(checks)['probe:partial']).toMatchObject({ ok: true, status: 'degraded', unknown: [{ field: 'os.build', reason: 'registry unreadable' }] });
    expect(byName(checks)['probe:partial']?.detail).toContain('degraded — unknown here: os.build (registry unreadable)');
    expect(checks.at(-1)).toMatchObject({ ok: true, detail: `VERDICT: OK WITH GAPS — reporting to ${server.url} every 5 min; unknown here: partial (os.build)` });
  });

  it('shows the Windows 11 location refusal of netsh on the Wi-Fi probe and in the verdict', async () => {
    const server = await fakeServer((_req, res) => sendJson(res, 200, { status: 'ok' }));
    closers.push(server.close);
    // The genuine 24H2 refusal (test/fixtures/agent/wifi/windows11-24h2-en-location-denied), as netsh answers it.
    const refusal = fixtureText('wifi', 'windows11-24h2-en-location-denied', 'netsh.txt');
    const netsh: CommandRunner = async (command) =>
      command === 'netsh'
        ? { stdout: refusal, stderr: '', exitCode: 1, timedOut: false, truncated: false }
        : { stdout: '', stderr: '', exitCode: null, timedOut: false, truncated: false, spawnError: `spawn ${command} ENOENT` };
    const checks = await runDoctor(testConfig({ state_dir: tempDir('agent').path, collector_url: server.url, enroll_secret: 'doctor-secret-0123456789' }), {
      collectors: [createWifiCollector()],
      run: netsh,
      platform: 'win32',
    });
    expect(byName(checks)['probe:wifi']).toMatchObject({ ok: false, status: 'failed', commands: [{ command: 'netsh', outcome: 'exit_nonzero' }] });
    expect(byName(checks)['probe:wifi']?.detail).toContain('Windows location access is off for this app');
    expect(checks.at(-1)?.detail).toMatch(/^VERDICT: NEEDS ATTENTION — reporting to .* every 5 min; wifi failed \(Windows location access is off for this app: /);
  });

  it('warns about plain http:// to another machine, never about loopback or https', () => {
    expect(plainHttpWarning('http://collector.trust.nhs.uk:8080')).toMatchObject({ check: 'collector_tls', ok: false, severity: 'warning' });
    expect(plainHttpWarning('http://192.0.2.40/')?.detail).toMatch(/^collector URL is plain http:\/\/ to 192\.0\.2\.40, not this machine — /);
    for (const url of ['http://127.0.0.1:8080', 'http://127.8.9.10', 'http://[::1]:80', 'http://localhost:3000', 'https://collector.trust.nhs.uk']) {
      expect(plainHttpWarning(url), url).toBeUndefined();
    }
    expect(['127.0.0.1', '[::1]', '::ffff:127.0.0.1', 'LOCALHOST', 'a.localhost'].every(isLoopbackHost)).toBe(true);
    expect(['128.0.0.1', '192.0.2.1', '::2', 'localhost.example.com', '1270.0.0.1'].some(isLoopbackHost)).toBe(false);
  });

  it('the verdict puts a plain-http warning first among the things to fix, and says intervals as spoken', () => {
    const checks: DoctorCheck[] = [
      { check: 'collector_url', ok: true, detail: 'http://192.0.2.40' },
      plainHttpWarning('http://192.0.2.40') as DoctorCheck,
      { check: 'enrolment', ok: true, detail: 'enrolled' },
      { check: 'collector_reachable', ok: true, detail: 'GET http://192.0.2.40/healthz: HTTP 200 in 3 ms' },
    ];
    expect(doctorVerdict(checks, 'http://ops:pw@192.0.2.40', 900).detail).toBe(
      'VERDICT: NEEDS ATTENTION — reporting to http://192.0.2.40 every 15 min; collector URL is plain http:// to 192.0.2.40, not this machine',
    );
    expect([30, 90, 300, 7200].map(spokenInterval)).toEqual(['30 s', '90 s', '5 min', '2 h']);
  });

  it('sf-agent doctor prints JSON checks and exits 1 when one fails', async () => {
    const server = await fakeServer((_req, res) => sendJson(res, 200, { status: 'ok' }));
    closers.push(server.close);
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SF_')));
    const result = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'agent/cli.ts', 'doctor', '--state-dir', tempDir('agent').path, '--collector-url', server.url, '--latency-target', '127.0.0.1'],
      { cwd: ROOT, env },
    ).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(/^VERDICT: NOT REPORTING — cannot enrol \(not enrolled and no enrol secret set\)$/);
    const checks = JSON.parse(result.stdout) as DoctorCheck[];
    const c = byName(checks);
    expect(c.collector_reachable?.ok).toBe(true);
    expect(c.enrolment?.ok).toBe(false); // no identity, no secret
    expect(result.code).toBe(1);
    expect(checks.filter((x) => x.check.startsWith('probe:')).length).toBe(defaultCollectors().length);
    expect(checks.at(-1)?.check).toBe('verdict');
  });
});
