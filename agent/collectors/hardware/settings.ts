import type { CollectorSettings } from '../../config/setting.js';

/** Hardware changes rarely (a disk, a BIOS update): every 6 hours is enough; unchanged inventory is resent daily. */
export const HARDWARE_SETTINGS = { name: 'hardware', kind: 'inventory', intervalSeconds: 6 * 3600 } as const satisfies CollectorSettings;
