import { AIRESPACE, AIRESPACE_NOISE, readAirespaceRadios } from './radios-airespace.js';
import { AI_AP, readArubaInstantRadios } from './radios-aruba.js';
import { MAX_RADIOS, type Radio } from './radios-common.js';
import { RUCKUS_RADIO, readRuckusApRadios } from './radios-ruckus.js';
import { UNIFI, readUnifiRadios } from './radios-unifi.js';
import type { SnmpSession } from './session.js';
import type { WalkOptions } from './walk.js';

/**
 * Infrastructure Wi-Fi: per radio, channel, channel utilisation, noise floor and client count from
 * the wireless controllers and APs whose MIBs serve them, each vendor in its own file:
 * Cisco AireOS / Catalyst 9800 / Cisco Business Wireless (AIRESPACE-WIRELESS-MIB), UniFi APs
 * (UBNT-UniFi-MIB), Aruba Instant (AI-AP-MIB) and Ruckus APs (RUCKUS-RADIO-MIB). Walked only for
 * devices identified as such, one bounded table walk each. What each reads, and which recorded walks
 * prove it: docs/network-compatibility.md.
 */
export { MAX_RADIOS, type Radio };
export type RadioSource = 'airespace' | 'unifi' | 'aruba-instant' | 'ruckus-ap';

/** Subtrees the fixture importer keeps from a recording (scripts/import-snmp-walk.ts). */
export const RADIO_PREFIXES: readonly string[] = [...Object.values(AIRESPACE), AIRESPACE_NOISE, ...Object.values(UNIFI), ...Object.values(AI_AP), ...Object.values(RUCKUS_RADIO)];

/** Ruckus access point model names (R500, T300, H510, C110, E510, M510, P300, Q410, ZoneFlex ZF7982), not ZoneDirector, SmartZone or ICX. */
const RUCKUS_AP_MODEL = /^(ZF|[RTHCEMPQ])\d{3}/i;

/**
 * Which radio MIB a device serves, from what identify() found (family from the sysObjectID table:
 * ARUBA-MIB arubaAPProducts, RUCKUS-PRODUCTS-MIB ruckusAPProducts); undefined for everything else.
 */
export function radioSource(vendor: string | undefined, os: string | undefined, model: string | undefined, family?: string): RadioSource | undefined {
  if (vendor === 'Cisco' && (os === 'AireOS' || /C9800|CBW\d/i.test(model ?? ''))) return 'airespace';
  if (vendor === 'Ubiquiti' && /^(UAP|U6|U7|UAL|UWB)/i.test(model ?? '')) return 'unifi';
  // An Instant AP answers with an arubaAPProducts sysObjectID; ArubaOS controllers serve WLSX-WLAN-MIB, which is not read.
  if (vendor === 'Aruba' && (family === 'Access Point' || os === 'Aruba Instant')) return 'aruba-instant';
  if (vendor === 'Ruckus' && (family === 'Ruckus AP' || RUCKUS_AP_MODEL.test(model ?? ''))) return 'ruckus-ap';
  return undefined;
}

/** The radios a device serves; the poller keeps the first MAX_RADIOS and says when there were more. */
export async function readRadios(session: SnmpSession, source: RadioSource, apName: string, options: WalkOptions): Promise<Radio[]> {
  switch (source) {
    case 'airespace':
      return readAirespaceRadios(session, options);
    case 'unifi':
      return readUnifiRadios(session, apName, options);
    case 'aruba-instant':
      return readArubaInstantRadios(session, options);
    case 'ruckus-ap':
      return readRuckusApRadios(session, apName, options);
  }
}
