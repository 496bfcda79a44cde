import { type Security, unknown } from '../../../protocol/index.js';
import { type FileReader, localFiles } from '../../host/files.js';
import type { CollectContext, Collector } from '../types.js';
import { timeLeft } from './probe.js';
import { readDarwinSecurity } from './security.darwin.js';
import { readLinuxSecurity } from './security.linux.js';
import { readWindowsSecurity } from './security.win32.js';
import { SECURITY_SETTINGS } from './settings.js';

export interface SecurityCollectorOptions {
  /** Where sysfs, efivars and plists are read from; tests pass `filesFrom({...})`. */
  files?: FileReader;
}

/** Reads the security posture for the platform the agent runs on. */
export async function readSecurity(ctx: CollectContext, files: FileReader = localFiles): Promise<Security> {
  switch (ctx.platform) {
    case 'linux':
      return readLinuxSecurity({ run: ctx.run, files, signal: ctx.signal });
    case 'darwin':
      return readDarwinSecurity({ run: ctx.run, files, signal: ctx.signal });
    case 'win32':
      // Get-MpComputerStatus and Get-Tpm can each take seconds on a busy machine.
      return readWindowsSecurity(ctx.run, { signal: ctx.signal, timeoutMs: timeLeft(ctx.deadline, 90_000) });
    default: {
      const why = unknown(`no security reader for platform "${ctx.platform}" yet`);
      return { disk_encryption: why, firewall: why, antimalware: why, secure_boot: why, tpm: why };
    }
  }
}

/**
 * Disk encryption, host firewall, anti-malware, secure boot and TPM (controls CYB-ENCRYPT,
 * CYB-FIREWALL, CYB-MALWARE, CYB-BOOT). Every probe that fails becomes an `unknown` with
 * its reason in that one field; the collector itself does not throw for a failed probe.
 */
export function createSecurityCollector(options: SecurityCollectorOptions = {}): Collector {
  return {
    ...SECURITY_SETTINGS,
    async collect(ctx) {
      const security = await readSecurity(ctx, options.files ?? localFiles);
      return { inventory: { security } };
    },
  };
}
