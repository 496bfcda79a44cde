import { type Band, type Columns, type Radio, apNameOf, channelNumber, clientCount, columnReader, percent, setKnown } from './radios-common.js';
import type { SnmpSession } from './session.js';
import { asNumber, asText } from './values.js';
import { type WalkOptions, walkColumns } from './walk.js';

/**
 * UniFi access points: UBNT-UniFi-MIB unifiRadioTable (band name, channel utilisation) and
 * unifiVapTable (per SSID and radio: channel, associated stations). The AP answers for itself, so
 * every radio carries the AP's sysName.
 */
const UNIFI_RADIO = '1.3.6.1.4.1.41112.1.6.1.1.1';
const UNIFI_VAP = '1.3.6.1.4.1.41112.1.6.1.2.1';
export const UNIFI = {
  radioName: `${UNIFI_RADIO}.2`,
  /** unifiRadioRadio: the radio's name, "ng", "na" or "6e". */
  radioBand: `${UNIFI_RADIO}.3`,
  /** unifiRadioCuTotal: channel utilisation, percent. */
  radioCuTotal: `${UNIFI_RADIO}.6`,
  vapChannel: `${UNIFI_VAP}.4`,
  vapStations: `${UNIFI_VAP}.8`,
  /** unifiVapRadio: the radio name the VAP runs on. */
  vapBand: `${UNIFI_VAP}.9`,
} as const;

/** UniFi radio names: ng = 802.11n/g (2.4 GHz), na = 802.11n/a (5 GHz), 6e = 6 GHz. */
const UNIFI_BAND: Record<string, Band> = { ng: '2.4GHz', na: '5GHz', '6e': '6GHz' };
/** An AP has a handful of radios and a VAP per SSID on each; 64 rows is far beyond any UniFi AP. */
const UNIFI_ROWS = 64;

/** Radios of one UniFi AP: channel and clients summed from its VAPs on the same band. Pure. */
export function unifiRadios(cols: Columns, apName: string): Radio[] {
  const col = columnReader(cols);
  const radios: Radio[] = [];
  for (const [index, bandVb] of col(UNIFI.radioBand)) {
    const bandName = asText(bandVb) ?? '';
    const radio: Radio = { ap_name: apNameOf(apName), band: UNIFI_BAND[bandName] ?? 'unknown' };
    const vaps = [...col(UNIFI.vapBand)].filter(([, vb]) => asText(vb) === bandName).map(([i]) => i);
    setKnown(radio, 'channel', vaps.map((i) => channelNumber(asNumber(col(UNIFI.vapChannel).get(i)))).find((c) => c !== undefined));
    setKnown(radio, 'channel_utilisation_pct', percent(asNumber(col(UNIFI.radioCuTotal).get(index))));
    const stations = vaps.map((i) => clientCount(asNumber(col(UNIFI.vapStations).get(i)))).filter((n): n is number => n !== undefined);
    if (stations.length > 0) setKnown(radio, 'clients', clientCount(stations.reduce((a, b) => a + b, 0)));
    radios.push(radio);
  }
  return radios;
}

export async function readUnifiRadios(session: SnmpSession, apName: string, options: WalkOptions): Promise<Radio[]> {
  return unifiRadios(await walkColumns(session, Object.values(UNIFI), { ...options, maxRows: UNIFI_ROWS }), apName);
}
