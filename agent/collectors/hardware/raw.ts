import type { VirtSignals } from './virtualisation.js';

/**
 * The subset of systeminformation's answers the hardware mapper reads. Every field is
 * optional and loosely typed because fixtures and real machines both omit or garble them.
 */
export interface RawHardware {
  platform?: string;
  /** Linux-only signals beyond DMI (systemd-detect-virt, container markers); see virtualisation.ts. */
  virt?: Omit<VirtSignals, 'dmi'>;
  system?: { manufacturer?: unknown; model?: unknown; serial?: unknown; uuid?: unknown; sku?: unknown; virtual?: unknown; virtualHost?: unknown };
  bios?: { vendor?: unknown; version?: unknown; releaseDate?: unknown; revision?: unknown };
  chassis?: { manufacturer?: unknown; type?: unknown; serial?: unknown };
  cpu?: { manufacturer?: unknown; brand?: unknown; cores?: unknown; physicalCores?: unknown };
  mem?: { total?: unknown };
  memLayout?: Array<{ size?: unknown }>;
  disks?: Array<{ device?: unknown; type?: unknown; name?: unknown; size?: unknown; interfaceType?: unknown; smartData?: unknown }>;
  blockDevices?: Array<{ name?: unknown; type?: unknown; mount?: unknown; size?: unknown; physical?: unknown; model?: unknown; device?: unknown }>;
  battery?: {
    hasBattery?: unknown;
    designedCapacity?: unknown;
    maxCapacity?: unknown;
    capacityUnit?: unknown;
    voltage?: unknown;
    cycleCount?: unknown;
  };
}
