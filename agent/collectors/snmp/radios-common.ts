import type { NetworkDevice } from '../../../protocol/index.js';
import type { Varbind } from './values.js';
import type { Column } from './walk.js';

/**
 * What every vendor's radio reader shares: the report's radio shape, the row bound and the value
 * bounds of protocol/network.ts. A value outside the range its MIB defines (a percentage over 100,
 * a channel 0, a noise floor above 0 dBm) is not a measurement and is left out; a count beyond the
 * protocol's headroom is clamped to it.
 */
export type Radio = NonNullable<NetworkDevice['radios']>[number];
export type Band = Radio['band'];

/** The protocol's limit on radios per device (protocol/network.ts). */
export const MAX_RADIOS = 4096;
/** Rows walked per column: one more than a report carries, so the poller can say radios were left out. */
export const RADIO_ROWS = MAX_RADIOS + 1;
/** Clients per radio in the protocol (uint 10000). */
const MAX_CLIENTS = 10_000;

export type Columns = Map<string, Column>;
export const columnReader = (cols: Columns) => (oid: string) => cols.get(oid) ?? new Map<string, Varbind>();

/** MAC address from six decimal OID sub-identifiers (a MacAddress table index). */
export function macFromOctets(octets: readonly string[]): string | undefined {
  if (octets.length !== 6 || !octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)) return undefined;
  return octets.map((o) => Number(o).toString(16).padStart(2, '0')).join(':');
}

const integer = (n: number | undefined): n is number => n !== undefined && Number.isInteger(n);
export const percent = (n: number | undefined) => (integer(n) && n >= 0 && n <= 100 ? n : undefined);
/** 1..233: the highest 6 GHz channel (IEEE 802.11ax-2021 Annex E), as protocol/network.ts bounds it. */
export const channelNumber = (n: number | undefined) => (integer(n) && n >= 1 && n <= 233 ? n : undefined);
export const noiseDbm = (n: number | undefined) => (integer(n) && n >= -127 && n <= -1 ? n : undefined);
export const clientCount = (n: number | undefined) => (integer(n) && n >= 0 ? Math.min(MAX_CLIENTS, n) : undefined);
export const apNameOf = (name: string) => name.slice(0, 128);

export function setKnown<K extends keyof Radio>(radio: Radio, key: K, value: Radio[K] | undefined): void {
  if (value !== undefined) radio[key] = value;
}

/**
 * The band of a channel number where only one band's channel plan has that number; `unknown` where
 * two do. 2.4 GHz: channels 1–14 (IEEE 802.11-2020 Annex E, Table E-4). 5 GHz: 32–177 (Table E-4).
 * 6 GHz: 20 MHz channels 1, 5, 9 … 233 (4n+1) and channel 2 (IEEE 802.11ax-2021 Annex E, Table E-4).
 * So 1, 2, 5, 9 and 13 may be 2.4 or 6 GHz, and 4n+1 from 33 to 177 (149, 153 …) 5 or 6 GHz.
 * For MIBs that carry no band of their own (AI-AP-MIB).
 */
export function bandOfChannel(channel: number | undefined): Band {
  if (channel === undefined) return 'unknown';
  const sixGhz = channel === 2 || channel % 4 === 1;
  if (channel <= 14) return sixGhz ? 'unknown' : '2.4GHz';
  if (channel >= 32 && channel <= 177) return sixGhz ? 'unknown' : '5GHz';
  return channel > 177 && sixGhz ? '6GHz' : 'unknown';
}
