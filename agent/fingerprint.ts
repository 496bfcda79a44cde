import { createHash } from 'node:crypto';
import { systemInformation } from './host/systeminformation.js';
import { cleanText } from './collectors/clean.js';

export interface HardwareIds {
  systemUuid?: string;
  serial?: string;
  primaryMac?: string;
  /** OS installation id (/etc/machine-id, MachineGuid): used only when no hardware id exists. */
  machineId?: string;
}

// Hypervisors and cheap boards share these: they would make every such device the same device.
const SHARED_UUIDS = new Set(['03000200-0400-0500-0006-000700080009', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff']);

/** Pure: sha256 hex of the stable identifiers that are present and meaningful. */
export function computeFingerprint(ids: HardwareIds): string {
  const uuid = cleanText(ids.systemUuid)?.toLowerCase();
  const parts = [
    uuid && !SHARED_UUIDS.has(uuid) ? `uuid:${uuid}` : undefined,
    cleanText(ids.serial) ? `serial:${cleanText(ids.serial)?.toLowerCase()}` : undefined,
    ids.primaryMac && !/^(00[:-]){5}00$/.test(ids.primaryMac) ? `mac:${ids.primaryMac.toLowerCase()}` : undefined,
  ].filter((p): p is string => p !== undefined);
  if (parts.length === 0 && cleanText(ids.machineId)) parts.push(`machine:${cleanText(ids.machineId)?.toLowerCase()}`);
  if (parts.length === 0) throw new Error('no stable hardware identifier found to fingerprint this device');
  return createHash('sha256').update(parts.join('|')).digest('hex');
}

export async function readHardwareIds(): Promise<HardwareIds> {
  const si = await systemInformation();
  const [system, uuid, iface] = await Promise.all([
    si.system(),
    si.uuid(),
    si.networkInterfaces('default').catch(() => undefined),
  ]);
  const primary = Array.isArray(iface) ? iface[0] : iface;
  const ids: HardwareIds = {};
  if (system.uuid) ids.systemUuid = system.uuid;
  if (system.serial) ids.serial = system.serial;
  const mac = primary?.mac || uuid.macs[0];
  if (mac) ids.primaryMac = mac;
  if (uuid.os) ids.machineId = uuid.os;
  return ids;
}
