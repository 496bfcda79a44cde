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
  /**
   * A port an engineer would count: a physical ifType (ethernetCsmacd, gigabitEthernet, fibreChannel…)
   * with IF-MIB ifConnectorPresent true; false for virtual ones (vlan, loopback, tunnel, LAG,
   * propVirtual…). Absent when the device does not say enough to tell.
   */
  physical: z.boolean().optional(),
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

  // Identity fields added for issue 16 (sysObjectID table, vendor MIB fallbacks, stacks, Wi-Fi radios); all optional.
  /** Product family or series from the sysObjectID table or vendor MIB (e.g. "Catalyst 9300", "FortiGate", "EX Series"). */
  family: known(z.string().max(64)).optional(),
  /** The release train parsed out of `firmware` (which stays whole): '17.6' IOS-XE, 'V200R010' VRP, 'KB.16.11' ProCurve, '7.2' FortiOS, '21.4' Junos. */
  firmware_train: known(z.string().max(64)).optional(),
  /** Where `firmware` came from: ENTITY-MIB entPhysicalSoftwareRev, sysDescr text, or a vendor's own MIB. */
  firmware_source: z.enum(['entity', 'sysdescr', 'vendor_mib']).optional(),
  /**
   * Conflicts between sources and fallbacks taken, each with the rule applied
   * ("sysDescr says 17.6.5, ENTITY-MIB 17.06.05: ENTITY-MIB wins"). Ten is more than the identity
   * fields that can conflict; 300 characters holds two versions and a rule.
   */
  identity_notes: z.array(z.string().max(300)).max(10).optional(),
  /**
   * Members of a stack or virtual chassis (one device in the report, several ENTITY-MIB chassis).
   * 64: the largest stacks sold hold fewer (Cisco StackWise 8–16, Juniper Virtual Chassis 10,
   * ArubaOS-CX VSF 10, HPE IRF 9); the project chose 64 as headroom. Position is the stack slot
   * number (Cisco switch number, Juniper member id), under 256 on every platform.
   */
  stack_members: z
    .array(
      z.object({
        position: uint(255).optional(),
        model: known(z.string().max(128)).optional(),
        serial: known(z.string().max(128)).optional(),
        firmware: known(z.string().max(128)).optional(),
        hardware_revision: known(z.string().max(128)).optional(),
      }),
    )
    .max(64)
    .optional(),
  /**
   * Infrastructure Wi-Fi radios served by a wireless controller or AP (Cisco AireOS/9800, Aruba,
   * UniFi, Ruckus). 4096: a large controller (Cisco 9800-80: 6000 APs) reports more, so the agent
   * keeps the first 4096 radios and says so in `warnings`; at ~200 bytes a radio that is under 1 MB,
   * well inside the collector's body limit (collector/config.ts limits: 4 MB wire, 32 MB decoded).
   * Channel ≤233: the highest 6 GHz channel (IEEE 802.11ax-2021 Annex E). Noise −127..0 dBm: the
   * range of a signed-byte dBm reading below the noise floor ceiling.
   */
  radios: z
    .array(
      z.object({
        ap_name: z.string().max(128),
        /** Base radio MAC as aa:bb:cc:dd:ee:ff. */
        ap_mac: z.string().max(17).optional(),
        band: z.enum(['2.4GHz', '5GHz', '6GHz', 'unknown']),
        channel: uint(233).optional(),
        channel_utilisation_pct: pct.optional(),
        noise_dbm: z.number().min(-127).max(0).optional(),
        /** Clients associated to this radio; 10000 is headroom far above any radio's association limit. */
        clients: uint(10_000).optional(),
      }),
    )
    .max(4096)
    .optional(),
});
export type NetworkDevice = z.infer<typeof NetworkDevice>;
