import type { NetworkDevice } from '../../../protocol/index.js';
import { unknown } from '../../../protocol/unknown.js';
import { type Chassis, chassisOids, chooseChassis, parseChassis } from './entity.js';
import { identify, versionIn } from './identify.js';
import { IF_COLUMNS, IFX_COLUMNS, buildInterfaces } from './interfaces.js';
import { ENT, OID, SYSTEM_OIDS } from './oids.js';
import { type PollSnapshot, applyRates, judgeInterval, snapshotOf } from './rates.js';
import type { SnmpSession } from './session.js';
import { type Varbind, asNumber, asOid, asText } from './values.js';
import { walk, walkColumns } from './walk.js';

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
  const system = byOid(await session.get(SYSTEM_OIDS));
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
  const [uptimes, chassis, ifColumns, cpu, vendorExtra] = await Promise.all([
    part('uptime', async () => byOid(await session.get([OID.hrSystemUptime, OID.snmpEngineTime]))),
    part('ENTITY-MIB', async () => readChassis(session, walkOptions)),
    part('IF-MIB', () => walkColumns(session, [...IF_COLUMNS, ...IFX_COLUMNS], walkOptions)),
    part('HOST-RESOURCES-MIB', () => walk(session, OID.hrProcessorLoad, walkOptions)),
    id.enterprise === 12356 ? part('FORTINET-FORTIGATE-MIB', async () => byOid(await session.get([OID.fgSysVersion]))) : Promise.resolve(undefined),
  ]);

  const sysUpTime = asNumber(system.get(OID.sysUpTime));
  const readings = ifColumns ? buildInterfaces(ifColumns) : [];
  const verdict = judgeInterval(prev, polledAt.getTime(), sysUpTime);
  const interfaces = applyRates(readings, prev, verdict);

  const device: NetworkDevice = baseDevice(target, polledAt);
  const knownText = (v: string | undefined, max: number, why: string) => (v ? cut(v, max) : unknown(why));
  device.sys_descr = knownText(sysDescr, 1024, 'sysDescr empty or not served');
  device.sys_object_id = knownText(sysObjectId, 256, 'sysObjectID not served');
  device.sys_name = knownText(asText(system.get(OID.sysName)), 255, 'sysName empty or not served');
  device.sys_location = knownText(asText(system.get(OID.sysLocation)), 255, 'sysLocation empty or not served');
  device.sys_contact = knownText(asText(system.get(OID.sysContact)), 255, 'sysContact empty or not served');
  if (id.enterprise !== undefined) device.enterprise = id.enterprise;

  const uptime = bestUptime(sysUpTime, uptimes);
  if (uptime) {
    device.uptime_seconds = uptime.seconds;
    device.uptime_source = uptime.source;
  } else device.uptime_seconds = unknown('no sysUpTime, hrSystemUptime or snmpEngineTime');

  device.vendor = id.vendor
    ? id.vendor
    : unknown(id.enterprise !== undefined ? `enterprise number ${id.enterprise} is not in the vendor list (raw sysObjectID and sysDescr kept)` : 'no enterprise number in sysObjectID (raw sysDescr kept)');
  if (id.os) device.os = id.os;
  else device.os = unknown('sysDescr not recognised');

  const genericModel = (m: string | undefined) => (m && !/^(unknown|n\/a|none|\s*)$/i.test(m) ? m : undefined);
  const model = genericModel(chassis?.model) ?? id.model;
  device.model = model ? cut(model, 128) : unknown('neither ENTITY-MIB entPhysicalModelName nor sysDescr names the model');
  const fortiVersion = vendorExtra ? versionIn(asText(vendorExtra.get(OID.fgSysVersion))) : undefined;
  const firmware = id.firmware ?? fortiVersion ?? versionIn(chassis?.softwareRev);
  device.firmware = firmware ? cut(firmware, 128) : unknown('neither sysDescr nor ENTITY-MIB entPhysicalSoftwareRev gives a version');
  device.serial = chassis?.serial ? cut(chassis.serial, 128) : unknown(chassis ? 'ENTITY-MIB gives no serial for the chassis' : 'ENTITY-MIB not served');
  device.hardware_revision = chassis?.hardwareRev ? cut(chassis.hardwareRev, 128) : unknown('ENTITY-MIB gives no hardware revision');
  device.firmware_revision = chassis?.firmwareRev ? cut(chassis.firmwareRev, 128) : unknown('ENTITY-MIB gives no firmware revision');
  device.software_revision = chassis?.softwareRev ? cut(chassis.softwareRev, 256) : unknown('ENTITY-MIB gives no software revision');
  if (chassis?.mfgDate) {
    device.manufacture_date = chassis.mfgDate;
    const days = Math.floor((polledAt.getTime() - Date.parse(`${chassis.mfgDate}T00:00:00Z`)) / 86_400_000);
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

async function readChassis(session: SnmpSession, walkOptions: { maxRepetitions: number; signal?: AbortSignal }): Promise<Chassis | undefined> {
  const cols = await walkColumns(session, [`${OID.entPhysicalEntry}.${ENT.class}`, `${OID.entPhysicalEntry}.${ENT.containedIn}`], walkOptions);
  const index = chooseChassis(cols.get(`${OID.entPhysicalEntry}.${ENT.class}`)!, cols.get(`${OID.entPhysicalEntry}.${ENT.containedIn}`)!);
  if (index === undefined) return undefined;
  return parseChassis(index, await session.get(chassisOids(index)));
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
