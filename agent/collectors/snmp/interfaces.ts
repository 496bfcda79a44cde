import type { NetworkInterface } from '../../../protocol/index.js';
import { IF, IFX, OID } from './oids.js';
import { type Varbind, asBigInt, asNumber, asText } from './values.js';
import type { Column } from './walk.js';

/** The IF-MIB columns the poller walks. */
export const IF_COLUMNS = Object.values(IF).map((c) => `${OID.ifEntry}.${c}`);
export const IFX_COLUMNS = Object.values(IFX).map((c) => `${OID.ifXEntry}.${c}`);

export type CounterKey =
  | 'inOctets'
  | 'outOctets'
  | 'inUcast'
  | 'inMulticast'
  | 'inBroadcast'
  | 'outUcast'
  | 'outMulticast'
  | 'outBroadcast'
  | 'inErrors'
  | 'outErrors'
  | 'inDiscards'
  | 'outDiscards';

export interface Counter {
  value: bigint;
  bits: 32 | 64;
}

/** One interface as read: the report fields plus raw counters for the next poll's deltas. */
export interface InterfaceReading {
  iface: NetworkInterface;
  counters: Partial<Record<CounterKey, Counter>>;
}

/**
 * IANA ifType values (IANAifType-MIB) of ports an engineer counts: ethernetCsmacd(6),
 * iso88023Csmacd(7), ds1(18), sonet(39), fibreChannel(56), fastEther(62), fastEtherFX(69),
 * adsl(94), vdsl(97), gigabitEthernet(117), docsCableMaclayer(127).
 */
const PHYSICAL_TYPES = new Set([6, 7, 18, 39, 56, 62, 69, 94, 97, 117, 127]);
/**
 * Virtual ones (other(1) stays undecided): softwareLoopback(24), propVirtual(53), propMultiplexor(54),
 * tunnel(131), l2vlan(135), l3ipvlan(136), ieee8023adLag(161), mplsTunnel(150), mpls(166),
 * ipForward(142), bridge(209), pppMultilinkBundle(108), ifPwType(246).
 */
const VIRTUAL_TYPES = new Set([24, 53, 54, 108, 131, 135, 136, 142, 150, 161, 166, 209, 246]);

/**
 * A port an engineer would count: a physical ifType whose connector is present; a virtual ifType,
 * or a physical-typed interface with ifConnectorPresent false (a VLAN interface reported as
 * ethernetCsmacd), is not. Undefined when the type says neither (other, ieee80211…). Pure.
 */
export function isPhysical(type: number | undefined, connectorPresent: number | undefined): boolean | undefined {
  if (type === undefined) return undefined;
  if (VIRTUAL_TYPES.has(type)) return false;
  if (!PHYSICAL_TYPES.has(type)) return undefined;
  // TruthValue: true(1), false(2); absent column → trust the type.
  return connectorPresent !== 2;
}

const safe = (n: bigint | undefined): number | undefined => (n !== undefined && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : undefined);

/** Joins ifTable and ifXTable columns by ifIndex, preferring the 64-bit (HC) counters. Pure. */
export function buildInterfaces(columns: Map<string, Column>, max = 2048): InterfaceReading[] {
  const ifc = (c: number) => columns.get(`${OID.ifEntry}.${c}`) ?? new Map<string, Varbind>();
  const ifx = (c: number) => columns.get(`${OID.ifXEntry}.${c}`) ?? new Map<string, Varbind>();
  const indexes = new Set<string>([...ifc(IF.descr).keys(), ...ifx(IFX.name).keys(), ...ifc(IF.operStatus).keys()]);
  const sorted = [...indexes].filter((i) => /^\d+$/.test(i)).sort((a, b) => Number(a) - Number(b)).slice(0, max);
  return sorted.map((i) => {
    const counters: Partial<Record<CounterKey, Counter>> = {};
    const pick = (key: CounterKey, hc: number | undefined, low: number | undefined, lowTable: 'if' | 'ifx' = 'if') => {
      const h = hc !== undefined ? asBigInt(ifx(hc).get(i)) : undefined;
      if (h !== undefined) {
        counters[key] = { value: h, bits: 64 };
        return;
      }
      const l = low !== undefined ? asBigInt((lowTable === 'if' ? ifc(low) : ifx(low)).get(i)) : undefined;
      if (l !== undefined) counters[key] = { value: l, bits: 32 };
    };
    pick('inOctets', IFX.hcInOctets, IF.inOctets);
    pick('outOctets', IFX.hcOutOctets, IF.outOctets);
    pick('inUcast', IFX.hcInUcastPkts, IF.inUcastPkts);
    pick('outUcast', IFX.hcOutUcastPkts, IF.outUcastPkts);
    pick('inMulticast', IFX.hcInMulticastPkts, IFX.inMulticastPkts, 'ifx');
    pick('inBroadcast', IFX.hcInBroadcastPkts, IFX.inBroadcastPkts, 'ifx');
    pick('outMulticast', IFX.hcOutMulticastPkts, IFX.outMulticastPkts, 'ifx');
    pick('outBroadcast', IFX.hcOutBroadcastPkts, IFX.outBroadcastPkts, 'ifx');
    pick('inErrors', undefined, IF.inErrors);
    pick('outErrors', undefined, IF.outErrors);
    pick('inDiscards', undefined, IF.inDiscards);
    pick('outDiscards', undefined, IF.outDiscards);

    const name = asText(ifx(IFX.name).get(i)) || asText(ifc(IF.descr).get(i)) || `ifIndex ${i}`;
    const alias = asText(ifx(IFX.alias).get(i));
    const admin = asNumber(ifc(IF.adminStatus).get(i));
    const oper = asNumber(ifc(IF.operStatus).get(i));
    const high = asNumber(ifx(IFX.highSpeed).get(i));
    const speed = asNumber(ifc(IF.speed).get(i));
    // ifSpeed saturates at 4294967295 bps; ifHighSpeed (Mbit/s) is authoritative when present.
    const speedMbps = high !== undefined && high > 0 ? high : speed !== undefined ? speed / 1e6 : undefined;
    const type = asNumber(ifc(IF.type).get(i));
    const sum = (...keys: CounterKey[]) => {
      const parts = keys.map((k) => counters[k]?.value).filter((v): v is bigint => v !== undefined);
      return parts.length > 0 ? parts.reduce((a, b) => a + b, 0n) : undefined;
    };
    const iface: NetworkInterface = { index: Number(i), name: name.slice(0, 128) };
    const put = <K extends keyof NetworkInterface>(k: K, v: NetworkInterface[K] | undefined) => {
      if (v !== undefined) iface[k] = v;
    };
    put('alias', alias ? alias.slice(0, 256) : undefined);
    put('type', type);
    put('physical', isPhysical(type, asNumber(ifx(IFX.connectorPresent).get(i))));
    put('admin_up', admin === undefined ? undefined : admin === 1);
    put('oper_up', oper === undefined ? undefined : oper === 1);
    put('speed_mbps', speedMbps);
    put('counter_bits', counters.inOctets?.bits);
    put('in_octets', safe(counters.inOctets?.value));
    put('out_octets', safe(counters.outOctets?.value));
    put('in_packets', safe(sum('inUcast', 'inMulticast', 'inBroadcast')));
    put('out_packets', safe(sum('outUcast', 'outMulticast', 'outBroadcast')));
    put('in_errors', safe(counters.inErrors?.value));
    put('out_errors', safe(counters.outErrors?.value));
    put('in_discards', safe(counters.inDiscards?.value));
    put('out_discards', safe(counters.outDiscards?.value));
    return { iface, counters };
  });
}
