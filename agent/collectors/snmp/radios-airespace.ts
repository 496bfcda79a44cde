import { type Band, type Columns, type Radio, RADIO_ROWS, apNameOf, channelNumber, clientCount, columnReader, macFromOctets, noiseDbm, percent, setKnown } from './radios-common.js';
import type { SnmpSession } from './session.js';
import { type Varbind, asNumber, asText } from './values.js';
import { type Column, type WalkOptions, walkColumns } from './walk.js';

/**
 * Cisco AireOS, Catalyst 9800 and Cisco Business Wireless: AIRESPACE-WIRELESS-MIB (librenms/librenms
 * mibs/cisco/AIRESPACE-WIRELESS-MIB). Radios are bsnAPIfTable rows, INDEX { bsnAPDot3MacAddress,
 * bsnAPIfSlotId }: six MAC octets and a slot.
 */
const BSN = '1.3.6.1.4.1.14179.2.2';
export const AIRESPACE = {
  /** bsnAPName (bsnAPTable, INDEX bsnAPDot3MacAddress). */
  apName: `${BSN}.1.1.3`,
  /** bsnAPIfType: dot11b(1), dot11a(2), uwb(4), dot116ghz(6), dot11xor56ghz(7). */
  ifType: `${BSN}.2.1.2`,
  /** bsnAPIfPhyChannelNumber: "Current channel number of the AP Interface". */
  ifChannel: `${BSN}.2.1.4`,
  /** bsnApIfNoOfUsers (Counter32): "No of Users associated with this radio". */
  ifUsers: `${BSN}.2.1.15`,
  /** bsnAPIfLoadChannelUtilization, INTEGER (0..100). */
  loadChannelUtil: `${BSN}.13.1.3`,
  /** bsnAPIfLoadNumOfClients: clients "at the last measurement interval". */
  loadClients: `${BSN}.13.1.4`,
} as const;
/**
 * bsnAPIfDBNoisePower (bsnAPIfChannelNoiseInfoTable, INDEX { bsnAPDot3MacAddress, bsnAPIfSlotId,
 * bsnAPIfNoiseChannelNo }): "the average noise power in dBm on each channel that is available to
 * Airespace AP". One row per scanned channel: the radio's noise floor is the row of its current channel.
 */
export const AIRESPACE_NOISE = `${BSN}.15.1.21`;

/**
 * bsnAPIfType → band. "dot11b also implies 802.11b/g" (2.4 GHz); dot11a is 5 GHz; dot116ghz 6 GHz.
 * uwb and dot11xor56ghz (a radio that serves either 5 or 6 GHz) name no one band.
 */
const BAND_OF_TYPE: Record<number, Band> = { 1: '2.4GHz', 2: '5GHz', 6: '6GHz' };

/** A bsnAPIfTable index: six MAC octets and a slot (bsnAPIfSlotId, Unsigned32 (0..2)). */
function radioIndex(index: string): { apIndex: string; mac: string } | undefined {
  const parts = index.split('.');
  if (parts.length !== 7 || !/^\d{1,2}$/.test(parts[6]!)) return undefined;
  const mac = macFromOctets(parts.slice(0, 6));
  return mac ? { apIndex: parts.slice(0, 6).join('.'), mac } : undefined;
}

/**
 * Radios from walked AIRESPACE columns, one per bsnAPIfTable row; a row whose index is not a MAC and
 * a slot is dropped. `noise` holds bsnAPIfDBNoisePower rows by their index (MAC.slot.channel). Pure.
 */
export function airespaceRadios(cols: Columns, noise: Column = new Map()): Radio[] {
  const col = columnReader(cols);
  const radios: Radio[] = [];
  for (const [index, typeVb] of col(AIRESPACE.ifType)) {
    const at = radioIndex(index);
    if (!at) continue;
    const radio: Radio = { ap_name: apNameOf(asText(col(AIRESPACE.apName).get(at.apIndex)) ?? at.mac), ap_mac: at.mac, band: BAND_OF_TYPE[asNumber(typeVb) ?? -1] ?? 'unknown' };
    const channel = channelNumber(asNumber(col(AIRESPACE.ifChannel).get(index)));
    setKnown(radio, 'channel', channel);
    setKnown(radio, 'channel_utilisation_pct', percent(asNumber(col(AIRESPACE.loadChannelUtil).get(index))));
    // Users associated now; the load table's count of the last measurement interval where a controller lacks it.
    setKnown(radio, 'clients', clientCount(asNumber(col(AIRESPACE.ifUsers).get(index))) ?? clientCount(asNumber(col(AIRESPACE.loadClients).get(index))));
    if (channel !== undefined) setKnown(radio, 'noise_dbm', noiseDbm(asNumber(noise.get(`${index}.${channel}`))));
    radios.push(radio);
  }
  return radios;
}

/** OIDs per GET of noise rows: far under a datagram's worth of varbinds. */
const NOISE_PER_GET = 32;

/**
 * The noise row of each radio's current channel, asked by GET (the whole table is one row per radio
 * per scanned channel, ten to thirty times the radios). One GETBULK of a single row first: a
 * controller without the table costs one request.
 */
async function readNoise(session: SnmpSession, cols: Columns, options: WalkOptions): Promise<Column> {
  const noise: Column = new Map();
  const probe = await walkColumns(session, [AIRESPACE_NOISE], { ...options, maxRepetitions: 1, maxRows: 1 });
  if ((probe.get(AIRESPACE_NOISE)?.size ?? 0) === 0) return noise;
  const wanted: string[] = [];
  for (const [index, vb] of columnReader(cols)(AIRESPACE.ifChannel)) {
    const channel = channelNumber(asNumber(vb));
    if (channel !== undefined && radioIndex(index)) wanted.push(`${index}.${channel}`);
  }
  for (let start = 0; start < wanted.length; start += NOISE_PER_GET) {
    options.signal?.throwIfAborted();
    const answer: Varbind[] = await session.get(wanted.slice(start, start + NOISE_PER_GET).map((i) => `${AIRESPACE_NOISE}.${i}`));
    for (const vb of answer) if (vb.oid.startsWith(`${AIRESPACE_NOISE}.`)) noise.set(vb.oid.slice(AIRESPACE_NOISE.length + 1), vb);
  }
  return noise;
}

export async function readAirespaceRadios(session: SnmpSession, options: WalkOptions): Promise<Radio[]> {
  const cols = await walkColumns(session, Object.values(AIRESPACE), { ...options, maxRows: RADIO_ROWS });
  // Noise is a part of its own: an agent that refuses the GET (SNMPv1 fails a GET on one missing row) keeps its radios.
  const noise = await readNoise(session, cols, options).catch(() => new Map<string, Varbind>());
  return airespaceRadios(cols, noise);
}
