import { AS_OF_VALUE, DB, LATEST_RESULTS, SCOPE_FILTER, SCOPE_ROWS, TIME_BUCKET, TIME_RANGE } from './common.js';
import { GEAR_LABELS } from './findings.js';

/**
 * Network panels' SQL beyond the operations views: infrastructure Wi-Fi (what wireless controllers and
 * APs report per radio) and network firmware currency (CYB-NET-PATCH).
 *
 * The per-radio figures over the 7 days before the shown date are the store's `radio_health` view
 * (migration 021), the one the IT-ops page reads through collector/queries/network-wifi.ts; Grafana
 * only picks and orders its rows. The time series read the radio samples themselves, as the per-site
 * endpoint series read theirs: the highest utilisation and the last client count of each interval,
 * nothing the view computes.
 */

/** The firmware-currency control (collector/scoring/controls.yaml). */
export const FIRMWARE_CURRENCY_CONTROL = 'CYB-NET-PATCH';

/** How many radios the time series draw: the busiest, as the busiest-radios table ranks them. */
export const CHARTED_RADIOS = 10;

const RADIO_HEALTH = `${DB}.radio_health(as_of = ${AS_OF_VALUE})`;

/** Busiest first, as the IT-ops page orders them (queries/network-wifi.ts): mean utilisation, radios without one last. */
const BUSIEST_FIRST = 'ifNull(utilisation_mean_pct, -1) DESC, site_id, target, ap_name, band, radio_ordinal';

/** One radio: the view's grouping key (radio_ordinal keeps two radios of one AP with the same or no band apart, migration 022). */
const RADIO_KEY = 'trust_id, site_id, target, ap_name, ap_mac, band, radio_ordinal';

/** Each radio of the chosen sites over the 7 days before the shown date, busiest first. */
export const BUSIEST_RADIOS = `SELECT site_id AS Site, target AS Controller, ap_name AS "Access point", band AS Band, channel AS Channel,
  utilisation_mean_pct AS "Utilisation, mean", utilisation_max_pct AS "Utilisation, highest", noise_mean_dbm AS "Noise floor",
  clients AS Clients, last_polled AS "Last polled"
FROM ${RADIO_HEALTH}
WHERE ${SCOPE_FILTER}
ORDER BY ${BUSIEST_FIRST}
LIMIT 100`;

/** A radio's series name in the legend: access point, band (numbered from its second radio of that band) and the controller that reported it. */
const RADIO_LABEL = `concat(ap_name, ' ', band, if(radio_ordinal > 0, concat(' #', toString(radio_ordinal + 1)), ''), ' · ', target)`;

/**
 * One value per interval of the time range for each of the busiest radios: `value` over the radio
 * samples of the chosen sites (row policies and the trust and site variables apply to both reads).
 */
export function radioSeriesSql(value: string): string {
  return `SELECT ${TIME_BUCKET('ts')} AS time, ${RADIO_LABEL} AS Radio, ${value} AS value
FROM ${DB}.radio_samples FINAL
WHERE ${TIME_RANGE('ts')} AND ${SCOPE_FILTER}
  AND (${RADIO_KEY}) IN (SELECT ${RADIO_KEY} FROM ${RADIO_HEALTH} WHERE ${SCOPE_FILTER} ORDER BY ${BUSIEST_FIRST} LIMIT ${CHARTED_RADIOS})
GROUP BY time, Radio
ORDER BY time, Radio`;
}

/** The highest channel utilisation each radio reported in each interval. */
export const RADIO_UTILISATION_SERIES = radioSeriesSql('max(channel_utilisation_pct)');

/** Clients on each radio at its last poll in each interval (the view's "clients" is the last poll's too). */
export const RADIO_CLIENTS_SERIES = radioSeriesSql('argMax(clients, ts)');

/** Gear passing, failing and unknown on firmware currency, as the run stored them per chosen scope. */
export const FIRMWARE_CURRENCY_COUNTS = `SELECT sum(pass) AS Current, sum(fail) AS Behind, sum(unknown) AS Unknown
FROM ${DB}.scope_results
WHERE ${LATEST_RESULTS} AND row_kind = 'control' AND item = '${FIRMWARE_CURRENCY_CONTROL}' AND ${SCOPE_ROWS}`;

/** Each polled box's firmware-currency result in the run, with the reason and evidence the control recorded. */
export const FIRMWARE_CURRENCY = `SELECT r.site_id AS Site, r.device_id AS Device, l.sys_name AS Name, l.gear_model AS Model, l.gear_os AS Firmware,
  r.status AS Result, r.reason AS Reason, r.evidence AS Evidence, l.polled AS "Last polled"
FROM (
  SELECT device_id, site_id, status, reason, evidence FROM ${DB}.control_results
  WHERE ${LATEST_RESULTS} AND control_id = '${FIRMWARE_CURRENCY_CONTROL}' AND kind = 'network' AND ${SCOPE_FILTER}
) AS r
LEFT JOIN (${GEAR_LABELS}) AS l ON l.device_id = r.device_id
ORDER BY indexOf(['fail', 'unknown', 'pass'], r.status), Site, Name, Device
LIMIT 5000
SETTINGS join_use_nulls = 0`;
