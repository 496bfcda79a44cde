import type { Patches } from '../../../protocol/index.js';
import { parseOsRelease } from '../os/os-release.js';
import type { PatchEnv } from './env.js';
import { allUnknown } from './summary.js';
import { readAptPatches } from './patches.apt.js';
import { readDnfPatches } from './patches.dnf.js';
import { readZypperPatches } from './patches.zypper.js';

export type LinuxFamily = 'apt' | 'dnf' | 'yum' | 'zypper';

/** Pure: the package family /etc/os-release points to (ID, then ID_LIKE), if any. */
export function familyFromOsRelease(text: string | undefined): 'apt' | 'rpm' | 'suse' | undefined {
  const rel = parseOsRelease(text ?? '');
  const ids = `${rel.ID ?? ''} ${rel.ID_LIKE ?? ''}`.toLowerCase().split(/\s+/);
  if (ids.some((id) => ['debian', 'ubuntu', 'raspbian', 'linuxmint', 'pop'].includes(id))) return 'apt';
  // SUSE before the rpm family: SLES and openSUSE are rpm-based but patched through zypper.
  if (ids.some((id) => id === 'suse' || id === 'sles' || id === 'sled' || id.startsWith('opensuse'))) return 'suse';
  if (ids.some((id) => ['rhel', 'fedora', 'centos', 'rocky', 'almalinux', 'ol', 'amzn'].includes(id))) return 'rpm';
  return undefined;
}

/**
 * Which package manager answers. The runner has no shell (no `command -v`), so a tool is
 * "present" when `<tool> --version` starts. os-release decides the order of the probes, so a
 * Debian box with dnf installed for packaging work is still read through apt.
 */
export async function detectLinuxFamily(env: PatchEnv): Promise<LinuxFamily | undefined> {
  let hint = familyFromOsRelease(await env.files.readText('/etc/os-release'));
  hint ??= familyFromOsRelease(await env.files.readText('/usr/lib/os-release'));
  const order: LinuxFamily[] = hint === 'rpm' ? ['dnf', 'yum', 'apt', 'zypper'] : hint === 'suse' ? ['zypper', 'dnf', 'yum', 'apt'] : ['apt', 'dnf', 'yum', 'zypper'];
  for (const tool of order) {
    const result = await env.run(tool === 'apt' ? 'apt-get' : tool, ['--version'], 15_000);
    if (!result.spawnError && result.exitCode === 0) return tool;
  }
  return undefined;
}

export async function readLinuxPatches(env: PatchEnv): Promise<Patches> {
  const family = await detectLinuxFamily(env);
  if (family === 'apt') return readAptPatches(env);
  if (family === 'dnf' || family === 'yum') return readDnfPatches(env, family);
  if (family === 'zypper') return readZypperPatches(env);
  return allUnknown('linux', 'no supported package manager found (apt-get, dnf, yum, zypper)');
}
