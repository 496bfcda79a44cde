import { z } from 'zod';
import { agentDate, agentTime, measure, uint, UINT16_MAX, UINT32_MAX } from './bounds.js';
import { known } from './unknown.js';

/** SNMP counters: Counter64 held as a safe integer (UInt64 columns). */
const counter = uint();
/**
 * Bits or packets per second: at most what a Counter64 can count in a second (2^64 × 8 bits). Gear
 * misreports speeds and counters, and one odd interface must not refuse a poller's whole report:
 * the bound is what the agent's arithmetic can produce, not what is plausible.
 */
const rate = measure(2 ** 64 * 8);
/** A century, in seconds. */
const CENTURY_SECONDS = 3_155_760_000;
const pct = z.number().min(0).max(100);

export const NetworkInterface = z.object({
  index: uint(UINT32_MAX),
  name: z.string().max(128),
  alias: z.string().max(256).optional(),
  admin_up: z.boolean().optional(),
  oper_up: z.boolean().optional(),
  /** ifHighSpeed is a Gauge32 in Mbit/s: what it can say, however implausible. */
  speed_mbps: measure(UINT32_MAX).optional(),
  in_octets: counter.optional(),
  out_octets: counter.optional(),
  in_packets: counter.optional(),
  out_packets: counter.optional(),
  in_errors: counter.optional(),
  out_errors: counter.optional(),
  in_discards: counter.optional(),
  out_discards: counter.optional(),
  /** IANA ifType (6 ethernetCsmacd, 24 softwareLoopback, 53 propVirtual, 71 ieee80211, 131 tunnel, 161 ieee8023adLag…). */
  type: uint(UINT16_MAX).optional(),
  /** 64 when the octet/packet counters came from IF-MIB ifXTable (ifHC*), 32 for ifTable only. */
  counter_bits: z.union([z.literal(32), z.literal(64)]).optional(),
  // Rates over the interval since the poller's previous poll of this target (absent on the first
  // poll, after a reboot or a counter discontinuity). Computed from counter deltas with wrap handled.
  in_bps: rate.optional(),
  out_bps: rate.optional(),
  in_pps: rate.optional(),
  out_pps: rate.optional(),
  /** Errors as a percentage of packets received in the interval (0 when no packets). */
  in_error_pct: pct.optional(),
  out_error_pct: pct.optional(),
  in_discard_pct: pct.optional(),
  out_discard_pct: pct.optional(),
  /** max(in, out) bits per second over the interface speed, in percent. */
  utilisation_pct: pct.optional(),
});
export type NetworkInterface = z.infer<typeof NetworkInterface>;

/** One SNMP poll of one switch, router or access point by a site poller. */
export const NetworkDevice = z.object({
  /** The poller's name for the target (from its config); stable across polls. */
  target: z.string().min(1).max(128),
  address: z.string().min(1).max(255),
  polled_at: agentTime(),
  snmp_version: z.enum(['v1', 'v2c', 'v3']),
  /** Security level actually used: v3 noAuthNoPriv / authNoPriv / authPriv; community for v1/v2c. */
  security_level: z.enum(['community', 'noAuthNoPriv', 'authNoPriv', 'authPriv']),
  error: z.string().max(500).optional(),
  sys_descr: known(z.string().max(1024)).optional(),
  sys_object_id: known(z.string().max(256)).optional(),
  sys_name: known(z.string().max(255)).optional(),
  sys_location: known(z.string().max(255)).optional(),
  uptime_seconds: known(measure(CENTURY_SECONDS)).optional(),
  vendor: known(z.string().max(64)).optional(),
  model: known(z.string().max(128)).optional(),
  firmware: known(z.string().max(128)).optional(),
  serial: known(z.string().max(128)).optional(),
  manufacture_date: known(agentDate()).optional(),
  interfaces: z.array(NetworkInterface).max(2048).optional(),

  // Optional fields added with the SNMP poller (agent/collectors/snmp); all backward compatible.
  port: z.number().int().min(1).max(65535).optional(),
  /** The poller config's site label for the target (a building or comms room), not the enrolled site id. */
  site: z.string().max(128).optional(),
  sys_contact: known(z.string().max(255)).optional(),
  /** Network operating system family: IOS, IOS-XE, NX-OS, AOS-CX, ArubaOS, ArubaOS-Switch, ProCurve, Comware, Junos, FortiOS, UniFi, EdgeOS, EdgeSwitch… */
  os: known(z.string().max(64)).optional(),
  /** IANA enterprise number from sysObjectID (1.3.6.1.4.1.<n>…). */
  enterprise: uint(UINT32_MAX).optional(),
  hardware_revision: known(z.string().max(128)).optional(),
  /** ENTITY-MIB entPhysicalFirmwareRev of the chassis (often the boot ROM). */
  firmware_revision: known(z.string().max(128)).optional(),
  /** ENTITY-MIB entPhysicalSoftwareRev of the chassis, raw. */
  software_revision: known(z.string().max(256)).optional(),
  /** Whole days between manufacture_date and polled_at. */
  age_days: uint(36_525).optional(),
  /** Which counter gave uptime_seconds: the largest of sysUpTime (agent, wraps at 497 days), hrSystemUptime and snmpEngineTime. */
  uptime_source: z.enum(['sysUpTime', 'hrSystemUptime', 'snmpEngineTime']).optional(),
  /** HOST-RESOURCES-MIB hrProcessorLoad averaged over processors, where the device serves it. */
  cpu_load_pct: pct.optional(),
  /** Hygiene: a default community (public/private) answered over SNMP v1 or v2c. */
  default_community_accepted: known(z.boolean()).optional(),
  /** Hygiene: v1/v2c answers on this device at all (true when polled with a community or a default one answered). */
  community_enabled: known(z.boolean()).optional(),
  /** Seconds between the previous poll and this one that the interface rates cover. */
  rate_interval_seconds: z.number().positive().max(CENTURY_SECONDS).optional(),
  /** Why interface rates are absent this time (first poll, reboot, counter discontinuity). */
  rates_note: z.string().max(300).optional(),
  /** When the poll failed: the last successful poll whose identity fields are repeated here. */
  last_ok_at: agentTime().optional(),
  /** At most an hour. */
  poll_ms: measure(3_600_000).optional(),
  /** Parts of a successful poll that failed (e.g. ENTITY-MIB walk timed out); `error` stays for whole-poll failures. */
  warnings: z.array(z.string().max(300)).max(10).optional(),
});
export type NetworkDevice = z.infer<typeof NetworkDevice>;
