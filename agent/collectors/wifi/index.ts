import { createHash } from 'node:crypto';
import type { WifiSample } from '../../../protocol/index.js';
import type { CollectContext, Collector } from '../types.js';
import type { WifiReading } from './radio-facts.js';
import { readMacWifi } from './wifi.darwin.js';
import { type WirelessInterfaceLister, readLinuxWifi, sysfsWirelessInterfaces } from './wifi.linux.js';
import type { WifiRead } from './wifi-read.js';
import { readWindowsWifi } from './wifi.win32.js';
import { WIFI_SETTINGS } from './settings.js';

export interface WifiCollectorOptions {
  /** Linux only: which interfaces are wireless. Tests inject it; the default reads sysfs. */
  listWirelessInterfaces?: WirelessInterfaceLister;
}

/**
 * sha256 hex of the SSID bytes as broadcast (case matters in SSIDs). Pseudonymous, not
 * secret: anyone who knows a trust's SSIDs can hash them and match, which is the point
 * for the dashboard and no worse than the SSIDs being on the air.
 */
export function hashSsid(ssid: string): string {
  return createHash('sha256').update(ssid, 'utf8').digest('hex');
}

const clamp = (n: number, min: number, max: number): number => Math.min(max, Math.max(min, n));
const round1 = (n: number): number => Math.round(n * 10) / 10;

/**
 * Pure: a reading becomes a protocol sample. Values outside the protocol's ranges are
 * dropped rather than clamped, except signal/noise which are clamped to the −120…0 dBm scale.
 * The protocol has no "estimated" flag, so `signal_estimated` cannot travel (yet).
 */
export function toWifiSample(reading: WifiReading, ts: string, sendSsidInClear: boolean): WifiSample {
  const sample: WifiSample = { kind: 'wifi', ts, interface: reading.interface.slice(0, 64) };
  if (reading.ssid !== undefined) sample.ssid = sendSsidInClear ? reading.ssid.slice(0, 128) : hashSsid(reading.ssid);
  if (reading.bssid !== undefined) sample.bssid = reading.bssid.slice(0, 32);
  if (reading.band_ghz !== undefined) sample.band_ghz = reading.band_ghz;
  if (reading.channel !== undefined && Number.isInteger(reading.channel) && reading.channel >= 1 && reading.channel <= 233) sample.channel = reading.channel;
  if (reading.signal_dbm !== undefined) sample.signal_dbm = round1(clamp(reading.signal_dbm, -120, 0));
  if (reading.noise_dbm !== undefined) sample.noise_dbm = round1(clamp(reading.noise_dbm, -120, 0));
  if (reading.tx_rate_mbps !== undefined && reading.tx_rate_mbps >= 0 && reading.tx_rate_mbps <= 100_000) sample.tx_rate_mbps = reading.tx_rate_mbps;
  // Only Wi-Fi 6E and later radios use 6 GHz: a 6 GHz link is at least generation 6.
  const generation = reading.band_ghz === 6 ? Math.max(6, reading.generation ?? 6) : reading.generation;
  if (generation !== undefined) sample.generation = generation;
  if (reading.security !== undefined) sample.security = reading.security.slice(0, 32);
  return sample;
}

async function readForPlatform(ctx: CollectContext, options: WifiCollectorOptions): Promise<WifiRead> {
  switch (ctx.platform) {
    case 'linux':
      return readLinuxWifi(ctx, options.listWirelessInterfaces ?? sysfsWirelessInterfaces);
    case 'win32':
      return readWindowsWifi(ctx);
    case 'darwin':
      return readMacWifi(ctx);
    default:
      return { readings: [] };
  }
}

/**
 * One sample per associated wireless interface, every 5 minutes. A device without Wi-Fi
 * (or not associated) yields no samples and no problem: wired desks are not failures.
 */
export function createWifiCollector(options: WifiCollectorOptions = {}): Collector {
  return {
    ...WIFI_SETTINGS,
    async collect(ctx) {
      const { readings, problem } = await readForPlatform(ctx, options);
      const ts = ctx.clock.now().toISOString();
      const samples = readings.map((r) => toWifiSample(r, ts, ctx.config.privacy.send_ssid));
      return problem ? { samples, problem: problem.slice(0, 1000) } : { samples };
    },
  };
}
