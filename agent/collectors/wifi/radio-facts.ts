/**
 * Pure radio arithmetic shared by the per-OS Wi-Fi parsers: bands, channels, generations,
 * security names and the signal-quality conversions each OS needs.
 */

export type BandGhz = 2.4 | 5 | 6;

/** What a parser read about one associated interface, before privacy rules are applied. */
export interface WifiReading {
  interface: string;
  /** The SSID in clear; the collector hashes it unless `privacy.send_ssid` is on. */
  ssid?: string;
  bssid?: string;
  band_ghz?: BandGhz;
  channel?: number;
  signal_dbm?: number;
  /** True when signal_dbm was derived from a percentage rather than read as dBm. */
  signal_estimated?: boolean;
  noise_dbm?: number;
  tx_rate_mbps?: number;
  generation?: number;
  security?: string;
}

/** Centre frequency in MHz → band. 5925 MHz is the first 6 GHz (U-NII-5) edge. */
export function bandFromFrequency(mhz: number): BandGhz | undefined {
  if (mhz >= 2400 && mhz < 2500) return 2.4;
  if (mhz >= 5150 && mhz < 5925) return 5;
  if (mhz >= 5925 && mhz <= 7125) return 6;
  return undefined;
}

/** IEEE 802.11 channel numbering per band (same arithmetic as iw's ieee80211_frequency_to_channel). */
export function channelFromFrequency(mhz: number): number | undefined {
  if (mhz === 2484) return 14;
  if (mhz === 5935) return 2; // the one 6 GHz channel below the regular 20 MHz grid
  let channel: number | undefined;
  if (mhz >= 2412 && mhz < 2484) channel = (mhz - 2407) / 5;
  else if (mhz >= 5150 && mhz < 5925) channel = (mhz - 5000) / 5;
  else if (mhz >= 5950 && mhz <= 7125) channel = (mhz - 5950) / 5;
  return channel !== undefined && Number.isInteger(channel) && channel >= 1 && channel <= 233 ? channel : undefined;
}

/**
 * Channel numbers alone are ambiguous (6 GHz reuses 1–233), so this is only a fallback
 * for OSes that print no band or frequency; such OSes (Windows 10, old macOS) cannot use 6 GHz.
 */
export function bandFromChannel(channel: number): BandGhz | undefined {
  if (channel >= 1 && channel <= 14) return 2.4;
  if (channel >= 32 && channel <= 177) return 5;
  return undefined;
}

/** "2.4", "2,4", "2" (macOS writes 2GHz), "5", "6" → band. */
export function bandFromText(text: string): BandGhz | undefined {
  const match = text.match(/(\d+(?:[.,]\d+)?)\s*GHz/i);
  if (!match?.[1]) return undefined;
  const ghz = Number(match[1].replace(',', '.'));
  if (ghz >= 2 && ghz < 3) return 2.4;
  if (ghz === 5) return 5;
  if (ghz === 6) return 6;
  return undefined;
}

/**
 * "802.11ac" / "802.11ax" → Wi-Fi generation. Generations 1–3 (b, a, g) are the
 * Wi-Fi Alliance's retroactive numbering; n/ac/ax/be are the official Wi-Fi 4/5/6/7.
 */
export function generationFromPhy(text: string): number | undefined {
  const match = text.toLowerCase().match(/802\.11\s*([a-z]+)/);
  const suffixes = match?.[1] ? [match[1]] : [];
  // "802.11a/b/g/n/ac" lists several; the newest wins.
  for (const part of text.toLowerCase().matchAll(/\/([a-z]+)/g)) if (part[1]) suffixes.push(part[1]);
  const ranks: Record<string, number> = { b: 1, a: 2, g: 3, n: 4, ac: 5, ax: 6, be: 7 };
  const found = suffixes.map((s) => ranks[s]).filter((g): g is number => g !== undefined);
  return found.length > 0 ? Math.max(...found) : undefined;
}

