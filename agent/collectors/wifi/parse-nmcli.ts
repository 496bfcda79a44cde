import {
  type WifiReading,
  bandFromFrequency,
  channelFromFrequency,
  localeNumber,
  networkManagerPercentToDbm,
  normaliseBssid,
  normaliseSecurity,
} from './radio-facts.js';

/** The fields asked of nmcli, in this order; DEVICE last so older column sets still line up. */
export const NMCLI_WIFI_FIELDS = ['ACTIVE', 'SSID', 'BSSID', 'CHAN', 'FREQ', 'RATE', 'SIGNAL', 'SECURITY', 'DEVICE'] as const;

export interface NmcliWifiRow {
  active: boolean;
  ssid: string;
  bssid?: string;
  channel?: number;
  frequencyMhz?: number;
  rateMbps?: number;
  /** NetworkManager's 0–100 % quality, not dBm. */
  signalPercent?: number;
  security?: string;
  device?: string;
}

/**
 * nmcli's terse mode separates fields with ':' and escapes ':' and '\' inside values
 * as '\:' and '\\' — a BSSID arrives as `00\:11\:22\:33\:44\:55`, an SSID may hold colons too.
 */
export function splitTerseLine(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\' && i + 1 < line.length) {
      current += line[++i];
    } else if (ch === ':') {
      fields.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  fields.push(current);
  return fields;
}

/** Pure: `nmcli -t -f ACTIVE,SSID,BSSID,CHAN,FREQ,RATE,SIGNAL,SECURITY,DEVICE dev wifi list --rescan no`. */
export function parseNmcliWifiList(text: string): NmcliWifiRow[] {
  const rows: NmcliWifiRow[] = [];
  for (const line of text.split(/\r?\n/)) {
    const fields = splitTerseLine(line);
    // Fewer than the 8 fields the brief-era format has is not nmcli's output.
    if (fields.length < 8) continue;
    const [active = '', ssid = '', bssid = '', chan = '', freq = '', rate = '', signal = '', security = '', device] = fields;
    if (!/^(yes|no)$/i.test(active)) continue;
    const row: NmcliWifiRow = { active: active.toLowerCase() === 'yes', ssid };
    const mac = normaliseBssid(bssid);
    if (mac) row.bssid = mac;
    const channel = localeNumber(chan);
    if (channel !== undefined && Number.isInteger(channel)) row.channel = channel;
    const mhz = localeNumber(freq);
    if (mhz !== undefined) row.frequencyMhz = mhz;
    const mbps = localeNumber(rate);
    if (mbps !== undefined) row.rateMbps = mbps;
    const percent = localeNumber(signal);
    if (percent !== undefined && percent >= 0 && percent <= 100) row.signalPercent = percent;
    // Terse mode prints an open network's security as an empty field ("--" in tabular mode).
    const normalised = security.trim() === '' || security.trim() === '--' ? 'open' : normaliseSecurity(security);
    if (normalised) row.security = normalised;
    if (device) row.device = device;
    rows.push(row);
  }
  return rows;
}

/**
 * The reading nmcli alone can give when iw is not installed: the signal is NetworkManager's
 * percentage turned back into dBm (an estimate), and the Wi-Fi generation is unknown.
 */
export function readingFromNmcliRow(row: NmcliWifiRow): WifiReading {
  const reading: WifiReading = { interface: row.device ?? 'unknown' };
  if (row.ssid) reading.ssid = row.ssid;
  if (row.bssid) reading.bssid = row.bssid;
  const band = row.frequencyMhz !== undefined ? bandFromFrequency(row.frequencyMhz) : undefined;
  if (band) reading.band_ghz = band;
  const channel = row.channel ?? (row.frequencyMhz !== undefined ? channelFromFrequency(row.frequencyMhz) : undefined);
  if (channel) reading.channel = channel;
  if (row.signalPercent !== undefined) {
    reading.signal_dbm = networkManagerPercentToDbm(row.signalPercent);
    reading.signal_estimated = true;
  }
  // RATE in the scan list is the AP's maximum advertised rate, not this link's tx rate: left out.
  if (row.security) reading.security = row.security;
  return reading;
}
