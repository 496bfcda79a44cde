import { coreTables } from './001_core.js';
import { networkTables } from './002_network.js';
import { lifecycleTables } from './003_lifecycle.js';
import { inventoryHistory } from './004_inventory_history.js';
import { scoreTables } from './005_scores.js';
import { assetRegister } from './006_asset_register.js';
import { networkLifecycle } from './007_network_lifecycle.js';
import { scoreCounts } from './008_score_counts.js';
import { controlResultsDeviceIndex } from './009_control_results_device_index.js';
import { networkDeviceHistory } from './010_network_device_history.js';
import { siteRetired } from './011_site_retired.js';
import { assetRemoved } from './012_asset_removed.js';
import { notifications } from './013_notifications.js';
import { runHistoryAndScopeResults } from './014_run_history_scope_results.js';
import { operationsViews } from './015_operations_views.js';
import { catalogueOrder } from './016_catalogue_order.js';
import { apiKeysAndSessions } from './017_api_keys_sessions.js';
import { enrolmentControls } from './018_enrolment_controls.js';
import { clockSkew } from './019_clock_skew.js';
import { apiKeyExpiry } from './020_api_key_expiry.js';
import { networkIdentityRadiosFirmware } from './021_network_identity_radios_firmware.js';
import { radioOrdinal } from './022_radio_ordinal.js';

export interface Migration {
  version: number;
  name: string;
  /** SQL with `{db}` standing for the database name. */
  statements: string[];
}

/** Applied in order at start; a migration, once released, is never edited — add a new one. */
export const migrations: Migration[] = [coreTables, networkTables, lifecycleTables, inventoryHistory, scoreTables, assetRegister, networkLifecycle, scoreCounts, controlResultsDeviceIndex, networkDeviceHistory, siteRetired, assetRemoved, notifications, runHistoryAndScopeResults, operationsViews, catalogueOrder, apiKeysAndSessions, enrolmentControls, clockSkew, apiKeyExpiry, networkIdentityRadiosFirmware, radioOrdinal];
