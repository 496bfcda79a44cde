import { createHash } from 'node:crypto';
import type { NetworkDevice, Report } from '../../protocol/index.js';
import { isUnknown } from '../../protocol/unknown.js';
import type { Row } from '../store/store.js';
import { toClickHouseTime } from '../store/time.js';
import { networkLifecycleKey } from '../lifecycle/keys.js';
import { firmwareKey } from '../lifecycle/firmware-version.js';

/** Network gear has no enrolment: its device id derives from where it is and what the poller calls it. */
export function networkDeviceId(trustId: string, siteId: string, target: string): string {
  return `net_${createHash('sha256').update(`${trustId}:${siteId}:${target}`).digest('hex').slice(0, 24)}`;
}

const text = (v: unknown): string => (v === undefined || isUnknown(v) ? '' : String(v));
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const flag = (v: unknown): number | null => (typeof v === 'boolean' ? (v ? 1 : 0) : null);

export interface NetworkRows {
  devices: Row[];
  network_devices: Row[];
  interface_samples: Row[];
  radio_samples: Row[];
}

/** Rows for one polled device: its latest state, its `devices` entry (kind `network`), one sample per interface and one per Wi-Fi radio. */
export function networkDeviceRows(device: NetworkDevice, report: Report, origin: { trustId: string; siteId: string }, seqBase: number, radioSeqBase = 0): NetworkRows {
  const owner = { trust_id: origin.trustId, site_id: origin.siteId };
  const polledAt = toClickHouseTime(device.polled_at);
  const deviceId = networkDeviceId(origin.trustId, origin.siteId, device.target);
  const vendor = text(device.vendor);
  const latest: Row = {
    ...owner,
    target: device.target,
    device_id: deviceId,
    poller_device_id: report.device_id,
    address: device.address,
    port: device.port ?? 161,
    target_site: device.site ?? '',
    polled_at: polledAt,
    snmp_version: device.snmp_version,
    security_level: device.security_level,
    error: device.error ?? '',
    last_ok_at: device.last_ok_at ? toClickHouseTime(device.last_ok_at) : null,
    vendor,
    os: text(device.os),
    model: text(device.model),
    firmware: text(device.firmware),
    lifecycle: JSON.stringify(networkLifecycleKey(text(device.os), text(device.firmware))),
    firmware_key: JSON.stringify(firmwareKey(text(device.os), text(device.firmware))),
    family: text(device.family),
    firmware_train: text(device.firmware_train),
    firmware_source: device.firmware_source ?? '',
    identity_notes: device.identity_notes ?? [],
    stack_members: device.stack_members?.length ? JSON.stringify(device.stack_members) : '',
    radio_count: device.radios?.length ?? 0,
    serial: text(device.serial),
    hardware_revision: text(device.hardware_revision),
    manufacture_date: typeof device.manufacture_date === 'string' ? device.manufacture_date : null,
    age_days: num(device.age_days),
    uptime_seconds: num(device.uptime_seconds) === null ? null : Math.round(device.uptime_seconds as number),
    sys_name: text(device.sys_name),
    sys_descr: text(device.sys_descr),
    sys_object_id: text(device.sys_object_id),
    sys_location: text(device.sys_location),
    enterprise: num(device.enterprise),
    default_community_accepted: flag(device.default_community_accepted),
    community_enabled: flag(device.community_enabled),
    interface_count: device.interfaces?.length ?? 0,
    cpu_load_pct: num(device.cpu_load_pct),
    report_id: report.report_id,
  };
  const registry: Row = {
    device_id: deviceId,
    kind: 'network',
    ...owner,
    fingerprint: `snmp:${origin.siteId}/${device.target}`,
    hostname: text(device.sys_name),
    platform: vendor ? vendor.toLowerCase() : 'unknown',
    agent_version: report.agent_version,
    node_key_hash: '',
    enrolled_at: polledAt,
    revoked: 0,
    updated_at: polledAt,
  };
  const samples = (device.interfaces ?? []).map((i, n) => ({
    ...owner,
    target: device.target,
    poller_device_id: report.device_id,
    ts: polledAt,
    if_index: i.index,
    name: i.name,
    alias: i.alias ?? '',
    if_type: i.type ?? null,
    admin_up: flag(i.admin_up),
    oper_up: flag(i.oper_up),
    speed_mbps: i.speed_mbps ?? null,
    in_octets: i.in_octets ?? null,
    out_octets: i.out_octets ?? null,
    in_packets: i.in_packets ?? null,
    out_packets: i.out_packets ?? null,
    in_errors: i.in_errors ?? null,
    out_errors: i.out_errors ?? null,
    in_discards: i.in_discards ?? null,
    out_discards: i.out_discards ?? null,
    in_bps: i.in_bps ?? null,
    out_bps: i.out_bps ?? null,
    in_pps: i.in_pps ?? null,
    out_pps: i.out_pps ?? null,
    in_error_pct: i.in_error_pct ?? null,
    out_error_pct: i.out_error_pct ?? null,
    in_discard_pct: i.in_discard_pct ?? null,
    out_discard_pct: i.out_discard_pct ?? null,
    utilisation_pct: i.utilisation_pct ?? null,
    physical: flag(i.physical),
    interval_seconds: device.rate_interval_seconds ?? null,
    report_id: report.report_id,
    seq: seqBase + n,
  }));
  // Radios carry their controller's poll time: one row per radio per poll, like interface samples.
  // The ordinal keeps apart radios of one AP that share a band, or that no MIB gave a band (migration 022).
  const seen = new Map<string, number>();
  const ordinalOf = (r: { ap_name: string; ap_mac?: string; band: string }) => {
    const key = JSON.stringify([r.ap_name, r.ap_mac ?? '', r.band]);
    const ordinal = seen.get(key) ?? 0;
    seen.set(key, ordinal + 1);
    return Math.min(ordinal, 255);
  };
  const radios = (device.radios ?? []).map((r, n) => ({
    ...owner,
    target: device.target,
    poller_device_id: report.device_id,
    ts: polledAt,
    ap_name: r.ap_name,
    ap_mac: r.ap_mac ?? '',
    band: r.band,
    radio_ordinal: ordinalOf(r),
    channel: r.channel ?? null,
    channel_utilisation_pct: r.channel_utilisation_pct ?? null,
    noise_dbm: r.noise_dbm ?? null,
    clients: r.clients ?? null,
    report_id: report.report_id,
    seq: radioSeqBase + n,
  }));
  return { devices: [registry], network_devices: [latest], interface_samples: samples, radio_samples: radios };
}
