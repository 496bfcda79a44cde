import { type Columns, type Radio, RADIO_ROWS, apNameOf, bandOfChannel, channelNumber, clientCount, columnReader, macFromOctets, percent, setKnown } from './radios-common.js';
import type { SnmpSession } from './session.js';
import { type Varbind, T, asNumber, asText } from './values.js';
import { type WalkOptions, walkColumns } from './walk.js';

/**
 * Aruba Instant: AI-AP-MIB (librenms/librenms mibs/arubaos/AI-AP-MIB), served by the virtual
 * controller for every AP of the cluster. aiRadioTable "contains all radios of all access points
 * connected to the virtual controller", INDEX { aiRadioAPMACAddress, aiRadioIndex }.
 * ArubaOS controllers serve WLSX-WLAN-MIB instead, which is not read (no recorded walk carries it).
 */
const AI_STATE = '1.3.6.1.4.1.14823.2.3.3.1.2';
export const AI_AP = {
  /** aiAPName (aiAccessPointTable, INDEX aiAPMACAddress). */
  apName: `${AI_STATE}.1.1.2`,
  /**
   * aiRadioChannel, DisplayString: "First byte contains primary channel and first two bits on second
   * byte contains indicator for secondary channel" (recordings carry it as an INTEGER: 388 = 0x184,
   * primary channel 132 with the secondary-channel bit set).
   */
  channel: `${AI_STATE}.2.1.4`,
  /** aiRadioNoiseFloor, Integer32: "Radio noise floor in dBm". */
  noiseFloor: `${AI_STATE}.2.1.6`,
  /** aiRadioUtilization64: "Radio channel utilization 64 second average". */
  utilisation64: `${AI_STATE}.2.1.8`,
  /** aiRadioClientNum: "Client Number of per Radio" (ArubaOS 8.4 and later; older Instant has no such column). */
  clients: `${AI_STATE}.2.1.21`,
} as const;

/** The primary channel: the first byte of the value, or the leading number of a text form ("36E"). */
function primaryChannel(vb: Varbind | undefined): number | undefined {
  const n = asNumber(vb);
  if (n !== undefined) return channelNumber(n & 0xff);
  const text = vb?.type === T.OctetString ? asText(vb) : undefined;
  const lead = text ? /^(\d{1,3})(?!\d)/.exec(text) : null;
  return lead ? channelNumber(Number(lead[1])) : undefined;
}

/**
 * The noise floor in dBm. The MIB says dBm; Instant 6.4 answers 93 and 94 for its two radios, a
 * magnitude: a receiver's noise floor is far below 0 dBm (thermal noise of a 20 MHz channel is about
 * −101 dBm), so a positive reading is taken as its negative. 0 is no reading.
 */
function noiseFloor(n: number | undefined): number | undefined {
  if (n === undefined || !Number.isInteger(n) || n === 0 || n < -127 || n > 127) return undefined;
  return n > 0 ? -n : n;
}

/** Radios from walked aiRadioTable columns; a row whose index is not a MAC and a radio number is dropped. Pure. */
export function arubaInstantRadios(cols: Columns): Radio[] {
  const col = columnReader(cols);
  const indexes = new Set([...col(AI_AP.channel).keys(), ...col(AI_AP.noiseFloor).keys(), ...col(AI_AP.utilisation64).keys(), ...col(AI_AP.clients).keys()]);
  const radios: Radio[] = [];
  for (const index of indexes) {
    const parts = index.split('.');
    const mac = parts.length === 7 && /^\d{1,3}$/.test(parts[6]!) ? macFromOctets(parts.slice(0, 6)) : undefined;
    if (!mac) continue;
    const channel = primaryChannel(col(AI_AP.channel).get(index));
    const radio: Radio = { ap_name: apNameOf(asText(col(AI_AP.apName).get(parts.slice(0, 6).join('.'))) || mac), ap_mac: mac, band: bandOfChannel(channel) };
    setKnown(radio, 'channel', channel);
    setKnown(radio, 'channel_utilisation_pct', percent(asNumber(col(AI_AP.utilisation64).get(index))));
    setKnown(radio, 'noise_dbm', noiseFloor(asNumber(col(AI_AP.noiseFloor).get(index))));
    setKnown(radio, 'clients', clientCount(asNumber(col(AI_AP.clients).get(index))));
    radios.push(radio);
  }
  return radios;
}

export async function readArubaInstantRadios(session: SnmpSession, options: WalkOptions): Promise<Radio[]> {
  return arubaInstantRadios(await walkColumns(session, Object.values(AI_AP), { ...options, maxRows: RADIO_ROWS }));
}
