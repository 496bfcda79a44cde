import type { NetworkDevice } from '../../../protocol/index.js';
import { unknown } from '../../../protocol/unknown.js';
import { type VendorValues, resolveIdentity } from './device-identity.js';
import type { Chassis } from './entity.js';
import { type Identity, identify } from './identify.js';
import { IF_COLUMNS, IFX_COLUMNS, buildInterfaces } from './interfaces.js';
import { ENT, OID, SYSTEM_OIDS } from './oids.js';
import { type PollSnapshot, applyRates, judgeInterval, snapshotOf } from './rates.js';
import type { SnmpSession } from './session.js';
import { MAX_RADIOS, radioSource, readRadios } from './radios.js';
import { type Varbind, asNumber, asOid, asText } from './values.js';
import { GENERIC_AGENT_PROBES, type VendorFallback, columnsOf, fallbackFor, oidsOf } from './vendor-mibs.js';
import { readChassis } from './read-entity.js';
import { type Column, type WalkOptions, walkColumns } from './walk.js';

export interface PollTarget {
  name: string;
  address: string;
  port: number;
  site?: string;
  version: 'v1' | 'v2c' | 'v3';
  securityLevel: NetworkDevice['security_level'];
}

export interface PollOptions {
  maxRepetitions: number;
  now: () => Date;
  signal?: AbortSignal;
}

export interface PollResult {
  device: NetworkDevice;
  snapshot: PollSnapshot;
}

const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

/** The report's identity of a target before anything is known about it. */
export function baseDevice(target: PollTarget, polledAt: Date): NetworkDevice {
  return {
    target: cut(target.name, 128),
    address: cut(target.address, 255),
    port: target.port,
    ...(target.site ? { site: target.site } : {}),
    polled_at: polledAt.toISOString(),
    snmp_version: target.version,
    security_level: target.securityLevel,
  };
}

/**
 * One poll of one device: system group first (its failure is the poll's failure), then
 * ENTITY-MIB, IF-MIB, HOST-RESOURCES-MIB side by side; a later part failing becomes a warning.
 */
