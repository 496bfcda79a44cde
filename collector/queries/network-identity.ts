import type { Store } from '../store/store.js';
import { TRUST_SCOPE_SQL, trustScopeParams } from '../store/trust-scope.js';

/** One member of a stack or virtual chassis, as the poller read it from ENTITY-MIB. */
export interface StackMember {
  position: number | null;
  model: string;
  serial: string;
  firmware: string;
  hardware_revision: string;
}

/** What a polled box is, as its last poll up to the as-of date identified it. */
export interface NetworkIdentity {
  vendor: string;
  family: string;
  model: string;
  serial: string;
  hardware_revision: string;
  /** The version as the device states it, whole; its train; and where it was read (entity, sysdescr, vendor_mib). */
  firmware: string;
  firmware_train: string;
  firmware_source: string;
  sys_object_id: string;
  /** Conflicts between sources and fallbacks taken, each with the rule applied. */
  identity_notes: string[];
  stack_members: StackMember[];
  radio_count: number;
}

/** A stored member field: text, or the agent's `{"unknown": …}`, shown as nothing. */
const shown = (value: unknown): string => (typeof value === 'string' ? value : '');

function members(json: string): StackMember[] {
  if (!json) return [];
  const parsed = JSON.parse(json) as Array<Record<string, unknown>>;
  return parsed.map((m) => ({
    position: typeof m.position === 'number' ? m.position : null,
    model: shown(m.model),
    serial: shown(m.serial),
    firmware: shown(m.firmware),
    hardware_revision: shown(m.hardware_revision),
  }));
}

/**
 * The identity of one polled box as of a date (its last poll up to the end of that day), within the
 * trusts the reader may see; undefined for an endpoint, a box never polled by then, or another trust's.
 */
export async function networkIdentity(store: Store, asOf: string, deviceId: string, trusts: readonly string[] | undefined): Promise<NetworkIdentity | undefined> {
  const [row] = await store.query<Omit<NetworkIdentity, 'stack_members' | 'radio_count'> & { stack_members: string; radio_count: number | string }>(
    `SELECT vendor, family, model, serial, hardware_revision, firmware, firmware_train, firmware_source, sys_object_id,
            identity_notes, stack_members, radio_count
     FROM {db}.network_device_history
     WHERE device_id = {device:String} AND polled_at < toDateTime64(addDays({as_of:Date}, 1), 3, 'UTC') AND ${TRUST_SCOPE_SQL}
     ORDER BY polled_at DESC LIMIT 1`,
    { as_of: asOf, device: deviceId, ...trustScopeParams(trusts) },
  );
  if (!row) return undefined;
  return { ...row, stack_members: members(row.stack_members), radio_count: Number(row.radio_count) };
}
