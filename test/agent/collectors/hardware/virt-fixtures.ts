import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { VirtSignals } from '../../../../agent/collectors/hardware/virtualisation.js';

/**
 * Test-side reading of a virtualisation fixture case (test/fixtures/agent/virtualisation/<case>):
 * dmidecode.txt gives the DMI strings the agent reads from /sys/class/dmi/id (same SMBIOS
 * fields: System Information Manufacturer / Product Name, BIOS Information Vendor);
 * environ, cgroup and dockerenv are PID 1's environment, its cgroup and Docker's marker file.
 */
export function virtSignalsFromCase(dir: string): VirtSignals {
  const file = (name: string) => path.join(dir, name);
  const read = (name: string) => (existsSync(file(name)) ? readFileSync(file(name), 'latin1') : undefined);
  const dmidecode = read('dmidecode.txt') ?? '';
  const field = (section: string, key: string): string | undefined => {
    const block = dmidecode.split(/\n(?=\S)/).find((b) => b.startsWith(section) || b.includes(`\n${section}\n`));
    const value = block?.match(new RegExp(`^\\s+${key}:[ \\t]*(.*)$`, 'm'))?.[1]?.trim();
    return value === '' || value === 'Not Specified' ? undefined : value;
  };
  const signals: VirtSignals = {
    dmi: { sysVendor: field('System Information', 'Manufacturer'), productName: field('System Information', 'Product Name'), biosVendor: field('BIOS Information', 'Vendor') },
    dockerenv: existsSync(file('dockerenv')),
  };
  const environ = read('environ');
  const cgroup = read('cgroup');
  if (environ !== undefined) signals.pid1Environ = environ;
  if (cgroup !== undefined) signals.pid1Cgroup = cgroup;
  return signals;
}
