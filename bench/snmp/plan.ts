import { chassisIndexes, chassisOids } from '../../agent/collectors/snmp/entity.js';
import { identify } from '../../agent/collectors/snmp/identify.js';
import { IF_COLUMNS, IFX_COLUMNS } from '../../agent/collectors/snmp/interfaces.js';
import { ENT, OID, SYSTEM_OIDS } from '../../agent/collectors/snmp/oids.js';
import type { SnmpSession } from '../../agent/collectors/snmp/session.js';
import { asOid, asText } from '../../agent/collectors/snmp/values.js';
import { GENERIC_AGENT_PROBES, type VendorFallback, fallbackFor, oidsOf } from '../../agent/collectors/snmp/vendor-mibs.js';
import { type Column, type WalkOptions, walkColumns } from '../../agent/collectors/snmp/walk.js';
import { type SnmpRequest, recordingSession } from './requests.js';

/**
 * The requests the ceiling sends to one device: the poller's own, with none of its work between
 * them. `first` is the system GET the poller needs answered before anything else; `parts` are what
 * it then runs side by side, each a sequence of steps (a step's requests go out together, the next
 * step after they are answered), as a walk must.
 */
export interface DevicePlan {
  first: SnmpRequest;
  parts: SnmpRequest[][][];
}

export const planRequests = (plan: DevicePlan): SnmpRequest[] => [plan.first, ...plan.parts.flat(2)];

/**
 * Works out one device's plan by asking it once (untimed), from the poller's own OID constants and
 * pure helpers: the system group with the uptime clocks (v2c/v3), the identified vendor's MIB
 * scalars, the ENTITY-MIB class and containment columns then each chassis row, and IF-MIB with
 * hrProcessorLoad. Walks go through the poller's walkColumns, so their GETBULKs (columns per
 * request, where each continues, when each stops) are the poller's. Branches the bench's profiles
 * never take (radios, a chassis without class or serial, VSF, v1) are not planned: the run checks
 * every plan against what the poller sent in its warm-up round and stops when they differ.
 */
export async function planDevice(session: SnmpSession, maxRepetitions: number): Promise<DevicePlan> {
  const walkOptions: WalkOptions = { maxRepetitions };
  const first: SnmpRequest = { kind: 'get', oids: [...SYSTEM_OIDS, OID.hrSystemUptime, OID.snmpEngineTime] };
  const system = new Map((await session.get(first.oids)).map((vb) => [vb.oid, vb]));
  const id = identify(asOid(system.get(OID.sysObjectID)), asText(system.get(OID.sysDescr)));
  const fallbacks = vendorFallbacks(id.vendor, id.family);
  const parts: SnmpRequest[][][] = [];

  const scalars = fallbacks.flatMap(oidsOf);
  if (scalars.length > 0) parts.push([[{ kind: 'get', oids: scalars }]]);

  const entityColumn = (c: number) => `${OID.entPhysicalEntry}.${c}`;
  const entity = await walked(session, [entityColumn(ENT.class), entityColumn(ENT.containedIn)], walkOptions);
  const indexes = chassisIndexes(entity.columns.get(entityColumn(ENT.class))!, entity.columns.get(entityColumn(ENT.containedIn))!);
  parts.push([...entity.steps, ...(indexes.length > 0 ? [indexes.map((index): SnmpRequest => ({ kind: 'get', oids: chassisOids(index) }))] : [])]);

  parts.push((await walked(session, [...IF_COLUMNS, ...IFX_COLUMNS, OID.hrProcessorLoad], walkOptions)).steps);

  const serialColumns = fallbacks.filter((f) => f.serialColumn && (!f.serialColumnFamily || f.serialColumnFamily.test(id.family ?? ''))).map((f) => f.serialColumn!);
  if (serialColumns.length > 0) parts.push((await walked(session, serialColumns, { ...walkOptions, maxRepetitions: 1, maxRows: 1 })).steps);
  return { first, parts };
}

/** The vendor MIB fallbacks the poller asks for an identity (as poll.ts's fallbacksFor). */
function vendorFallbacks(vendor: string | undefined, family: string | undefined): readonly VendorFallback[] {
  const own = fallbackFor(vendor);
  if (own) return own.families && !own.families.test(family ?? '') ? [] : [own];
  return vendor ? [] : GENERIC_AGENT_PROBES;
}

/** A walk by the poller's walkColumns, with the GETBULKs it sent, one step each (a walk waits for each answer). */
async function walked(session: SnmpSession, bases: readonly string[], options: WalkOptions): Promise<{ steps: SnmpRequest[][]; columns: Map<string, Column> }> {
  const log = { requests: [] as SnmpRequest[], varbindsReceived: 0 };
  const columns = await walkColumns(recordingSession(session, log), bases, options);
  return { steps: log.requests.map((r) => [r]), columns };
}
