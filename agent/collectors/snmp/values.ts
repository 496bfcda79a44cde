/**
 * Varbinds as the poller sees them, independent of net-snmp: octet strings stay bytes,
 * Counter64 becomes a bigint, OIDs are dotted strings without a leading dot.
 */
export type SnmpValue = Buffer | number | bigint | string | null;

export interface Varbind {
  oid: string;
  /** ASN.1/SNMP type number (net-snmp ObjectType): 4 OctetString, 2 Integer, 65 Counter32, 66 Gauge32, 67 TimeTicks, 70 Counter64, 6 OID; 128–130 no such object/instance, end of MIB view. */
  type: number;
  value: SnmpValue;
}

export const T = {
  Integer: 2,
  OctetString: 4,
  Null: 5,
  OID: 6,
  IpAddress: 64,
  Counter32: 65,
  Gauge32: 66,
  TimeTicks: 67,
  Counter64: 70,
  NoSuchObject: 128,
  NoSuchInstance: 129,
  EndOfMibView: 130,
} as const;

export function isMissing(vb: Varbind | undefined): boolean {
  return !vb || vb.type === T.Null || vb.type >= T.NoSuchObject || vb.value === null;
}

/** Text of an octet string: UTF-8 (falling back to latin1), trailing NULs and whitespace trimmed. */
export function asText(vb: Varbind | undefined): string | undefined {
  if (isMissing(vb)) return undefined;
  const v = vb!.value;
  if (Buffer.isBuffer(v)) {
    let text = v.toString('utf8');
    if (text.includes('\uFFFD')) text = v.toString('latin1');
    // eslint-disable-next-line no-control-regex
    return text.replace(/\u0000+$/g, '').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, ' ').trim();
  }
  if (typeof v === 'string') return v.trim();
  return String(v);
}

export function asNumber(vb: Varbind | undefined): number | undefined {
  if (isMissing(vb)) return undefined;
  const v = vb!.value;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (Buffer.isBuffer(v) && vb!.type === T.Counter64) return Number(bufferToBigInt(v));
  return undefined;
}

export function asBigInt(vb: Varbind | undefined): bigint | undefined {
  if (isMissing(vb)) return undefined;
  const v = vb!.value;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return BigInt(v);
  if (Buffer.isBuffer(v) && vb!.type === T.Counter64) return bufferToBigInt(v);
  return undefined;
}

export function asOid(vb: Varbind | undefined): string | undefined {
  if (isMissing(vb)) return undefined;
  const v = vb!.value;
  return typeof v === 'string' ? v.replace(/^\./, '') : undefined;
}

export function bufferToBigInt(buf: Buffer): bigint {
  let n = 0n;
  for (const byte of buf) n = (n << 8n) | BigInt(byte);
  return n;
}

/** Compares dotted OIDs numerically. */
export function compareOids(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  const n = Math.min(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return d;
  }
  return pa.length - pb.length;
}

export function inSubtree(base: string, oid: string): boolean {
  return oid.startsWith(`${base}.`);
}
