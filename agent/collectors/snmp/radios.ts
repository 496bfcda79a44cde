import type { NetworkDevice } from '../../../protocol/index.js';
import { type Varbind, asNumber, asText } from './values.js';
import { type Column, type WalkOptions, walkColumns } from './walk.js';

/**
 * Infrastructure Wi-Fi: per-radio channel, channel utilisation and client count from wireless
 * controllers and APs whose MIBs serve them. Cisco AireOS / Catalyst 9800 / Cisco Business Wireless:
 * AIRESPACE-WIRELESS-MIB bsnAPTable, bsnAPIfTable, bsnAPIfLoadParametersTable. UniFi APs:
 * UBNT-UniFi-MIB unifiRadioTable and unifiVapTable. Walked only for devices identified as such.
 */
export type Radio = NonNullable<NetworkDevice['radios']>[number];
export type RadioSource = 'airespace' | 'unifi';

const BSN = '1.3.6.1.4.1.14179.2.2';
const AIRESPACE = {
  apName: `${BSN}.1.1.3`,
  ifType: `${BSN}.2.1.2`,
  ifChannel: `${BSN}.2.1.4`,
  loadChannelUtil: `${BSN}.13.1.3`,
  loadClients: `${BSN}.13.1.4`,
} as const;

const UNIFI_RADIO = '1.3.6.1.4.1.41112.1.6.1.1.1';
const UNIFI_VAP = '1.3.6.1.4.1.41112.1.6.1.2.1';
const UNIFI = {
  radioName: `${UNIFI_RADIO}.2`,
  radioBand: `${UNIFI_RADIO}.3`,
  radioCuTotal: `${UNIFI_RADIO}.6`,
  vapChannel: `${UNIFI_VAP}.4`,
  vapStations: `${UNIFI_VAP}.8`,
  vapBand: `${UNIFI_VAP}.9`,
} as const;

/** Subtrees the fixture importer keeps from a recording (scripts/import-snmp-walk.ts). */
export const RADIO_PREFIXES: readonly string[] = [...Object.values(AIRESPACE), ...Object.values(UNIFI)];

export const MAX_RADIOS = 4096;

/** Which radio MIB a device serves, from what identify() found; undefined for everything else. */
export function radioSource(vendor: string | undefined, os: string | undefined, model: string | undefined): RadioSource | undefined {
  if (vendor === 'Cisco' && (os === 'AireOS' || /C9800|CBW\d/i.test(model ?? ''))) return 'airespace';
  if (vendor === 'Ubiquiti' && /^(UAP|U6|U7|UAL|UWB)/i.test(model ?? '')) return 'unifi';
  return undefined;
}

/** AIRESPACE bsnAPIfType: dot11b(1) is the 2.4 GHz radio, dot11a(2) the 5 GHz one. */
const AIRESPACE_BAND: Record<number, Radio['band']> = { 1: '2.4GHz', 2: '5GHz' };
/** UniFi radio names: ng = 802.11n/g (2.4 GHz), na = 802.11n/a (5 GHz), 6e = 6 GHz. */
const UNIFI_BAND: Record<string, Radio['band']> = { ng: '2.4GHz', na: '5GHz', '6e': '6GHz' };

/** MAC address of an AP from its table index (six decimal octets). */
const macOf = (index: string): string | undefined => {
  const octets = index.split('.').map(Number);
  return octets.length === 6 && octets.every((o) => o >= 0 && o <= 255) ? octets.map((o) => o.toString(16).padStart(2, '0')).join(':') : undefined;
};
const pct = (n: number | undefined) => (n !== undefined && n >= 0 && n <= 100 ? n : undefined);
const set = <K extends keyof Radio>(r: Radio, k: K, v: Radio[K] | undefined) => {
  if (v !== undefined) r[k] = v;
};

/** Radios from walked AIRESPACE columns, one per AP MAC and slot. Pure. */
export function airespaceRadios(cols: Map<string, Column>): Radio[] {
  const col = (c: string) => cols.get(c) ?? new Map<string, Varbind>();
  const radios: Radio[] = [];
  for (const [index, typeVb] of col(AIRESPACE.ifType)) {
    const apIndex = index.split('.').slice(0, 6).join('.');
    const radio: Radio = { ap_name: (asText(col(AIRESPACE.apName).get(apIndex)) ?? apIndex).slice(0, 128), band: AIRESPACE_BAND[asNumber(typeVb) ?? -1] ?? 'unknown' };
    set(radio, 'ap_mac', macOf(apIndex));
    const channel = asNumber(col(AIRESPACE.ifChannel).get(index));
    set(radio, 'channel', channel !== undefined && channel > 0 && channel <= 233 ? channel : undefined);
    set(radio, 'channel_utilisation_pct', pct(asNumber(col(AIRESPACE.loadChannelUtil).get(index))));
    const clients = asNumber(col(AIRESPACE.loadClients).get(index));
    set(radio, 'clients', clients !== undefined && clients >= 0 && clients <= 10_000 ? clients : undefined);
    radios.push(radio);
  }
  return radios;
}

/** Radios of one UniFi AP: channel and clients summed from its VAPs on the same band. Pure. */
export function unifiRadios(cols: Map<string, Column>, apName: string): Radio[] {
  const col = (c: string) => cols.get(c) ?? new Map<string, Varbind>();
  const radios: Radio[] = [];
  for (const [index, bandVb] of col(UNIFI.radioBand)) {
    const bandName = asText(bandVb) ?? '';
    const radio: Radio = { ap_name: apName.slice(0, 128), band: UNIFI_BAND[bandName] ?? 'unknown' };
    const vaps = [...col(UNIFI.vapBand)].filter(([, vb]) => asText(vb) === bandName).map(([i]) => i);
    const channel = vaps.map((i) => asNumber(col(UNIFI.vapChannel).get(i))).find((c) => c !== undefined && c > 0 && c <= 233);
    set(radio, 'channel', channel);
    set(radio, 'channel_utilisation_pct', pct(asNumber(col(UNIFI.radioCuTotal).get(index))));
    const stations = vaps.map((i) => asNumber(col(UNIFI.vapStations).get(i))).filter((n): n is number => n !== undefined && n >= 0);
    if (stations.length > 0) set(radio, 'clients', Math.min(10_000, stations.reduce((a, b) => a + b, 0)));
    radios.push(radio);
  }
  return radios;
}

export async function readRadios(session: Parameters<typeof walkColumns>[0], source: RadioSource, apName: string, options: WalkOptions): Promise<Radio[]> {
  if (source === 'airespace') {
    // One row more than a report carries, so the poller can say radios were left out.
    const cols = await walkColumns(session, Object.values(AIRESPACE), { ...options, maxRows: MAX_RADIOS + 1 });
    return airespaceRadios(cols);
  }
  return unifiRadios(await walkColumns(session, Object.values(UNIFI), { ...options, maxRows: 64 }), apName);
}
