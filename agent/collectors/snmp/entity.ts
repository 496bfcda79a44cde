import { ENT, OID } from './oids.js';
import { type Varbind, asNumber, asText } from './values.js';
import type { Column } from './walk.js';

export interface Chassis {
  index: string;
  /** entPhysicalParentRelPos: the slot or stack member number. */
  position?: number;
  model?: string;
  serial?: string;
  hardwareRev?: string;
  firmwareRev?: string;
  softwareRev?: string;
  mfgName?: string;
  descr?: string;
  /** YYYY-MM-DD */
  mfgDate?: string;
  /** The module whose serial stands for the chassis's empty one. */
  serialFrom?: string;
}

/** entPhysicalClass 3 = chassis, 11 = stack. */
const CHASSIS = 3;

/** More chassis than this in one device is not a stack a report can carry (protocol: stack_members ≤ 64). */
export const MAX_MEMBERS = 64;

/**
 * The entities that stand for the box, the main one first: the first chassis not contained in
 * anything, else the first chassis (stack members sit inside a stack entity), else the lowest
 * index. Several chassis (a stack, a virtual chassis, StackWise Virtual, VSF, IRF) are all
 * returned, in index order after the main one, as the stack's members. Pure.
 */
export function chassisIndexes(classes: Column, containedIn: Column): string[] {
  const indexes = [...classes.keys()].sort((a, b) => Number(a) - Number(b));
  const chassis = indexes.filter((i) => asNumber(classes.get(i)) === CHASSIS);
  const main = chassis.find((i) => (asNumber(containedIn.get(i)) ?? 0) === 0) ?? chassis[0] ?? indexes[0];
  if (main === undefined) return [];
  return [main, ...chassis.filter((i) => i !== main)].slice(0, MAX_MEMBERS);
}

/** entPhysicalClass 9 = module. */
const MODULE = 9;

/**
 * Modules inside a chassis entry (at any depth), lowest index first, at most four: where a chassis
 * entry has no serial, the first of them that has one is the box's (a fixed-configuration switch's
 * main board). Pure.
 */
export function moduleSerialCandidates(chassis: string, classes: Column, containedIn: Column): string[] {
  const parent = new Map([...containedIn].map(([i, vb]) => [i, String(asNumber(vb) ?? 0)]));
  const inside = (i: string) => {
    for (let p = parent.get(i), hops = 0; p && p !== '0' && hops < 16; p = parent.get(p), hops++) if (p === chassis) return true;
    return false;
  };
  return [...classes.keys()]
    .filter((i) => asNumber(classes.get(i)) === MODULE && inside(i))
    .sort((a, b) => Number(a) - Number(b))
    .slice(0, 4);
}

export function chassisOids(index: string): string[] {
  return [ENT.descr, ENT.parentRelPos, ENT.hardwareRev, ENT.firmwareRev, ENT.softwareRev, ENT.serialNum, ENT.mfgName, ENT.modelName, ENT.mfgDate].map((c) => `${OID.entPhysicalEntry}.${c}.${index}`);
}

/**
 * SNMPv2-TC DateAndTime (8 or 11 octets: year×2, month, day, hour, minute, second, deci-second
 * [, direction, hours, minutes from UTC]) to YYYY-MM-DD; all zeros or nonsense → undefined.
 */
export function parseDateAndTime(bytes: Buffer | undefined): string | undefined {
  if (!bytes || (bytes.length !== 8 && bytes.length !== 11)) return undefined;
  const year = bytes.readUInt16BE(0);
  const month = bytes[2]!;
  const day = bytes[3]!;
  if (year < 1980 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) ? undefined : iso;
}

export function parseChassis(index: string, varbinds: readonly Varbind[]): Chassis {
  const byColumn = new Map<number, Varbind>();
  for (const vb of varbinds) {
    const m = new RegExp(`^${OID.entPhysicalEntry.replace(/\./g, '\\.')}\\.(\\d+)\\.${index}$`).exec(vb.oid);
    if (m) byColumn.set(Number(m[1]), vb);
  }
  const text = (c: number) => {
    const t = asText(byColumn.get(c));
    return t && t.length > 0 ? t : undefined;
  };
  const date = byColumn.get(ENT.mfgDate);
  const position = asNumber(byColumn.get(ENT.parentRelPos));
  const chassis: Chassis = { index };
  const set = <K extends keyof Chassis>(k: K, v: Chassis[K] | undefined) => {
    if (v !== undefined) chassis[k] = v;
  };
  set('position', position !== undefined && position >= 0 && position <= 255 ? position : undefined);
  set('model', text(ENT.modelName));
  set('serial', text(ENT.serialNum));
  set('hardwareRev', text(ENT.hardwareRev));
  set('firmwareRev', text(ENT.firmwareRev));
  set('softwareRev', text(ENT.softwareRev));
  set('mfgName', text(ENT.mfgName));
  set('descr', text(ENT.descr));
  set('mfgDate', Buffer.isBuffer(date?.value) ? parseDateAndTime(date.value) : undefined);
  return chassis;
}