export async function pollDevice(session: SnmpSession, target: PollTarget, prev: PollSnapshot | undefined, options: PollOptions): Promise<PollResult> {
  const started = performance.now();
  const polledAt = options.now();
  const walkOptions = { maxRepetitions: options.maxRepetitions, ...(options.signal ? { signal: options.signal } : {}) };
  // v2c/v3 answer a missing OID per varbind, so the uptime clocks ride in the system GET; a v1 agent
  // fails the whole GET on one missing OID, so there they are asked apart (a failure is a warning).
  const uptimeInSystem = target.version !== 'v1';
  const system = byOid(await session.get(uptimeInSystem ? [...SYSTEM_OIDS, OID.hrSystemUptime, OID.snmpEngineTime] : SYSTEM_OIDS));
  const sysObjectId = asOid(system.get(OID.sysObjectID));
  const sysDescr = asText(system.get(OID.sysDescr));
  const id = identify(sysObjectId, sysDescr);
  const warnings: string[] = [];
  const part = async <T>(what: string, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (error) {
      warnings.push(cut(`${what}: ${(error as Error).message}`, 300));
      return undefined;
    }
  };
  const sysName = asText(system.get(OID.sysName));
  const fallbacks = fallbacksFor(id);
  const scalars = [...(uptimeInSystem ? [] : [OID.hrSystemUptime, OID.snmpEngineTime]), ...fallbacks.flatMap(oidsOf)];
  const columns = fallbacks.flatMap((f) => columnsOf(f, id.family));
  const radios = radioSource(id.vendor, id.os, id.model ?? sysDescr, id.family);
  const [extraScalars, chassis, ifColumns, vendorRows, radioList] = await Promise.all([
    scalars.length > 0 ? part(fallbacks.length > 0 ? 'vendor MIB' : 'uptime', async () => byOid(await session.get(scalars))) : Promise.resolve(undefined),
    part('ENTITY-MIB', async () => readChassis(session, walkOptions, id)),
    // hrProcessorLoad walks beside the IF-MIB columns: the same GETBULKs, one request fewer.
    part('IF-MIB and HOST-RESOURCES-MIB', () => walkColumns(session, [...IF_COLUMNS, ...IFX_COLUMNS, OID.hrProcessorLoad], walkOptions)),
    columns.length > 0 ? part('vendor MIB table', () => walkColumns(session, columns, { ...walkOptions, maxRepetitions: 1, maxRows: 1 })) : Promise.resolve(undefined),
    radios ? part('Wi-Fi radios', () => readRadios(session, radios, sysName ?? target.name, walkOptions)) : Promise.resolve(undefined),
  ]);

  const sysUpTime = asNumber(system.get(OID.sysUpTime));
  const cpu = ifColumns?.get(OID.hrProcessorLoad);
  const readings = ifColumns ? buildInterfaces(ifColumns) : [];
  const verdict = judgeInterval(prev, polledAt.getTime(), sysUpTime);
  const interfaces = applyRates(readings, prev, verdict);

  const device: NetworkDevice = baseDevice(target, polledAt);
  const knownText = (v: string | undefined, max: number, why: string) => (v ? cut(v, max) : unknown(why));
  device.sys_descr = knownText(sysDescr, 1024, 'sysDescr empty or not served');
  device.sys_object_id = knownText(sysObjectId, 256, 'sysObjectID not served');
  device.sys_name = knownText(sysName, 255, 'sysName empty or not served');
  device.sys_location = knownText(asText(system.get(OID.sysLocation)), 255, 'sysLocation empty or not served');
  device.sys_contact = knownText(asText(system.get(OID.sysContact)), 255, 'sysContact empty or not served');
  if (id.enterprise !== undefined) device.enterprise = id.enterprise;

  const vendorValues = extraScalars ? vendorValuesOf(fallbacks, extraScalars, vendorRows) : undefined;
  const uptime = bestUptime(sysUpTime, uptimeInSystem ? system : extraScalars);
  if (uptime) {
    device.uptime_seconds = uptime.seconds;
    device.uptime_source = uptime.source;
  } else device.uptime_seconds = unknown('no sysUpTime, hrSystemUptime or snmpEngineTime');

  const main = chassis?.[0];
  applyIdentity(device, id, chassis, vendorValues);
  if (radioList && radioList.length > 0) {
    device.radios = radioList.slice(0, MAX_RADIOS);
    if (radioList.length > MAX_RADIOS) warnings.push(`Wi-Fi radios: ${radioList.length} served, the first ${MAX_RADIOS} reported`);
  }
  device.hardware_revision = main?.hardwareRev ? cut(main.hardwareRev, 128) : unknown('ENTITY-MIB gives no hardware revision');
  device.firmware_revision = main?.firmwareRev ? cut(main.firmwareRev, 128) : unknown('ENTITY-MIB gives no firmware revision');
  device.software_revision = main?.softwareRev ? cut(main.softwareRev, 256) : unknown('ENTITY-MIB gives no software revision');
  if (main?.mfgDate) {
    device.manufacture_date = main.mfgDate;
    const days = Math.floor((polledAt.getTime() - Date.parse(`${main.mfgDate}T00:00:00Z`)) / 86_400_000);
    if (days >= 0) device.age_days = days;
  } else device.manufacture_date = unknown('ENTITY-MIB entPhysicalMfgDate not set');

  const loads = cpu ? [...cpu.values()].map((v) => asNumber(v)).filter((n): n is number => n !== undefined && n >= 0 && n <= 100) : [];
  if (loads.length > 0) device.cpu_load_pct = Math.round((loads.reduce((a, b) => a + b, 0) / loads.length) * 10) / 10;

  if (ifColumns) device.interfaces = interfaces;
  if (verdict.seconds !== undefined && prev) device.rate_interval_seconds = Math.round(verdict.seconds * 1000) / 1000;
  else if (verdict.note) device.rates_note = verdict.note;
  if (warnings.length > 0) device.warnings = warnings.slice(0, 10);
  device.poll_ms = Math.round((performance.now() - started) * 10) / 10;
  return { device, snapshot: snapshotOf(polledAt.getTime(), sysUpTime, readings) };
}

function byOid(varbinds: readonly Varbind[]): Map<string, Varbind> {
  return new Map(varbinds.map((vb) => [vb.oid, vb]));
}

/**
 * The vendor MIB fallbacks to ask: the identified vendor's (where its product family matches), or
 * for a generic agent with no vendor, the probes of vendors known to ship Net-SNMP.
 */
function fallbacksFor(id: Identity): VendorFallback[] {
  const own = fallbackFor(id.vendor);
  if (own) return own.families && !own.families.test(id.family ?? '') ? [] : [own];
  return id.vendor ? [] : [...GENERIC_AGENT_PROBES];
}

