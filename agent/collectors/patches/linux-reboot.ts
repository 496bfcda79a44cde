import { type Patches, unknown } from '../../../protocol/index.js';
import type { FileReader } from '../../host/files.js';

/**
 * Is a reboot needed to finish installed updates (Debian/Ubuntu)? Evidence, strongest first:
 * - /var/run/reboot-required exists: written by package hooks (update-notifier-common,
 *   unattended-upgrades) when a kernel, libc or similar was upgraded.
 * - the running kernel's image is gone from /boot while others are there: upgraded away.
 * - no flag, but the hook that would write it is installed: no reboot pending.
 * Plain Debian has no such hook, and there absence of the flag proves nothing: unknown.
 */
const FLAG_WRITERS = ['/usr/share/update-notifier/notify-reboot-required', '/etc/kernel/postinst.d/unattended-upgrades'];

export async function aptRebootRequired(files: FileReader, kernelRelease: string): Promise<Patches['reboot_required']> {
  for (const dir of ['/run', '/var/run']) {
    if ((await files.readText(`${dir}/reboot-required`)) !== undefined) return true;
  }
  const images = ((await files.list('/boot')) ?? []).filter((n) => n.startsWith('vmlinuz-'));
  if (images.length > 0 && !images.includes(`vmlinuz-${kernelRelease}`)) return true;
  for (const writer of FLAG_WRITERS) {
    if ((await files.readBytes(writer)) !== undefined) return false;
  }
  return unknown('no /var/run/reboot-required, but nothing installed writes it (update-notifier-common, unattended-upgrades)');
}

/** Pure: `needs-restarting -r` (dnf-utils / yum-utils): exit 1 = reboot needed, 0 = not. */
export function needsRestartingVerdict(exitCode: number | null, stdout: string): boolean | undefined {
  if (exitCode === 1 && /reboot is (required|probably required)/i.test(stdout)) return true;
  if (exitCode === 0 && /no core libraries or services have been updated|reboot should not be necessary/i.test(stdout)) return false;
  if (exitCode === 1 && stdout.trim() === '') return undefined; // exit 1 with nothing said: an error, not an answer
  if (exitCode === 1) return true;
  if (exitCode === 0) return false;
  return undefined;
}
