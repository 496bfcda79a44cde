import {
  type WifiReading,
  bandFromChannel,
  bandFromText,
  generationFromPhy,
  localeNumber,
  normaliseBssid,
  normaliseSecurity,
  windowsQualityToDbm,
} from './radio-facts.js';

/**
 * `netsh wlan show interfaces` is localised and cannot be switched to English, and when piped
 * it is written in the console's OEM code page, so accented labels ("Übertragungsrate",
 * "État") may arrive mangled. Labels are therefore compared with every character outside
 * ASCII letters and digits removed ("Übertragungsrate" and a mangled "�bertragungsrate" both
 * become "bertragungsrate"), and fields whose values have a telling shape (SSID, BSSID,
 * signal %, radio type, band) are found by shape and position instead of by label.
 */
/**
 * Pure: Windows 11 24H2 and later refuse Wi-Fi details to a process that may not use location,
 * printing a localised notice with the (untranslated) Settings URI ms-settings:privacy-location,
 * often followed by "Function WlanQueryInterface returns error 5" and exit code 1. Learn:
 * "Changes to API behavior for Wi-Fi access and location" (windows/win32/nativewifi/
 * wi-fi-access-location-changes). Returns the reason to report, or undefined.
 */
export function netshLocationRefusal(text: string): string | undefined {
  if (!/ms-settings:privacy-location/i.test(text)) return undefined;
  return 'Windows location access is off for this app: netsh wlan show interfaces needs Location services and "Let desktop apps access your location" (Windows 11 24H2+); allow it by policy, see docs/deploy-agent.md';
}

export function labelKey(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]/g, '');
}

// Label keys (see labelKey) per language: en, de, fr, es, it, nl, pt.
const CHANNEL = /^(channel|kanal|canal|canale|kanaal)$/;
const RECEIVE_RATE = /^(receiverate|empfangsrate|rception|velocidadderecepcin|velocitricezione|ontvangstsnelheid|taxaderecepo|taxadereceo)/;
const TRANSMIT_RATE = /^(transmitrate|bertragungsrate|transmission|velocidaddetransmisin|velocittrasmissione|verzendsnelheid|taxadetransmisso)/;
const AUTHENTICATION = /^(authentication|authentifizierung|authentification|autenticacin|autenticazione|verificatie|autenticao)$/;

interface Field {
  key: string;
  value: string;
}

/** Blocks of "label : value" lines, split at blank lines; continuation lines without a colon are dropped. */
function blocks(text: string): Field[][] {
  const result: Field[][] = [[]];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') {
      if ((result.at(-1) as Field[]).length > 0) result.push([]);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    (result.at(-1) as Field[]).push({ key: labelKey(line.slice(0, colon)), value: line.slice(colon + 1).trim() });
  }
  return result.filter((b) => b.length > 0);
}

const NUMBER = /^\d+(?:[.,]\d+)?$/;
const GUID_VALUE = /^[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i;

/**
 * Pure: one reading per connected interface. A disconnected interface prints no SSID line,
 * so "has an SSID line" is the language-independent test for "connected". The interface
 * name is the line two above the GUID (or the block's first line) in every language.
 *
 * netsh prints its lines in a fixed order whatever the language, so the values are read by
 * shape and position first: the BSSID is the first MAC-shaped value after the SSID (Windows 10
 * "BSSID", Windows 11 "AP BSSID", other labels in other languages); the signal is the "NN%"
 * value; the authentication is the line right after the "802.11…" radio type; and the bare
 * numbers before the signal line are, in order, channel, receive rate and transmit rate (Windows
 * 11 moves the channel above the radio type, but never below the rates). Labels are used only
 * when that shape is not there (a build that prints no transmit rate, no radio type).
 */
export function parseNetshInterfaces(text: string): WifiReading[] {
  const readings: WifiReading[] = [];
  for (const block of blocks(text)) {
    const ssidAt = block.findIndex((f) => f.key === 'ssid');
    if (ssidAt < 0) continue;
    // Name, Description, GUID come first in every language; when a paste lost the blank line
    // after the "There is 1 interface" header, the name is still the line two above the GUID.
    const guidAt = block.findIndex((f) => GUID_VALUE.test(f.value));
    const nameField = (guidAt >= 2 ? block[guidAt - 2] : block[0]) as Field;
    const reading: WifiReading = { interface: nameField.value.slice(0, 64) || 'unknown' };
    const ssid = (block[ssidAt] as Field).value;
    if (ssid) reading.ssid = ssid;
    const bssid = block.slice(ssidAt + 1).find((f) => normaliseBssid(f.value));
    if (bssid) reading.bssid = normaliseBssid(bssid.value) as string;
    const signalAt = block.findIndex((f) => /^\d{1,3}\s*%$/.test(f.value));
    if (signalAt >= 0) {
      reading.signal_dbm = windowsQualityToDbm(Number((block[signalAt] as Field).value.replace('%', '').trim()));
      reading.signal_estimated = true;
    }
    const radioAt = block.findIndex((f) => /^802\.11/i.test(f.value));
    if (radioAt >= 0) {
      const generation = generationFromPhy((block[radioAt] as Field).value);
      if (generation) reading.generation = generation;
    }
    const bandLine = block.find((f) => /^\d+(?:[.,]\d+)?\s*GHz$/i.test(f.value));
    const band = bandLine ? bandFromText(bandLine.value) : undefined;
    if (band) reading.band_ghz = band;
    const numbers = block.slice(1, signalAt >= 0 ? signalAt : block.length).filter((f) => NUMBER.test(f.value));
    if (signalAt >= 0 && numbers.length >= 3) {
      const [channel, receive, transmit] = numbers.slice(-3).map((f) => localeNumber(f.value)) as Array<number | undefined>;
      setChannel(reading, channel);
      if (transmit !== undefined) reading.tx_rate_mbps = transmit;
      else if (receive !== undefined) reading.tx_rate_mbps = receive;
    } else readByLabel(block, reading);
    const authentication = radioAt >= 0 ? block[radioAt + 1] : block.find((f) => AUTHENTICATION.test(f.key));
    const security = authentication ? normaliseSecurity(authentication.value) : undefined;
    if (security) reading.security = security;
    // Only Windows 11 prints a Band line; older releases cannot join 6 GHz, so the channel tells.
    if (reading.band_ghz === undefined && reading.channel !== undefined) {
      const fromChannel = bandFromChannel(reading.channel);
      if (fromChannel) reading.band_ghz = fromChannel;
    }
    readings.push(reading);
  }
  return readings;
}

function setChannel(reading: WifiReading, channel: number | undefined): void {
  if (channel !== undefined && Number.isInteger(channel) && channel >= 1 && channel <= 233) reading.channel = channel;
}

/** Channel and rates by their (en, de, fr, es, it, nl, pt) labels, for output without the usual shape. */
function readByLabel(block: Field[], reading: WifiReading): void {
  for (const { key, value } of block.slice(1)) {
    if (CHANNEL.test(key)) setChannel(reading, localeNumber(value));
    else if (TRANSMIT_RATE.test(key)) {
      const mbps = localeNumber(value);
      if (mbps !== undefined && mbps >= 0) reading.tx_rate_mbps = mbps;
    } else if (RECEIVE_RATE.test(key)) {
      // The receive rate is only a fallback for builds that print no transmit rate.
      const mbps = localeNumber(value);
      if (mbps !== undefined && reading.tx_rate_mbps === undefined) reading.tx_rate_mbps = mbps;
    }
  }
}
