import { type Band, type Columns, type Radio, RADIO_ROWS, apNameOf, bandOfChannel, channelNumber, clientCount, columnReader, noiseDbm, setKnown } from './radios-common.js';
import type { SnmpSession } from './session.js';
import { asNumber } from './values.js';
import { type WalkOptions, walkColumns } from './walk.js';

/**
 * Ruckus standalone and Unleashed access points: RUCKUS-RADIO-MIB (ruckusCommonRadioModule,
 * 1.3.6.1.4.1.25053.1.1.12; DanielleHuisman/observium-community-edition mibs/ruckus/RUCKUS-RADIO-MIB),
 * served by the AP for its own radios. ruckusRadioTable and
 * ruckusRadioStatsTable are both indexed by the radio's ifIndex (ruckusRadioIndex,
 * ruckusRadioStatsIndex). ZoneDirector and SmartZone controllers serve other MIBs.
 */
const RADIO = '1.3.6.1.4.1.25053.1.1.12.1.1.1';
export const RUCKUS_RADIO = {
  /** ruckusRadioMode (RuckusRadioMode): auto(0), 11g-only(1), 11b-only(2), 11ng(3), 11na(4), 11a-only(5), 11ac(6), 11ax(8). */
  mode: `${RADIO}.2.1.1`,
  /** ruckusRadioChannel: "the current operating channel. When 0, … the system selects the best channel" (0 is no channel). */
  channel: `${RADIO}.2.1.4`,
  /** ruckusRadioNoiseFloor: "the noise floor of radio", no unit given; recordings answer dBm (−111, −99). */
  noiseFloor: `${RADIO}.2.1.8`,
  /** ruckusRadioStatsNumSta (Counter32): stations associated to the radio. */
  stations: `${RADIO}.3.1.2`,
} as const;

/**
 * ruckusRadioMode → band: 11b (HR/DSSS) and 11g (ERP) are 2.4 GHz PHYs and 11a (OFDM) and 11ac (VHT)
 * 5 GHz ones (IEEE 802.11-2020); 11ng and 11na are HT in the 2.4 and 5 GHz band by their names.
 * auto and 11ax name no band: the channel decides where only one band has it.
 */
const BAND_OF_MODE: Record<number, Band> = { 1: '2.4GHz', 2: '2.4GHz', 3: '2.4GHz', 4: '5GHz', 5: '5GHz', 6: '5GHz' };
/** An AP has a few radios; anything past this is not an AP's own radio table. */
const RUCKUS_ROWS = Math.min(RADIO_ROWS, 16);

/** Radios of one Ruckus AP, one per radio ifIndex in either table; a non-numeric index is dropped. Pure. */
export function ruckusApRadios(cols: Columns, apName: string): Radio[] {
  const col = columnReader(cols);
  const indexes = new Set(Object.values(RUCKUS_RADIO).flatMap((oid) => [...col(oid).keys()]));
  const radios: Radio[] = [];
  for (const index of [...indexes].filter((i) => /^\d{1,10}$/.test(i)).sort((a, b) => Number(a) - Number(b))) {
    const channel = channelNumber(asNumber(col(RUCKUS_RADIO.channel).get(index)));
    const band = BAND_OF_MODE[asNumber(col(RUCKUS_RADIO.mode).get(index)) ?? -1] ?? bandOfChannel(channel);
    const radio: Radio = { ap_name: apNameOf(apName), band };
    setKnown(radio, 'channel', channel);
    setKnown(radio, 'noise_dbm', noiseDbm(asNumber(col(RUCKUS_RADIO.noiseFloor).get(index))));
    setKnown(radio, 'clients', clientCount(asNumber(col(RUCKUS_RADIO.stations).get(index))));
    radios.push(radio);
  }
  return radios;
}

export async function readRuckusApRadios(session: SnmpSession, apName: string, options: WalkOptions): Promise<Radio[]> {
  return ruckusApRadios(await walkColumns(session, Object.values(RUCKUS_RADIO), { ...options, maxRows: RUCKUS_ROWS }), apName);
}
