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

/**
 * Pure: one reading per connected interface. A disconnected interface prints no SSID line,
 * so "has an SSID line" is the language-independent test for "connected". The interface
 * name is the first line of its block in every language (Name / Nom / Nombre).
 */
export function parseNetshInterfaces(text: string): WifiReading[] {
  const readings: WifiReading[] = [];
  for (const block of blocks(text)) {
    const ssidAt = block.findIndex((f) => f.key === 'ssid');
    if (ssidAt < 0) continue;
    const first = block[0] as Field;
    const reading: WifiReading = { interface: first.value.slice(0, 64) || 'unknown' };
    const ssid = (block[ssidAt] as Field).value;
    if (ssid) reading.ssid = ssid;
    // Windows 10 labels it "BSSID", Windows 11 "AP BSSID": the MAC-shaped line after the SSID.
    const bssid = block.slice(ssidAt + 1).find((f) => f.key.endsWith('bssid') && normaliseBssid(f.value));
    if (bssid) reading.bssid = normaliseBssid(bssid.value) as string;
    let channelBand: WifiReading['band_ghz'];
    for (const { key, value } of block.slice(1)) {
      if (/^\d{1,3}\s*%$/.test(value)) {
        reading.signal_dbm = windowsQualityToDbm(Number(value.replace('%', '').trim()));
        reading.signal_estimated = true;
      } else if (/^802\.11/i.test(value)) {
        const generation = generationFromPhy(value);
        if (generation) reading.generation = generation;
      } else if (/^\d+(?:[.,]\d+)?\s*GHz$/i.test(value)) {
        const band = bandFromText(value);
        if (band) reading.band_ghz = band;
      } else if (CHANNEL.test(key)) {
        const channel = localeNumber(value);
        if (channel !== undefined && Number.isInteger(channel) && channel >= 1 && channel <= 233) {
          reading.channel = channel;
          channelBand = bandFromChannel(channel);
        }
      } else if (TRANSMIT_RATE.test(key)) {
        const mbps = localeNumber(value);
        if (mbps !== undefined && mbps >= 0) reading.tx_rate_mbps = mbps;
      } else if (RECEIVE_RATE.test(key)) {
        // The receive rate is only a fallback for builds that print no transmit rate.
        const mbps = localeNumber(value);
        if (mbps !== undefined && reading.tx_rate_mbps === undefined) reading.tx_rate_mbps = mbps;
      } else if (AUTHENTICATION.test(key)) {
        const security = normaliseSecurity(value);
        if (security) reading.security = security;
      }
    }
    // Only Windows 11 prints a Band line; older releases cannot join 6 GHz, so the channel tells.
    if (reading.band_ghz === undefined && channelBand) reading.band_ghz = channelBand;
    readings.push(reading);
  }
  return readings;
}
