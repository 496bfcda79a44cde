import type { Patches } from '../../../protocol/index.js';
import type { CollectContext, Collector } from '../types.js';
import { type PatchEnv, patchEnvFrom } from './env.js';
import { readDarwinPatches } from './patches.darwin.js';
import { readLinuxPatches } from './patches.linux.js';
import { readWindowsPatches } from './patches.win32.js';
import { allUnknown } from './summary.js';
import { PATCHES_SETTINGS } from './settings.js';

export async function readPatchesForPlatform(platform: NodeJS.Platform, env: PatchEnv): Promise<Patches> {
  switch (platform) {
    case 'linux':
      return readLinuxPatches(env);
    case 'win32':
      return readWindowsPatches(env);
    case 'darwin':
      return readDarwinPatches(env);
    default:
      return allUnknown(platform.slice(0, 32), `no patch reader for platform "${platform}" yet`);
  }
}

/**
 * OS patch level: pending (security) updates, last update, reboot needed. Per-OS readers
 * never throw for a missing tool or unreadable output: those become `unknown` with the reason.
 * `envOverrides` lets tests swap files, zone and kernel release.
 */
export function createPatchesCollector(envOverrides: Partial<PatchEnv> = {}): Collector {
  return {
    ...PATCHES_SETTINGS,
    async collect(ctx: CollectContext) {
      const patches = await readPatchesForPlatform(ctx.platform, patchEnvFrom(ctx, envOverrides));
      return { inventory: { patches } };
    },
  };
}
