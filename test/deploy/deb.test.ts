// The .deb installed for real on this machine (root, as in CI): files, owners and modes, the service
// user, the hardened unit, `sf-agent doctor` / `once` run as that user against a collector on loopback,
// an upgrade to a second build that keeps config and state, then remove and purge.
// systemd is not PID 1 here (container): the maintainer scripts take their "not running" path, enable
// the unit (a symlink) and start nothing; the restart-on-upgrade path needs a booted systemd.
import { lstatSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../collector/service.js';
import { adminFor, siteWithSecret, startTestCollector } from '../helpers/collector.js';
import { tempDir } from '../helpers/temp.js';
import { AGENT_VERSION, artefact, buildPackages, type Manifest, run, runAsync } from '../helpers/packages.js';

const UPGRADE_VERSION = `${AGENT_VERSION}+upgrade.1`;
const WANTS_LINK = '/etc/systemd/system/multi-user.target.wants/sf-agent.service';
const dir = tempDir('deb');
let v1: Manifest;
let v2: Manifest;
let collector: RunningCollector;
let collectorUrl: string;

const purge = (): void => void run('dpkg', ['--purge', 'sf-agent']);
// Asynchronous: the collector answers from this test process.
const asServiceUser = (...args: string[]) => runAsync('runuser', ['-u', 'sf-agent', '--', '/usr/bin/sf-agent', ...args]);
const mode = (file: string): string => (statSync(file).mode & 0o7777).toString(8);
const owner = (file: string): string => {
  const st = statSync(file);
  return `${run('id', ['-nu', String(st.uid)]).stdout.trim()}:${run('getent', ['group', String(st.gid)]).stdout.split(':')[0]}`;
};

beforeAll(async () => {
  purge();
  v1 = buildPackages(join(dir.path, 'v1'), ['--only', 'deb']);
  v2 = buildPackages(join(dir.path, 'v2'), ['--only', 'deb', '--version', UPGRADE_VERSION]);
  collector = await startTestCollector(join(dir.path, 'collector'));
  collectorUrl = collector.url;
}, 600_000);

afterAll(async () => {
  purge();
  await collector?.close();
  dir.remove();
}, 120_000);

describe('sf-agent .deb', () => {
  it('installs with dpkg -i; without a running systemd it enables the unit and starts nothing', () => {
    const install = run('dpkg', ['-i', join(dir.path, 'v1', artefact(v1, 'deb').file)]);
    // adduser tells, on stderr, that it created the system user: only on a machine that never had it
    // (removal keeps the user, as Debian policy asks). Anything else on stderr is a fault.
    const complaints = install.stderr.split('\n').filter((line) => line.trim() !== '' && !/^Creating (group|user) 'sf-agent'/.test(line));
    expect(complaints).toEqual([]);
    expect(install.status).toBe(0);
    expect(install.stdout).toContain('systemd is not running here; service enabled, not started');
    expect(run('dpkg-query', ['-W', '-f=${Status} ${Version}', 'sf-agent']).stdout).toBe(`install ok installed ${AGENT_VERSION}`);
    // The link may go through /lib (a merged-/usr system's alias of /usr/lib).
    expect(realpathSync(WANTS_LINK)).toBe(realpathSync('/usr/lib/systemd/system/sf-agent.service'));
  });

  it('puts files, owners and modes where the unit expects them, with a system user that cannot log in', () => {
    expect([mode('/usr/lib/sf-agent/sf-agent'), owner('/usr/lib/sf-agent/sf-agent')]).toEqual(['755', 'root:root']);
    expect(readlinkSync('/usr/bin/sf-agent')).toBe('../lib/sf-agent/sf-agent');
    expect([mode('/etc/sf-agent/agent.yaml'), owner('/etc/sf-agent/agent.yaml')]).toEqual(['640', 'root:sf-agent']);
    expect([mode('/var/lib/sf-agent'), owner('/var/lib/sf-agent')]).toEqual(['700', 'sf-agent:sf-agent']);
    expect(mode('/usr/lib/systemd/system/sf-agent.service')).toBe('644');
    expect(readFileSync('/var/lib/dpkg/info/sf-agent.conffiles', 'utf8')).toBe('/etc/sf-agent/agent.yaml\n');
    const [, , uid, , , home, shell] = run('getent', ['passwd', 'sf-agent']).stdout.trim().split(':');
    expect(Number(uid)).toBeLessThan(1000);
    expect([home, shell]).toEqual(['/var/lib/sf-agent', '/usr/sbin/nologin']);
  });

  it('ships a hardened unit that systemd-analyze verify accepts', () => {
    const unit = readFileSync('/usr/lib/systemd/system/sf-agent.service', 'utf8');
    for (const line of ['User=sf-agent', 'ProtectSystem=strict', 'NoNewPrivileges=yes', 'CapabilityBoundingSet=CAP_NET_RAW',
      'AmbientCapabilities=CAP_NET_RAW', 'MemoryMax=256M', 'CPUQuota=20%', 'Nice=10', 'StateDirectory=sf-agent', 'ConfigurationDirectory=sf-agent']) {
      expect(unit.split('\n')).toContain(line);
    }
    const verify = run('systemd-analyze', ['verify', '/usr/lib/systemd/system/sf-agent.service']);
    expect(verify.stderr.split('\n').filter((l) => l.includes('sf-agent.service'))).toEqual([]);
    expect(verify.status).toBe(0);
  });

  it('takes its settings from sf-agent configure and runs once, doctor and once --print as the service user', async () => {
    const secret = await siteWithSecret(adminFor(collectorUrl, join(dir.path, 'collector')));
    const configure = run('/usr/bin/sf-agent', ['configure', '--collector-url', collectorUrl, '--enroll-secret', secret]);
    expect(configure.stdout).toContain('wrote collector_url, enroll_secret to /etc/sf-agent/agent.yaml');
    expect([mode('/etc/sf-agent/agent.yaml'), owner('/etc/sf-agent/agent.yaml')]).toEqual(['640', 'root:sf-agent']);

    const once = await asServiceUser('once', '--latency-target', '127.0.0.1');
    expect(once.stderr).toMatch(/"msg":"once finished".*"delivered":1,"rejected":0/);
    expect(once.status).toBe(0);
    expect(owner('/var/lib/sf-agent/identity.json')).toBe('sf-agent:sf-agent');

    const doctor = await asServiceUser('doctor');
    const checks = JSON.parse(doctor.stdout) as Array<{ check: string; ok: boolean; detail: string }>;
    const byName = Object.fromEntries(checks.map((c) => [c.check, c]));
    expect(byName.enrolment?.detail).toMatch(/^enrolled as /);
    expect(byName.state_dir).toMatchObject({ ok: true });
    expect(byName.collector_reachable).toMatchObject({ ok: true });

    const print = await asServiceUser('once', '--print', '--latency-target', '127.0.0.1');
    expect(print.status).toBe(0);
    const report = JSON.parse(print.stdout) as { device_id: string; agent_version: string };
    expect(byName.enrolment?.detail).toContain(report.device_id);
    expect(report.agent_version).toBe(AGENT_VERSION);
  }, 300_000);

  it('upgrades in place to a second build: config and state kept', async () => {
    const configBefore = readFileSync('/etc/sf-agent/agent.yaml', 'utf8');
    const identityBefore = readFileSync('/var/lib/sf-agent/identity.json', 'utf8');
    const upgrade = run('dpkg', ['-i', join(dir.path, 'v2', artefact(v2, 'deb').file)]);
    expect(upgrade.status).toBe(0);
    expect(upgrade.stdout).toContain('systemd is not running here; service enabled, not started');
    expect(run('dpkg-query', ['-W', '-f=${Version}', 'sf-agent']).stdout).toBe(UPGRADE_VERSION);
    expect(readFileSync('/etc/sf-agent/agent.yaml', 'utf8')).toBe(configBefore);
    expect(readFileSync('/var/lib/sf-agent/identity.json', 'utf8')).toBe(identityBefore);
    expect((await asServiceUser('doctor')).stdout).toContain('enrolled as ');
  }, 300_000);

  it('remove keeps config and state; purge deletes them', () => {
    expect(run('dpkg', ['--remove', 'sf-agent']).status).toBe(0);
    expect(() => lstatSync('/usr/lib/sf-agent/sf-agent')).toThrow();
    expect(() => lstatSync(WANTS_LINK)).toThrow();
    expect(statSync('/etc/sf-agent/agent.yaml').isFile()).toBe(true);
    expect(statSync('/var/lib/sf-agent/identity.json').isFile()).toBe(true);

    expect(run('dpkg', ['--purge', 'sf-agent']).status).toBe(0);
    expect(() => lstatSync('/etc/sf-agent')).toThrow();
    expect(() => lstatSync('/var/lib/sf-agent')).toThrow();
    expect(run('dpkg-query', ['-W', 'sf-agent']).status).not.toBe(0);
  });
});
