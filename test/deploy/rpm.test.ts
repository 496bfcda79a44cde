// The .rpm, read with rpm -qp (this Debian machine does not install rpms): the same files as the
// .deb, the config as %config(noreplace), scriptlets that call the shared maintainer scripts with the
// right arguments, and no dependency on a distribution Node (the single executable carries its own).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.js';
import { AGENT_VERSION, artefact, buildPackages, run } from '../helpers/packages.js';

const dir = tempDir('rpm');
let rpmFile: string;
const query = (...args: string[]): string => {
  const result = run('rpm', ['-qp', ...args, rpmFile]);
  if (result.status !== 0) throw new Error(`rpm -qp ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
};

beforeAll(() => {
  const manifest = buildPackages(join(dir.path, 'out'), ['--only', 'rpm']);
  rpmFile = join(dir.path, 'out', artefact(manifest, 'rpm').file);
}, 600_000);
afterAll(() => dir.remove());

describe('sf-agent .rpm', () => {
  it('is sf-agent at the project version for x86_64', () => {
    expect(query('--queryformat', '%{NAME} %{VERSION} %{RELEASE} %{ARCH} %{LICENSE}')).toBe(`sf-agent ${AGENT_VERSION} 1 x86_64 Apache-2.0 AND MIT`);
  });

  it('holds the single executable, the hardened unit and the config, with their modes', () => {
    expect(query('--list').trim().split('\n')).toEqual([
      '/etc/sf-agent', '/etc/sf-agent/agent.yaml', '/usr/bin/sf-agent', '/usr/lib/sf-agent', '/usr/lib/sf-agent/sf-agent',
      '/usr/lib/systemd/system/sf-agent.service', '/usr/lib/sysusers.d/sf-agent.conf', '/usr/share/doc/sf-agent/copyright',
    ]);
    const modes = Object.fromEntries(query('--queryformat', '[%{FILENAMES} %{FILEMODES:octal} %{FILEFLAGS:fflags}\\n]').trim().split('\n')
      .map((line) => { const [file, mode, flags] = line.split(' '); return [file, `${mode} ${flags ?? ''}`]; }));
    expect(modes['/usr/lib/sf-agent/sf-agent']).toBe('100755 ');
    expect(modes['/etc/sf-agent/agent.yaml']).toBe('100640 cn');
    expect(modes['/usr/bin/sf-agent']?.startsWith('120777')).toBe(true);
  });

  it('runs the shared maintainer scripts: user and enable on install, restart on upgrade, stop on erase', () => {
    const scripts = query('--scripts');
    expect(scripts).toContain('postinstall scriptlet (using /bin/sh):\nif [ "$1" -ge 2 ]; then set -- configure rpm-upgrade; else set -- configure; fi');
    expect(scripts).toContain('useradd --system --user-group --home-dir /var/lib/sf-agent');
    expect(scripts).toContain('systemctl restart sf-agent.service');
    expect(scripts).toContain('preuninstall scriptlet (using /bin/sh):\nif [ "$1" -eq 0 ]; then set -- remove; else set -- upgrade; fi');
    expect(scripts).toContain('systemctl stop sf-agent.service');
    expect(scripts).toContain('if [ -d /run/systemd/system ]; then');
  });

  it('requires only a shell and useradd (no distribution nodejs), and provides sf-agent', () => {
    const requires = query('--requires').trim().split('\n').filter((r) => !r.startsWith('rpmlib('));
    expect([...new Set(requires)].sort()).toEqual(['/bin/sh', '/usr/sbin/useradd']);
    expect(query('--provides').trim().split('\n')).toEqual([`sf-agent = ${AGENT_VERSION}-1`, `sf-agent(x86-64) = ${AGENT_VERSION}-1`]);
    expect(query('--recommends').trim()).toBe('iputils');
  });
});
