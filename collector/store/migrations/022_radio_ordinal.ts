import type { Migration } from './index.js';

const END = `toDateTime64(addDays({as_of:Date}, 1), 3, 'UTC')`;
const WINDOW = `ts < ${END} AND ts >= ${END} - INTERVAL 7 DAY`;

/**
 * Two radios of one AP that a MIB names no band for (RUCKUS-RADIO-MIB without ruckusRadioMode,
 * AI-AP-MIB on a channel two bands share) came out of `radio_health` as one, their noise floors
 * averaged and one client count lost: its key was the AP name, AP MAC and band. Each radio row now
 * carries its ordinal among the radios of the same poll with the same AP name, MAC and band (0 for
 * the first, the order the controller lists them in, which is its table's index order), and the view
 * groups by it too. Rows stored before this migration have ordinal 0, as they were grouped.
 */
export const radioOrdinal: Migration = {
  version: 22,
  name: 'radios of one AP with the same band kept apart',
  statements: [
    `ALTER TABLE {db}.radio_samples ADD COLUMN IF NOT EXISTS radio_ordinal UInt8 DEFAULT 0`,
    // As migration 021 defined it, grouped by the ordinal as well.
    `CREATE OR REPLACE VIEW {db}.radio_health AS
     SELECT trust_id, site_id, target, ap_name, ap_mac, band, radio_ordinal,
       argMax(channel, ts) AS channel,
       round(avg(channel_utilisation_pct), 1) AS utilisation_mean_pct,
       round(max(channel_utilisation_pct), 1) AS utilisation_max_pct,
       round(avg(noise_dbm), 1) AS noise_mean_dbm,
       argMax(clients, ts) AS clients,
       max(ts) AS last_polled
     FROM {db}.radio_samples FINAL
     WHERE ${WINDOW}
     GROUP BY trust_id, site_id, target, ap_name, ap_mac, band, radio_ordinal`,
  ],
};
