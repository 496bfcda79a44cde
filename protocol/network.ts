import { z } from 'zod';
import { known } from './unknown.js';

const counter = z.number().int().nonnegative();

export const NetworkInterface = z.object({
  index: z.number().int().nonnegative(),
  name: z.string().max(128),
  alias: z.string().max(256).optional(),
  admin_up: z.boolean().optional(),
  oper_up: z.boolean().optional(),
  speed_mbps: z.number().nonnegative().optional(),
  in_octets: counter.optional(),
  out_octets: counter.optional(),
  in_packets: counter.optional(),
  out_packets: counter.optional(),
  in_errors: counter.optional(),
  out_errors: counter.optional(),
  in_discards: counter.optional(),
  out_discards: counter.optional(),
});

/** One SNMP poll of one switch, router or access point by a site poller. */
export const NetworkDevice = z.object({
  /** The poller's name for the target (from its config); stable across polls. */
  target: z.string().min(1).max(128),
  address: z.string().min(1).max(255),
  polled_at: z.iso.datetime({ offset: true }),
  snmp_version: z.enum(['v1', 'v2c', 'v3']),
  /** Security level actually used: v3 noAuthNoPriv / authNoPriv / authPriv; community for v1/v2c. */
  security_level: z.enum(['community', 'noAuthNoPriv', 'authNoPriv', 'authPriv']),
  error: z.string().max(500).optional(),
  sys_descr: known(z.string().max(1024)).optional(),
  sys_object_id: known(z.string().max(256)).optional(),
  sys_name: known(z.string().max(255)).optional(),
  sys_location: known(z.string().max(255)).optional(),
  uptime_seconds: known(z.number().nonnegative()).optional(),
  vendor: known(z.string().max(64)).optional(),
  model: known(z.string().max(128)).optional(),
  firmware: known(z.string().max(128)).optional(),
  serial: known(z.string().max(128)).optional(),
  manufacture_date: known(z.iso.date()).optional(),
  interfaces: z.array(NetworkInterface).max(2048).optional(),
});
export type NetworkDevice = z.infer<typeof NetworkDevice>;
