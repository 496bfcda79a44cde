import type { CollectContext, Collector } from '../types.js';
import { mapHardware } from './map.js';
import type { RawHardware } from './raw.js';
import { readHardwareFromSystem } from './read.js';
import { HARDWARE_SETTINGS } from './settings.js';

export function createHardwareCollector(read: (ctx: CollectContext) => Promise<RawHardware> = readHardwareFromSystem): Collector {
  return {
    ...HARDWARE_SETTINGS,
    async collect(ctx) {
      const raw = await read(ctx);
      return { inventory: { hardware: mapHardware(raw, ctx.clock.now()) } };
    },
  };
}
