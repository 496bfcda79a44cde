import { access, readFile } from 'node:fs/promises';
import type { CollectContext } from '../types.js';
import type { VirtSignals } from './virtualisation.js';

const exists = (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  );

/** The first bytes of a file, or undefined when it cannot be read (not root, not Linux). */
async function head(file: string, bytes = 16_384): Promise<string | undefined> {
  try {
    return (await readFile(file, 'latin1')).slice(0, bytes);
  } catch {
    return undefined;
  }
}

/**
 * Linux signals beyond DMI: systemd-detect-virt (when installed; it also reads CPUID, which
 * names KVM behind a "Bochs" or cloud vendor string), Docker's and Podman's marker files,
 * and PID 1's environment and cgroup. Each is optional; none needs the network.
 */
export async function readLinuxVirtSignals(ctx: CollectContext): Promise<Omit<VirtSignals, 'dmi'>> {
  const [detect, dockerenv, dockerinit, containerenv, pid1Environ, pid1Cgroup] = await Promise.all([
    ctx.run('systemd-detect-virt', [], { timeoutMs: 10_000, signal: ctx.signal }),
    exists('/.dockerenv'),
    exists('/.dockerinit'),
    exists('/run/.containerenv'),
    head('/proc/1/environ'),
    head('/proc/1/cgroup'),
  ]);
  // Exit 0 with an identifier, or exit 1 printing "none"; anything else (not installed) says nothing.
  const detectVirt = !detect.spawnError && !detect.timedOut && (detect.exitCode === 0 || detect.exitCode === 1) ? detect.stdout.trim().split(/\s+/)[0] : undefined;
  const signals: Omit<VirtSignals, 'dmi'> = { dockerenv: dockerenv || dockerinit, containerenv };
  if (detectVirt) signals.detectVirt = detectVirt;
  if (pid1Environ !== undefined) signals.pid1Environ = pid1Environ;
  if (pid1Cgroup !== undefined) signals.pid1Cgroup = pid1Cgroup;
  return signals;
}
