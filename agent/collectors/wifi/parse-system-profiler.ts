import {
  type WifiReading,
  bandFromChannel,
  bandFromText,
  generationFromPhy,
  localeNumber,
  normaliseBssid,
  normaliseSecurity,
} from './radio-facts.js';

export class UnreadableProfilerOutput extends Error {
  override name = 'UnreadableProfilerOutput';
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * macOS 14.4 and later replace the SSID (and BSSID) with "<redacted>" unless the calling
 * process holds Location Services permission, which a daemon normally does not.
 */
function isRedacted(value: unknown): boolean {
  return typeof value === 'string' && /^<?redacted>?$/i.test(value.trim());
}

/**
 * Pure: `system_profiler SPAirPortDataType -json`. One reading per real Wi-Fi interface with
 * a `spairport_current_network_information` that carries a channel or signal (that is,
 * associated); awdl0/llw0/p2p0 and stub blocks are skipped; empty text means no data.
 *
 *   "spairport_current_network_information": {
 *     "_name": "NHS-Staff",                        ("<redacted>" on 14.4+ without permission)
 *     "spairport_network_channel": "44 (5GHz, 80MHz)",   (a bare number on older releases)
 *     "spairport_network_phymode": "802.11ac",
 *     "spairport_network_rate": 866,
 *     "spairport_security_mode": "spairport_security_mode_wpa2_enterprise",
 *     "spairport_signal_noise": "-52 dBm / -94 dBm" }
 */
export function parseSystemProfilerAirport(text: string): WifiReading[] {
  if (text.trim() === '') return [];
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    throw new UnreadableProfilerOutput('system_profiler output is not JSON');
  }
  const sections = isObject(root) ? root.SPAirPortDataType : undefined;
  if (!Array.isArray(sections)) throw new UnreadableProfilerOutput('system_profiler output has no SPAirPortDataType');
  const readings: WifiReading[] = [];
  for (const section of sections) {
    const interfaces = isObject(section) ? section.spairport_airport_interfaces : undefined;
    if (!Array.isArray(interfaces)) continue;
    for (const iface of interfaces) {
      if (!isObject(iface) || !isObject(iface.spairport_current_network_information)) continue;
      const name = String(iface._name ?? 'unknown').slice(0, 64);
      if (isPeerToPeerInterface(name) || !hasRadioLink(iface.spairport_current_network_information)) continue;
      readings.push(readingFromNetwork(name, iface.spairport_current_network_information));
    }
  }
  return readings;
}

/**
 * awdl0 (Apple Wireless Direct Link, AirDrop/AirPlay), llw0 (low-latency WLAN, Sidecar/
 * Continuity) and p2p0 share the Wi-Fi radio but are not a connection to an access point;
 * macOS lists them under the AirPort section, sometimes with a stub
 * `spairport_current_network_information` that holds only `spairport_network_type`.
 */
function isPeerToPeerInterface(name: string): boolean {
  return /^(awdl|llw|p2p)\d*$/i.test(name);
}

/** An association has at least a channel or a signal; a stub block has neither. */
function hasRadioLink(network: Json): boolean {
  return network.spairport_network_channel !== undefined || network.spairport_signal_noise !== undefined;
}

function readingFromNetwork(interfaceName: string, network: Json): WifiReading {
  const reading: WifiReading = { interface: interfaceName };
  if (typeof network._name === 'string' && network._name !== '' && !isRedacted(network._name)) reading.ssid = network._name;
  const bssid = typeof network.spairport_network_bssid === 'string' ? normaliseBssid(network.spairport_network_bssid) : undefined;
  if (bssid) reading.bssid = bssid;

  const channelText = String(network.spairport_network_channel ?? '');
  const channel = localeNumber(channelText);
  if (channel !== undefined && Number.isInteger(channel) && channel >= 1 && channel <= 233) reading.channel = channel;
  const band = bandFromText(channelText) ?? (channel !== undefined ? bandFromChannel(channel) : undefined);
  if (band) reading.band_ghz = band;

  // "-52 dBm / -94 dBm": signal first, noise second.
  const levels = [...String(network.spairport_signal_noise ?? '').matchAll(/(-\d+)\s*dBm/gi)].map((m) => Number(m[1]));
  if (levels[0] !== undefined && levels[0] >= -120) reading.signal_dbm = levels[0];
  if (levels[1] !== undefined && levels[1] >= -120) reading.noise_dbm = levels[1];

  const rate = localeNumber(String(network.spairport_network_rate ?? ''));
  if (rate !== undefined && rate >= 0) reading.tx_rate_mbps = rate;
  const generation = generationFromPhy(String(network.spairport_network_phymode ?? ''));
  if (generation) reading.generation = generation;
  const security = normaliseSecurity(String(network.spairport_security_mode ?? ''));
  if (security) reading.security = security;
  return reading;
}
