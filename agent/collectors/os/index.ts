import { createHash } from 'node:crypto';
import { hostname as osHostname } from 'node:os';
import si from 'systeminformation';
import { type OperatingSystem } from '../../../protocol/index.js';
import type { CollectContext, Collector } from '../types.js';
import { readDarwinOs } from './os.darwin.js';
import { readLinuxOs } from './os.linux.js';
import { readWindowsOs } from './os.win32.js';

/** sha256 hex of the lower-cased host name: lets the collector tell hosts apart without naming them. */
export function hashHostname(name: string): string {
  return createHash('sha256').update(name.trim().toLowerCase()).digest('hex');
}

export function reportedHostname(name: string, sendInClear: boolean): string {
  return sendInClear ? name.slice(0, 255) : hashHostname(name);
}

async function readOsForPlatform(ctx: CollectContext): Promise<OperatingSystem> {
  switch (ctx.platform) {
    case 'linux':
      return readLinuxOs();
    case 'darwin':
      return readDarwinOs();
    case 'win32':
      return readWindowsOs(ctx.run, ctx.signal);
    default: {
      const info = await si.osInfo();
      return { family: 'other', name: String(info.distro || ctx.platform), version: { unknown: 'unsupported platform' }, build: { unknown: 'unsupported platform' }, edition: { unknown: 'unsupported platform' }, kernel: info.kernel || { unknown: 'kernel not reported' }, arch: info.arch || process.arch };
    }
  }
}

export function createOsCollector(
  readOs: (ctx: CollectContext) => Promise<OperatingSystem> = readOsForPlatform,
  readHostname: () => string = osHostname,
): Collector {
  return {
    name: 'os',
    kind: 'inventory',
    intervalSeconds: 3600,
    async collect(ctx) {
      const os = await readOs(ctx);
      return { inventory: { os, hostname: reportedHostname(readHostname(), ctx.config.privacy.send_hostname) } };
    },
  };
}
