import {
  type WifiReading,
  bandFromFrequency,
  channelFromFrequency,
  generationFromIwBitrate,
  localeNumber,
  normaliseBssid,
} from './radio-facts.js';

/**
 * Pure: station interfaces from `iw dev`. Only `type managed` interfaces can be associated
 * to an access point; AP, monitor and P2P-device entries are skipped. An interface block
 * without a type line (very old iw) is kept: `iw dev <if> link` decides later.
 */
export function parseIwDevInterfaces(text: string): string[] {
  const found: Array<{ name: string; type?: string }> = [];
  let current: { name: string; type?: string } | undefined;
  for (const line of text.split(/\r?\n/)) {
    const iface = line.match(/^\s*Interface\s+(\S+)\s*$/);
    if (iface?.[1]) {
      current = { name: iface[1] };
      found.push(current);
      continue;
    }
    // A new phy or a P2P/NAN device ends the current interface's block.
    if (/^phy#|^\s*Unnamed\/non-netdev interface/.test(line)) current = undefined;
    const type = line.match(/^\s*type\s+(\S+)/);
    if (type?.[1] && current && current.type === undefined) current.type = type[1].toLowerCase();
  }
  return found.filter((i) => i.type === undefined || i.type === 'managed').map((i) => i.name);
}

/**
 * iw prints SSID bytes that are not printable ASCII as `\xNN` (and a leading or trailing
 * space the same way), so a UTF-8 SSID arrives escaped byte by byte.
 */
export function unescapeIwSsid(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const escaped = text.slice(i).match(/^\\x([0-9a-fA-F]{2})/);
    if (escaped?.[1]) {
      bytes.push(parseInt(escaped[1], 16));
      i += 3;
    } else {
      bytes.push(...Buffer.from(text[i] as string, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * Pure: `iw dev <if> link`. Returns undefined when the interface is not associated
 * ("Not connected.") or the text does not look like iw's output at all.
 *
 *   Connected to 00:11:22:33:44:55 (on wlp2s0)
 *   	SSID: NHS-Staff
 *   	freq: 5220            (newer iw: "freq: 5220.0")
 *   	signal: -52 dBm
 *   	tx bitrate: 866.7 MBit/s VHT-MCS 9 80MHz short GI VHT-NSS 2
 */
export function parseIwLink(text: string, interfaceName: string): WifiReading | undefined {
  const connected = text.match(/^Connected to ([0-9a-fA-F:]{17})/m);
  if (!connected?.[1]) return undefined;
  const reading: WifiReading = { interface: interfaceName };
  let rxGeneration: number | undefined;
  const bssid = normaliseBssid(connected[1]);
  if (bssid) reading.bssid = bssid;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    const [key, ...rest] = line.split(':');
    const value = rest.join(':').trim();
    switch (key?.toLowerCase()) {
      case 'ssid':
        // Keep the value exactly: spaces inside an SSID are significant.
        if (value) reading.ssid = unescapeIwSsid(rawLine.replace(/^\s*SSID: /, ''));
        break;
      case 'freq': {
        const mhz = localeNumber(value);
        if (mhz === undefined) break;
        const band = bandFromFrequency(mhz);
        const channel = channelFromFrequency(Math.round(mhz));
        if (band) reading.band_ghz = band;
        if (channel) reading.channel = channel;
        break;
      }
      case 'signal': {
        const dbm = localeNumber(value);
        if (dbm !== undefined && dbm < 0 && dbm >= -120) reading.signal_dbm = dbm;
        break;
      }
      case 'tx bitrate': {
        const rate = value.match(/^([\d.]+)\s*MBit\/s/i);
        if (rate?.[1]) reading.tx_rate_mbps = Number(rate[1]);
        const generation = generationFromIwBitrate(value);
        if (generation) reading.generation = generation;
        break;
      }
      case 'rx bitrate':
        rxGeneration = generationFromIwBitrate(value);
        break;
    }
  }
  // An idle link may transmit at a legacy rate ("6.0 MBit/s") while receiving HE frames.
  if (reading.generation === undefined && rxGeneration !== undefined) reading.generation = rxGeneration;
  return reading;
}
