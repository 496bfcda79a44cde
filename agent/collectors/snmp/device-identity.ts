import type { NetworkDevice } from '../../../protocol/index.js';
import type { Chassis } from './entity.js';
import type { Identity } from './identify.js';
import { sameRelease, trainOf, wholeVersion } from './versions.js';

/** What a vendor MIB fallback GET answered (vendor-mibs.ts). */
export interface VendorValues {
  vendor: string;
  mib: string;
  model?: string;
  serial?: string;
  version?: string;
}

export interface ResolvedIdentity {
  vendor?: string;
  family?: string;
  os?: string;
  model?: string;
  firmware?: string;
  firmwareSource?: NonNullable<NetworkDevice['firmware_source']>;
  train?: string;
  serial?: string;
  notes: string[];
  members?: NonNullable<NetworkDevice['stack_members']>;
}

const SOURCE_NAME = { entity: 'ENTITY-MIB', vendor_mib: 'the vendor MIB', sysdescr: 'sysDescr' } as const;
const usable = (m: string | undefined) => (m && !/^(unknown|n\/a|na|none|default string|to be filled by o\.e\.m\.|\s*)$/i.test(m.trim()) ? m.trim() : undefined);
/** entPhysicalDescr stands in for an empty model name only when it reads like one ("C9300-48P", not "Cisco Systems Catalyst 9300 Switch Stack"). */
const modelLike = (d: string | undefined) => (d && d.length <= 40 && /\d/.test(d) && d.split(/\s+/).length <= 2 ? d.trim() : undefined);

/**
 * One device's identity from every source, with the rule that decided each field. Pure.
 *
 * Model: ENTITY-MIB entPhysicalModelName of the chassis; its entPhysicalDescr when the name is
 * empty and the description reads like a model; the vendor MIB; sysDescr; the sysObjectID table.
 * Firmware, kept whole: ENTITY-MIB entPhysicalSoftwareRev of the chassis (the running image, per
 * chassis), then the vendor MIB, then sysDescr; every other source that disagrees is noted.
 * Serial: ENTITY-MIB, then the vendor MIB. Several chassis: the first is the device, each is a member.
 */
export function resolveIdentity(id: Identity, chassis: readonly Chassis[], vendorValues: VendorValues | undefined): ResolvedIdentity {
  const notes: string[] = [];
  const main = chassis[0];
  let vendor = id.vendor;
  if (!vendor && vendorValues) {
    vendor = vendorValues.vendor;
    notes.push(`${id.generic ?? 'sysObjectID names no vendor'}; ${vendorValues.mib} answered, so the vendor is ${vendorValues.vendor}`);
  }

  let model = usable(main?.model);
  if (!model && modelLike(usable(main?.descr))) {
    model = modelLike(usable(main?.descr));
    notes.push(`ENTITY-MIB entPhysicalModelName is empty; entPhysicalDescr "${model}" used as the model`);
  }
  model ??= usable(vendorValues?.model) ?? id.model;

  const candidates = [
    { source: 'entity' as const, value: wholeVersion(usable(main?.softwareRev)) },
    { source: 'vendor_mib' as const, value: wholeVersion(usable(vendorValues?.version)) },
    { source: 'sysdescr' as const, value: id.firmware },
  ].filter((c): c is { source: 'entity' | 'vendor_mib' | 'sysdescr'; value: string } => c.value !== undefined);
  const chosen = candidates[0];
  for (const other of candidates.slice(1)) {
    if (other.value === chosen!.value) continue;
    const rule = sameRelease(other.value, chosen!.value) ? 'same release written differently' : 'they disagree';
    notes.push(`${SOURCE_NAME[other.source]} says ${other.value}, ${SOURCE_NAME[chosen!.source]} ${chosen!.value} (${rule}): ${SOURCE_NAME[chosen!.source]} wins`.slice(0, 300));
  }

  const entitySerial = usable(main?.serial);
  const mibSerial = usable(vendorValues?.serial);
  if (entitySerial && mibSerial && entitySerial !== mibSerial) notes.push(`${vendorValues!.mib} gives serial ${mibSerial}, ENTITY-MIB ${entitySerial}: ENTITY-MIB wins`.slice(0, 300));

  const out: ResolvedIdentity = { notes };
  const put = <K extends keyof ResolvedIdentity>(k: K, v: ResolvedIdentity[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  put('vendor', vendor);
  put('family', id.family);
  put('os', id.os);
  put('model', model);
  put('firmware', chosen?.value);
  put('firmwareSource', chosen?.source);
  put('train', trainOf(chosen?.value));
  put('serial', entitySerial ?? mibSerial);
  if (chassis.length >= 2) {
    out.members = chassis.map((c, n) => {
      const member: NonNullable<NetworkDevice['stack_members']>[number] = {};
      const position = c.position !== undefined && c.position > 0 ? c.position : n + 1;
      member.position = Math.min(255, position);
      const m = usable(c.model) ?? modelLike(usable(c.descr));
      if (m) member.model = m.slice(0, 128);
      if (usable(c.serial)) member.serial = usable(c.serial)!.slice(0, 128);
      const fw = wholeVersion(usable(c.softwareRev));
      if (fw) member.firmware = fw.slice(0, 128);
      if (usable(c.hardwareRev)) member.hardware_revision = usable(c.hardwareRev)!.slice(0, 128);
      return member;
    });
    notes.push(`${chassis.length} chassis in ENTITY-MIB: reported as one device with ${chassis.length} stack members; the first is the device`);
  }
  out.notes = notes.slice(0, 10);
  return out;
}
