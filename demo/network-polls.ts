import type { NetworkDevice, NetworkInterface, Report } from '../protocol/index.js';
import { reportsFor, type FleetOptions } from './fleet.js';
import type { SimulatedGear, SitePoller } from './network-gear.js';
import { Random, sha256Hex } from './random.js';

const DAY = 86_400_000;
/** The agent's default SNMP interval: rates cover the 5 minutes since the previous poll. */
const INTERVAL_S = 300;

/**
 * The site server's daily reports (`reportsFor`, so ids are stable and re-sending stores
 * nothing twice), each carrying that day's poll of every box, as the agent's snmp collector
 * would have sent it.
 */
export function pollerReports(poller: SitePoller, deviceId: string, options: FleetOptions): Report[] {
  return reportsFor(poller.device, deviceId, options).map((report) => {
    const polledAt = new Date(report.collected_at);
    const random = new Random(parseInt(sha256Hex(`${options.seed}:${poller.site.siteId}:${report.collected_at}`).slice(0, 8), 16));
    return {
      ...report,
      network_devices: poller.gear.map((gear) => pollGear(gear, polledAt, options.now, random)),
      collectors: [...(report.collectors ?? []), { collector: 'snmp', ok: true, duration_ms: random.int(800, 4000) }],
    };
  });
}

/** One poll of one box: identity, hygiene, and interface counters and rates over the last interval. */
export function pollGear(gear: SimulatedGear, polledAt: Date, now: Date, random: Random): NetworkDevice {
  const { model, snmp } = gear;
  const daysBeforeNow = Math.floor((now.getTime() - polledAt.getTime()) / DAY);
  const identity = {
    sys_descr: model.descr(model.model, gear.firmware),
    sys_object_id: model.objectId,
    sys_name: gear.target,
    sys_location: gear.room,
    enterprise: model.enterprise,
    vendor: model.vendor,
    os: model.os,
    model: model.model,
    firmware: gear.firmware,
    serial: gear.serial,
    manufacture_date: gear.manufactured,
    age_days: Math.max(0, Math.floor((polledAt.getTime() - Date.parse(gear.manufactured)) / DAY)),
  };
  const base = {
    target: gear.target,
    address: gear.address,
    port: 161,
    site: gear.room,
    polled_at: polledAt.toISOString(),
    snmp_version: snmp.version,
    security_level: snmp.level,
  };
  if (daysBeforeNow < gear.unreachableDays) {
    // As the agent reports a failed poll: the error, and the identity of the last good one.
    const lastOk = new Date(now.getTime() - gear.unreachableDays * DAY - 3 * 3600_000);
    return { ...base, ...identity, error: `no response from ${gear.address}:161 within 2000 ms (2 retries)`, last_ok_at: lastOk.toISOString() };
  }
  const uptime = Math.max(3600, gear.uptimeDays * 86_400 - (now.getTime() - polledAt.getTime()) / 1000);
  return {
    ...base,
    ...identity,
    sys_contact: 'noc@example.nhs.uk',
    uptime_seconds: Math.round(uptime),
    uptime_source: 'sysUpTime',
    cpu_load_pct: round(Math.min(100, Math.abs(random.normal(12, 8)))),
    default_community_accepted: snmp.defaultAccepted ?? { unknown: 'not checked (snmp.check_default_communities is false)' },
    community_enabled:
      snmp.version !== 'v3' || snmp.defaultAccepted
        ? true
        : { unknown: 'polled over v3; no default community answered, other communities cannot be ruled out' },
    rate_interval_seconds: INTERVAL_S,
    poll_ms: random.int(40, 900),
    interfaces: gear.ports.map((port) => portSample(port, uptime, random)),
  };
}

function portSample(port: SimulatedGear['ports'][number], uptime: number, random: Random): NetworkInterface {
  const common = { index: port.index, name: port.name, alias: port.alias, type: port.type, admin_up: true, oper_up: port.up, speed_mbps: port.speedMbps, counter_bits: 64 as const };
  if (!port.up) {
    return { ...common, in_bps: 0, out_bps: 0, in_pps: 0, out_pps: 0, in_error_pct: 0, out_error_pct: 0, in_discard_pct: 0, out_discard_pct: 0, utilisation_pct: 0 };
  }
  const load = Math.min(0.98, Math.max(0.001, random.normal(port.load, port.load * 0.2)));
  const inBps = port.speedMbps * 1e6 * load;
  const outBps = inBps * (0.3 + random.next() * 0.7);
  // Mean frame of about 700 bytes; errors split between errors and discards, mostly inbound.
  const inPps = inBps / 5600;
  const outPps = outBps / 5600;
  const errorPct = Math.max(0, random.normal(port.errorPct, port.errorPct * 0.15));
  return {
    ...common,
    in_octets: counter((inBps / 8) * uptime),
    out_octets: counter((outBps / 8) * uptime),
    in_packets: counter(inPps * uptime),
    out_packets: counter(outPps * uptime),
    in_errors: counter(inPps * uptime * errorPct * 0.004),
    out_errors: 0,
    in_discards: counter(inPps * uptime * errorPct * 0.003),
    out_discards: counter(outPps * uptime * errorPct * 0.003),
    in_bps: round(inBps),
    out_bps: round(outBps),
    in_pps: round(inPps),
    out_pps: round(outPps),
    in_error_pct: round4(errorPct * 0.4),
    out_error_pct: 0,
    in_discard_pct: round4(errorPct * 0.3),
    out_discard_pct: round4(errorPct * 0.3),
    utilisation_pct: round(Math.max(inBps, outBps) / (port.speedMbps * 1e6) * 100),
  };
}

/** A 64-bit counter as the protocol carries it (JSON numbers, so at most 2^53 − 1: it wraps there). */
const counter = (n: number) => Math.round(n) % Number.MAX_SAFE_INTEGER;
const round = (n: number) => Math.round(n * 100) / 100;
const round4 = (n: number) => Math.round(n * 10_000) / 10_000;
