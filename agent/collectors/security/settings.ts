import type { CollectorSettings } from '../../config/setting.js';

/** Hourly, so a firewall or anti-malware switched off shows within the hour. */
export const SECURITY_SETTINGS = { name: 'security', kind: 'inventory', intervalSeconds: 3600 } as const satisfies CollectorSettings;
