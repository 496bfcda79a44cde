import type { Migration } from './index.js';

/**
 * Sites can be retired (a clinic closes, a site is merged): the row stays, so past reports and
 * scores keep their site, but a retired site is not listed and enrols no agent.
 */
export const siteRetired: Migration = {
  version: 11,
  name: 'retired sites',
  statements: [`ALTER TABLE {db}.sites ADD COLUMN IF NOT EXISTS retired UInt8 DEFAULT 0`],
};
