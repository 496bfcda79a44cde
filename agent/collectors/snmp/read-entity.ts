import { type Chassis, MAX_MEMBERS, chassisIndexes, chassisOids, moduleSerialCandidates, parseChassis } from './entity.js';
import type { Identity } from './identify.js';
import { ENT, OID } from './oids.js';
import type { SnmpSession } from './session.js';
import { asText } from './values.js';
import { VSF_COLUMNS, vsfMembers } from './vsf.js';
import { type WalkOptions, walkColumns } from './walk.js';

const col = (c: number) => `${OID.entPhysicalEntry}.${c}`;

/**
 * ENTITY-MIB: the chassis entities (several for a stack), each read with one GET of its columns.
 * Tables that lack entPhysicalClass, a chassis without a serial, and AOS-CX VSF stacks whose
 * ENTITY-MIB names no model each get one more read, only when they occur.
 */
export async function readChassis(session: SnmpSession, walkOptions: WalkOptions, id: Identity): Promise<Chassis[]> {
  const cols = await walkColumns(session, [col(ENT.class), col(ENT.containedIn)], walkOptions);
  const classes = cols.get(col(ENT.class))!;
  const containedIn = cols.get(col(ENT.containedIn))!;
  let indexes = chassisIndexes(classes, containedIn);
  if (indexes.length === 0) {
    // A table without entPhysicalClass: the first row that names a model, a serial or a description stands for the box.
    const named = [ENT.modelName, ENT.serialNum, ENT.descr].map(col);
    const found = await walkColumns(session, named, { ...walkOptions, maxRows: 16 });
    const first = named.flatMap((c) => [...(found.get(c)?.entries() ?? [])]).find(([, vb]) => (asText(vb) ?? '').trim() !== '')?.[0];
    indexes = first ? [first] : [];
  }
  const chassis = await Promise.all(indexes.map(async (index) => parseChassis(index, await session.get(chassisOids(index)))));
  const main = chassis[0];
  if (main && !main.serial) {
    // Fixed-configuration boxes (Huawei among them) carry the serial on the main board inside the chassis entry.
    const candidates = moduleSerialCandidates(main.index, classes, containedIn);
    if (candidates.length > 0) {
      const answers = await session.get(candidates.flatMap((i) => [`${col(ENT.serialNum)}.${i}`, `${col(ENT.descr)}.${i}`]));
      const byOid = new Map(answers.map((vb) => [vb.oid, vb]));
      const found = candidates.find((i) => (asText(byOid.get(`${col(ENT.serialNum)}.${i}`)) ?? '').trim() !== '');
      if (found) {
        main.serial = asText(byOid.get(`${col(ENT.serialNum)}.${found}`))!.trim();
        main.serialFrom = `${asText(byOid.get(`${col(ENT.descr)}.${found}`))?.trim() || 'module'} (entPhysicalIndex ${found})`;
      }
    }
  }
  if (id.os === 'AOS-CX' && !main?.model) {
    // A VSF stack's ENTITY-MIB may name no model: its member table does.
    const members = vsfMembers(await walkColumns(session, Object.values(VSF_COLUMNS), { ...walkOptions, maxRows: MAX_MEMBERS }));
    if (members.length > 0) return members.map((m, n) => (n === 0 && main ? { ...main, ...m } : m));
  }
  return chassis;
}
