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

/**
 * HP and Aruba ENTITY-MIB model names are bare part numbers (JL635A); the description beside them
 * names the product ("Aruba 8325 1-slot Chassis"), as their sysDescr does ("JL658A 6300M 24SFP+").
 */
function withSku(model: string | undefined, descr: string | undefined): string | undefined {
  if (!model || !descr || !/^J[A-Z]?\d{3,4}[A-Z]$/.test(model) || descr.startsWith(model) || descr === model) return model;
  const name = descr.replace(/^(?:HPE? |Aruba |HPE Aruba Networking )/i, '').replace(model, '').replace(/\s+(?:Swch|Switch|Chassis)$/i, '').replace(/\s+/g, ' ').trim();
  return name ? `${model} ${name}` : model;
}

/** Identity an entPhysicalDescr spells out: a model-like name, or Fortinet's "Fortinet FGT_60F, HW Serial#: FGT60F…". */
function descrIdentity(descr: string | undefined): { model?: string; serial?: string } {
  const forti = /^Fortinet (\S+), HW Serial#: (\S+)/.exec(descr ?? '');
  if (forti) return { model: forti[1]!, serial: forti[2]! };
  const model = modelLike(descr);
  return model ? { model } : {};
}

/** Two model strings for the same product ("EX3400-48T" in "Juniper EX3400-48T"). */
function sameModel(a: string, b: string): boolean {
  const core = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  return core(a).includes(core(b)) || core(b).includes(core(a));
}

const SOURCE_NAME = { entity: 'ENTITY-MIB', vendor_mib: 'the vendor MIB', sysdescr: 'sysDescr' } as const;
const usable = (m: string | undefined) => (m && !/^(unknown|n\/a|na|none|default string|to be filled by o\.e\.m\.|\s*)$/i.test(m.trim()) ? m.trim() : undefined);
/** entPhysicalDescr stands in for an empty model name only when it reads like one ("C9300-48P", not "Cisco Systems Catalyst 9300 Switch Stack"). */
const modelLike = (d: string | undefined) => (d && d.length <= 40 && /\d/.test(d) && d.split(/\s+/).length <= 2 ? d.trim() : undefined);

/**
 * One device's identity from every source, with the rule that decided each field. Pure.
 *
 * Model: ENTITY-MIB entPhysicalModelName of the chassis; the vendor MIB; the sysObjectID table;
 * sysDescr; entPhysicalDescr when the model name is empty and the description reads like one.
 * Firmware, kept whole: sysDescr, then the vendor MIB, then ENTITY-MIB entPhysicalSoftwareRev; every
 * other source that states it differently is noted with the rule. Serial: ENTITY-MIB, then the
 * vendor MIB, then entPhysicalDescr. Several chassis: the first is the device, each is a member.
 */
export function resolveIdentity(id: Identity, chassis: readonly Chassis[], vendorValues: VendorValues | undefined): ResolvedIdentity {
  const notes: string[] = [];
  const main = chassis[0];
  let vendor = id.vendor;
  if (!vendor && vendorValues) {
    vendor = vendorValues.vendor;
    notes.push(`${id.generic ?? 'sysObjectID names no vendor'}; ${vendorValues.mib} answered, so the vendor is ${vendorValues.vendor}`);
  }

  const entityModel = withSku(usable(main?.model), usable(main?.descr));
  const fromDescr = descrIdentity(usable(main?.descr));
  // VOSS names the chassis "7432CQ" or "1440" in ENTITY-MIB and the product "VSP-7432CQ" / "XA1440" in
  // sysDescr: a sysDescr model that ends with the ENTITY-MIB one is the same product named in full.
  const fuller = entityModel && id.model && id.model.length > entityModel.length && id.model.toLowerCase().endsWith(entityModel.toLowerCase()) ? id.model : undefined;
  const modelSources: Array<[string, string | undefined]> = [
    ['sysDescr (the ENTITY-MIB model named in full)', fuller],
    ['ENTITY-MIB entPhysicalModelName', entityModel],
    [vendorValues?.mib ?? 'the vendor MIB', usable(vendorValues?.model)],
    ['the sysObjectID table', id.productModel],
    ['sysDescr', id.model],
    ['ENTITY-MIB entPhysicalDescr (entPhysicalModelName empty)', fromDescr.model],
  ];
  const modelChoice = modelSources.find(([, v]) => v !== undefined);
  const model = modelChoice?.[1];
  if (modelChoice && modelChoice[0].startsWith('ENTITY-MIB entPhysicalDescr')) notes.push(`ENTITY-MIB entPhysicalModelName is empty; entPhysicalDescr gives the model ${model}`);
  if (model && id.model && model !== id.model && !sameModel(model, id.model)) {
    notes.push(`sysDescr names the model ${id.model}, ${modelChoice![0]} ${model}: ${modelChoice![0]} wins`.slice(0, 300));
  }

  // sysDescr is written by the running image; a vendor MIB's version scalar next; ENTITY-MIB's
  // softwareRev last, as some platforms put a module's or boot loader's version there.
  const candidates = [
    { source: 'sysdescr' as const, value: id.firmware },
    { source: 'vendor_mib' as const, value: wholeVersion(usable(vendorValues?.version)) },
    { source: 'entity' as const, value: wholeVersion(usable(main?.softwareRev)) },
  ].filter((c): c is { source: 'entity' | 'vendor_mib' | 'sysdescr'; value: string } => c.value !== undefined);
  const chosen = candidates[0];
  for (const other of candidates.slice(1)) {
    if (other.value === chosen!.value) continue;
    const rule = sameRelease(other.value, chosen!.value) ? 'same release written differently' : 'they disagree';
    notes.push(`${SOURCE_NAME[chosen!.source]} says ${chosen!.value}, ${SOURCE_NAME[other.source]} ${other.value} (${rule}): ${SOURCE_NAME[chosen!.source]} wins`.slice(0, 300));
  }

  const entitySerial = usable(main?.serial);
  if (entitySerial && main?.serialFrom) notes.push(`the ENTITY-MIB chassis entry has no serial; ${main.serialFrom} inside it gives ${entitySerial}`.slice(0, 300));
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
  put('serial', entitySerial ?? mibSerial ?? fromDescr.serial);
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
