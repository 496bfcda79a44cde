import { randomUUID } from 'node:crypto';
import type { Inventory, Report, Sample } from '../../protocol/index.js';

/**
 * Hand-built devices for the scoring tests. Every variant is the "good" laptop with exactly one
 * thing changed, so each control's expected result can be worked out by reading this file.
 */
export const AS_OF = '2026-11-20';
const DAY = 86_400_000;
const asOfNoon = Date.parse(`${AS_OF}T12:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString();

export type Variant =
  | 'good' | 'old' | 'lowram' | 'hdd' | 'battery' | 'weakwifi' | 'slow' | 'win10' | 'w11-23h2-ent'
  | 'unpatched' | 'unencrypted' | 'fwoff' | 'avoff' | 'bootoff' | 'stale' | 'unknowns' | 'desktop' | 'linux-server';

interface Shape {
  chassis: 'laptop' | 'desktop' | 'server';
  firmwareDate: string | null;
  ramGiB: number;
  disk: 'nvme' | 'hdd';
  batteryFullMwh: number | null;
  wifiDbm: number | null;
  rttMs: number;
  os: Inventory['os'];
  lastUpdateDaysBefore: number;
  pendingSecurity: number;
  encryption: boolean | null;
  firewall: boolean;
  antimalware: boolean | 'none';
  secureBoot: boolean;
  reportDaysBefore: number;
}

const WIN11_24H2_ENT: Inventory['os'] = { family: 'windows', name: 'Windows 11 Enterprise', version: '24H2', build: '26100.4349', edition: 'Enterprise', kernel: '10.0.26100', arch: 'x64' };

const GOOD: Shape = {
  chassis: 'laptop', firmwareDate: '2023-06-01', ramGiB: 16, disk: 'nvme', batteryFullMwh: 50_000, wifiDbm: -55, rttMs: 10,
  os: WIN11_24H2_ENT, lastUpdateDaysBefore: 3, pendingSecurity: 0, encryption: true, firewall: true, antimalware: true,
  secureBoot: true, reportDaysBefore: 0,
};

const VARIANTS: Record<Variant, Partial<Shape>> = {
  good: {},
  old: { firmwareDate: '2019-01-01' },
  lowram: { ramGiB: 4 },
  hdd: { disk: 'hdd' },
  battery: { batteryFullMwh: 30_000 },
  weakwifi: { wifiDbm: -75 },
  slow: { rttMs: 150 },
  win10: { os: { ...WIN11_24H2_ENT, name: 'Windows 10 Enterprise', version: '22H2', build: '19045.6093', kernel: '10.0.19045' } },
  'w11-23h2-ent': { os: { ...WIN11_24H2_ENT, version: '23H2', build: '22631.5472' } },
  unpatched: { lastUpdateDaysBefore: 40, pendingSecurity: 2 },
  unencrypted: { encryption: false },
  fwoff: { firewall: false },
  avoff: { antimalware: false },
  bootoff: { secureBoot: false },
  stale: { reportDaysBefore: 20 },
  unknowns: { firmwareDate: null, encryption: null },
  desktop: { chassis: 'desktop', batteryFullMwh: null, wifiDbm: null },
  'linux-server': {
    chassis: 'server', firmwareDate: '2022-03-01', batteryFullMwh: null, wifiDbm: null, antimalware: 'none',
    os: { family: 'linux', name: 'Ubuntu', version: '22.04', build: { unknown: 'not applicable' }, edition: 'LTS', kernel: '5.15.0-151-generic', arch: 'x64' },
  },
};

/** The one report a device of this variant sends (at noon of the as-of date, or earlier when stale). */
export function reportFor(variant: Variant, deviceId: string): Report {
  const shape: Shape = { ...GOOD, ...VARIANTS[variant] };
  const at = asOfNoon - shape.reportDaysBefore * DAY;
  const firmware = shape.firmwareDate;
  const inventory: Inventory = {
    hardware: {
      manufacturer: 'Dell Inc.', model: shape.chassis === 'server' ? 'PowerEdge R650' : 'Latitude 5440', serial: deviceId.slice(-8).toUpperCase(),
      chassis: shape.chassis, cpu: { model: 'Intel Core i5-1345U', cores: 10 }, ram_bytes: shape.ramGiB * 1024 ** 3,
      system_disk: { type: shape.disk, size_bytes: 512e9 },
      firmware: firmware ? { vendor: 'Dell Inc.', version: '1.2.3', release_date: firmware } : { unknown: 'firmware vendor and version not reported' },
      battery: shape.batteryFullMwh === null ? { present: false } : { present: true, design_capacity_mwh: 54_000, full_charge_capacity_mwh: shape.batteryFullMwh, cycle_count: 100 },
      age: firmware ? { reference_date: firmware, source: 'firmware_release', confidence: 'medium' } : { unknown: 'no firmware release date' },
    },
    os: shape.os,
    patches: {
      source: shape.os!.family === 'linux' ? 'apt' : 'windows-update', last_update_at: iso(at - shape.lastUpdateDaysBefore * DAY),
      pending_updates: shape.pendingSecurity, pending_security_updates: shape.pendingSecurity, reboot_required: false,
    },
    security: {
      disk_encryption: shape.encryption === null ? { unknown: 'manage-bde needs administrator rights' } : { enabled: shape.encryption, method: shape.encryption ? 'BitLocker' : 'none' },
      firewall: { enabled: shape.firewall, profiles: { domain: shape.firewall, private: true, public: true } },
      antimalware: shape.antimalware === 'none' ? { unknown: 'no anti-malware product registered' } : { product: 'Microsoft Defender Antivirus', realtime_protection: shape.antimalware, signatures_updated_at: iso(at - DAY) },
      secure_boot: shape.secureBoot,
      tpm: { present: true, version: '2.0' },
    },
  };
  const samples: Sample[] = [0, 1, 2].flatMap((hoursBefore): Sample[] => {
    const ts = iso(at - hoursBefore * 3_600_000);
    const latency: Sample = { kind: 'latency', ts, target: 'epr.example.nhs.uk', label: 'epr', method: 'icmp', sent: 10, received: 10, loss_pct: 0, rtt_min_ms: shape.rttMs * 0.8, rtt_avg_ms: shape.rttMs, rtt_max_ms: shape.rttMs * 1.2, jitter_ms: 2 };
    if (shape.wifiDbm === null) return [latency];
    return [latency, { kind: 'wifi', ts, interface: 'wlan0', band_ghz: 5, channel: 44, signal_dbm: shape.wifiDbm, tx_rate_mbps: 866, generation: 6, security: 'WPA2-Enterprise' }];
  });
  return { schema: 'sf.report/v1', report_id: randomUUID(), device_id: deviceId, agent_version: '0.1.0', collected_at: iso(at), inventory, samples };
}

/** A report of this variant moved `days` earlier: every timestamp in it shifts, firmware dates do not. */
export function reportDaysEarlier(variant: Variant, deviceId: string, days: number): Report {
  const shifted = JSON.stringify(reportFor(variant, deviceId)).replace(/"(\d{4}-\d\d-\d\dT[\d:.]+Z)"/g, (_, ts: string) =>
    JSON.stringify(new Date(Date.parse(ts) - days * DAY).toISOString()),
  );
  return JSON.parse(shifted) as Report;
}