/** What the vendor scalars (and the first row of its table columns) answered; the first vendor that answered wins. */
function vendorValuesOf(fallbacks: readonly VendorFallback[], answers: Map<string, Varbind>, rows: Map<string, Column> | undefined): VendorValues | undefined {
  const first = (oids: string[] | undefined) => oids?.map((o) => asText(answers.get(o))?.trim()).find((v) => v);
  const firstRow = (column: string | undefined) => (column ? [...(rows?.get(column)?.values() ?? [])].map((vb) => asText(vb)?.trim()).find((v) => v) : undefined);
  for (const f of fallbacks) {
    const values: VendorValues = { vendor: f.vendor, mib: f.mib };
    const rawModel = first(f.model) ?? firstRow(f.modelColumn);
    const model = rawModel && f.modelPattern ? f.modelPattern.exec(rawModel)?.[1] : rawModel;
    const serial = first(f.serial) ?? firstRow(f.serialColumn);
    const version = first(f.version) ?? firstRow(f.versionColumn);
    if (model) values.model = model;
    if (serial) values.serial = serial;
    if (version) values.version = version;
    if (model || serial || version) return values;
  }
  return undefined;
}

/** Vendor, model, firmware (whole, with train and source), serial, family, notes and stack members. */
function applyIdentity(device: NetworkDevice, id: Identity, chassis: Chassis[] | undefined, vendorValues: VendorValues | undefined): void {
  const r = resolveIdentity(id, chassis ?? [], vendorValues);
  const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);
  device.vendor = r.vendor
    ? r.vendor
    : unknown(
        id.generic
          ? `${id.generic}; neither sysDescr nor a vendor MIB names the maker (raw sysObjectID and sysDescr kept)`
          : id.enterprise !== undefined
            ? `enterprise number ${id.enterprise} is not in the vendor table (raw sysObjectID and sysDescr kept)`
            : 'no enterprise number in sysObjectID (raw sysDescr kept)',
      );
  device.os = r.os ?? unknown('sysDescr not recognised');
  device.family = r.family ? cut(r.family, 64) : unknown('sysObjectID is not in the product table');
  device.model = r.model ? cut(r.model, 128) : unknown('neither ENTITY-MIB, a vendor MIB nor sysDescr names the model');
  if (r.firmware) {
    device.firmware = cut(r.firmware, 128);
    device.firmware_source = r.firmwareSource!;
    device.firmware_train = r.train ? cut(r.train, 64) : unknown(`no release train recognised in ${r.firmware}`.slice(0, 500));
  } else {
    device.firmware = unknown('neither ENTITY-MIB entPhysicalSoftwareRev, a vendor MIB nor sysDescr gives a version');
    device.firmware_train = unknown('no firmware version');
  }
  device.serial = r.serial ? cut(r.serial, 128) : unknown(chassis && chassis.length > 0 ? 'neither ENTITY-MIB nor a vendor MIB gives a serial for the chassis' : 'ENTITY-MIB not served and no vendor MIB serial');
  if (r.members) device.stack_members = r.members;
  if (r.notes.length > 0) device.identity_notes = r.notes.map((n) => cut(n, 300));
}

/**
 * Uptime as the largest of the clocks served: sysUpTime is the agent's and wraps after 497 days,
 * hrSystemUptime the host's (same wrap), snmpEngineTime counts seconds since the engine started.
 */
export function bestUptime(
  sysUpTime: number | undefined,
  extra: Map<string, Varbind> | undefined,
): { seconds: number; source: 'sysUpTime' | 'hrSystemUptime' | 'snmpEngineTime' } | undefined {
  const candidates: Array<{ seconds: number; source: 'sysUpTime' | 'hrSystemUptime' | 'snmpEngineTime' }> = [];
  if (sysUpTime !== undefined) candidates.push({ seconds: sysUpTime / 100, source: 'sysUpTime' });
  const hr = asNumber(extra?.get(OID.hrSystemUptime));
  if (hr !== undefined) candidates.push({ seconds: hr / 100, source: 'hrSystemUptime' });
  const engine = asNumber(extra?.get(OID.snmpEngineTime));
  if (engine !== undefined && engine > 0) candidates.push({ seconds: engine, source: 'snmpEngineTime' });
  if (candidates.length === 0) return undefined;
  const best = candidates.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  return { seconds: Math.round(best.seconds), source: best.source };
}
