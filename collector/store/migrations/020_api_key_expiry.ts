import type { Migration } from './index.js';

/** API keys may expire (issue 12): a key handed to a contractor or a BI tool stops on its own. */
export const apiKeyExpiry: Migration = {
  version: 20,
  name: 'API key expiry',
  statements: [`ALTER TABLE {db}.api_keys ADD COLUMN IF NOT EXISTS expires_at Nullable(DateTime64(3, 'UTC'))`],
};
