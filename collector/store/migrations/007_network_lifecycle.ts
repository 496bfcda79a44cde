import type { Migration } from './index.js';

/** The end-of-life catalogue key of each network device's firmware train, set at ingest (JSON, like the endpoint `lifecycle` section). */
export const networkLifecycle: Migration = {
  version: 7,
  name: 'network device lifecycle key',
  statements: [`ALTER TABLE {db}.network_devices ADD COLUMN IF NOT EXISTS lifecycle String DEFAULT ''`],
};
