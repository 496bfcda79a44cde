import { createHash } from 'node:crypto';
import { hostname as osHostname } from 'node:os';
import { systemInformation } from '../../host/systeminformation.js';
import { type OperatingSystem, unknown } from '../../../protocol/index.js';
import { cleanText } from '../clean.js';
import type { CollectContext, Collector } from '../types.js';
import { readDarwinOs } from './os.darwin.js';
import { readLinuxOs } from './os.linux.js';
import { readWindowsOs } from './os.win32.js';
import { OS_SETTINGS } from './settings.js';
import { kernelAndArch } from './raw.js';

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
    default:
      return unsupportedPlatformOs(ctx.platform);
  }
}

async function unsupportedPlatformOs(platform: string): Promise<OperatingSystem> {
  const info = await (await systemInformation()).osInfo();
  const reason = `no OS reader for platform "${platform}" yet`;
  return {
    family: 'other',
    name: cleanText(info.distro) ?? platform,
    version: cleanText(info.release, 64) ?? unknown(reason),
    build: unknown(reason),
    edition: unknown(reason),
    ...kernelAndArch(info, reason),
  };
}

export function createOsCollector(
  readOs: (ctx: CollectContext) => Promise<OperatingSystem> = readOsForPlatform,
  readHostname: () => string = osHostname,
): Collector {
  return {
    ...OS_SETTINGS,
    async collect(ctx) {
      const os = await readOs(ctx);
      return { inventory: { os, hostname: reportedHostname(readHostname(), ctx.config.privacy.send_hostname) } };
    },
  };
}