/** iw's bitrate line names the PHY: HT "MCS 15", VHT-MCS, HE-MCS, EHT-MCS; bare rates are legacy a/b/g. */
export function generationFromIwBitrate(line: string): number | undefined {
  if (/\bEHT-MCS\b/.test(line)) return 7;
  if (/\bHE-MCS\b/.test(line)) return 6;
  if (/\bVHT-MCS\b/.test(line)) return 5;
  if (/\bMCS\s+\d+/.test(line)) return 4;
  return undefined;
}

/**
 * One vocabulary for the many ways OSes (and their languages) name security:
 * nmcli "WPA2 802.1X", netsh "WPA2-Enterprise" / "WPA2 - Entreprise", macOS
 * "spairport_security_mode_wpa3_transition". Returns undefined when nothing is recognised.
 */
export function normaliseSecurity(raw: string): string | undefined {
  const text = raw.toLowerCase().replace('spairport_security_mode_', '').replace(/[_-]/g, ' ').trim();
  if (text === '') return undefined;
  if (/^(none|open|offen|ouvrir|ouverte?|abierta|aperta|geen)$/.test(text)) return 'open';
  if (/\bowe\b/.test(text)) return 'OWE';
  if (/\bwep\b|^shared$|^dynamic wep$/.test(text)) return 'WEP';
  const versions = new Set<number>();
  for (const match of text.matchAll(/\bwpa\s?([123])?/g)) versions.add(match[1] ? Number(match[1]) : 1);
  if (/\bsae\b/.test(text)) versions.add(3);
  if (/\brsn\b/.test(text)) versions.add(2);
  // Transition and mixed modes accept two generations; which one this client chose is not shown.
  if (/transition/.test(text) && versions.has(3)) versions.add(2);
  if (/mixed/.test(text) && versions.has(2)) versions.add(1);
  if (versions.size === 0) return undefined;
  const enterprise = /enterprise|entreprise|unternehmen|empresa|aziendale|802\.?1x|\beap\b/.test(text);
  const names = [...versions].sort().slice(-2).map((v) => (v === 1 ? 'WPA' : `WPA${v}`));
  return `${names.join('/')}-${enterprise ? 'Enterprise' : 'Personal'}`;
}

/**
 * Windows reports link quality as 0–100 %. Microsoft's WLAN_ASSOCIATION_ATTRIBUTES docs
 * (wlanSignalQuality): 0 means −100 dBm, 100 means −50 dBm, linear in between.
 */
export function windowsQualityToDbm(percent: number): number {
  const clamped = Math.min(100, Math.max(0, percent));
  return -100 + clamped / 2;
}

/**
 * NetworkManager's percentage comes from nl80211_xbm_to_percent: −90 dBm → 30 %, −20 dBm → 100 %,
 * linear, clamped. Inverted here; 30 % and below can only be said to be "−90 dBm or worse".
 */
export function networkManagerPercentToDbm(percent: number): number {
  const clamped = Math.min(100, Math.max(30, percent));
  return clamped - 120;
}

/** "00-11-22-AA-bb-cc" / "0:11:22:aa:bb:cc" → "00:11:22:aa:bb:cc"; undefined for anything else. */
export function normaliseBssid(raw: string): string | undefined {
  const parts = raw.trim().split(/[:-]/);
  if (parts.length !== 6 || !parts.every((p) => /^[0-9a-f]{1,2}$/i.test(p))) return undefined;
  const mac = parts.map((p) => p.padStart(2, '0').toLowerCase()).join(':');
  return mac === '00:00:00:00:00:00' || mac === 'ff:ff:ff:ff:ff:ff' ? undefined : mac;
}

/** "866,7" (German decimal comma) / "866.7" → 866.7. */
export function localeNumber(text: string): number | undefined {
  const match = text.match(/-?\d+(?:[.,]\d+)?/);
  if (!match) return undefined;
  const n = Number(match[0].replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}
