import type { CollectorSettings } from '../../config/setting.js';

/** Hourly, so a reboot or an installed update shows within the hour. */
export const PATCHES_SETTINGS = { name: 'patches', kind: 'inventory', intervalSeconds: 3600 } as const satisfies CollectorSettings;
