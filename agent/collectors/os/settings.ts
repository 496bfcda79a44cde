import { z } from 'zod';
import { type CollectorSettings, setting } from '../../config/setting.js';

export const OS_SETTINGS = { name: 'os', kind: 'inventory', intervalSeconds: 3600 } as const satisfies CollectorSettings;

/** `privacy.send_hostname`: the os collector reports the host name, hashed unless this is on. */
export const sendHostname = setting(z.boolean().default(false), {
  env: 'SF_SEND_HOSTNAME',
  help: 'send the host name in clear; off, the collector sees sha256(hostname) only',
});
