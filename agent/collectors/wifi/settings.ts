import { z } from 'zod';
import { type CollectorSettings, setting } from '../../config/setting.js';

/** One sample per associated interface every 5 minutes: often enough to see a roaming or weak desk. */
export const WIFI_SETTINGS = { name: 'wifi', kind: 'samples', intervalSeconds: 300 } as const satisfies CollectorSettings;

/** `privacy.send_ssid`: Wi-Fi samples carry the SSID hashed unless this is on. */
export const sendSsid = setting(z.boolean().default(false), {
  env: 'SF_SEND_SSID',
  help: 'send Wi-Fi network names (SSIDs) in clear; off, samples carry sha256(SSID) only',
});
