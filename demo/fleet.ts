import type { Hardware, Inventory, Patches, PendingUpdate, Report, Sample, Security } from '../protocol/index.js';
import { LINUX_SERVER, MACOS, MODELS, WINDOWS_CLIENT, WINDOWS_SERVER, type ModelSpec, type OsSpec } from './catalogue.js';
import { Random, sha256Hex, stableUuid } from './random.js';

export interface FleetOptions {
  seed: number;
  devices: number;
  /** Days of history each reporting device sends, one report a day. */
  days: number;
  now: Date;
}

export interface SitePlan {
  siteId: string;
  trustId: string;
  name: string;
  /** 0 (old kit, slow patching, poor Wi-Fi) … 1 (well-run site). */
  modernity: number;
}

export interface TrustPlan {
  trustId: string;
  name: string;
  sites: SitePlan[];
}

export interface SimulatedDevice {
  index: number;
  site: SitePlan;
  fingerprint: string;
  hostname: string;
  platform: 'linux' | 'win32' | 'darwin';
  model: ModelSpec;
  os: OsSpec;
  /** Days since the device last reported; > 7 makes it stale. */
  silentForDays: number;
}

const TRUSTS: Array<{ trustId: string; name: string; sites: Array<[string, string, number]> }> = [
  {
    trustId: 'rxa',
    name: 'Northgate Teaching Hospitals NHS Foundation Trust',
    sites: [['rxa-ngh', 'Northgate General Hospital', 0.8], ['rxa-wch', "Westfield Children's Hospital", 0.65], ['rxa-cmc', 'Castlemoor Community Clinic', 0.3]],
  },
  {
    trustId: 'rxb',
    name: 'Eastmere and Fenland Hospitals NHS Trust',
    sites: [['rxb-erh', 'Eastmere Royal Hospital', 0.45], ['rxb-fdh', 'Fenland District Hospital', 0.2], ['rxb-hq', 'Trust Headquarters', 0.6]],
  },
  {
    trustId: 'rxc',
    name: 'Southvale Mental Health NHS Trust',
    sites: [['rxc-svh', 'Southvale House', 0.9], ['rxc-orc', 'Oakridge Recovery Centre', 0.55]],
  },
];

export function planTrusts(): TrustPlan[] {
  return TRUSTS.map((t) => ({
    trustId: t.trustId,
    name: t.name,
    sites: t.sites.map(([siteId, name, modernity]) => ({ siteId, trustId: t.trustId, name, modernity })),
  }));
}

export function planFleet(options: FleetOptions): SimulatedDevice[] {
  const random = new Random(options.seed);
  const sites = planTrusts().flatMap((t) => t.sites);
  const devices: SimulatedDevice[] = [];
  for (let index = 0; index < options.devices; index++) {
    const site = sites[index % sites.length]!;
    const server = random.chance(0.04);
    const model = server
      ? random.weighted(MODELS.filter((m) => m.chassis === 'server').map((m) => [m, 1] as const))
      : random.weighted(
          MODELS.filter((m) => m.chassis !== 'server').map((m) => [m, Math.exp(((site.modernity - 0.45) * (m.released - 2017)) / 2)] as const),
        );
    const os = model.mac
      ? random.weighted(MACOS)
      : server
        ? random.weighted(random.chance(0.7) ? WINDOWS_SERVER : LINUX_SERVER)
        : random.weighted(WINDOWS_CLIENT.map(([spec, w]) => [spec, w * Math.exp(site.modernity * (spec.released - 2020) * 0.4)] as const));
    const platform = os.family === 'windows' ? 'win32' : os.family === 'macos' ? 'darwin' : 'linux';
    const silentForDays = random.chance(0.06 + (1 - site.modernity) * 0.06) ? random.int(8, 40) : 0;
    devices.push({
      index,
      site,
      fingerprint: sha256Hex(`fleet:${options.seed}:${index}`),
      hostname: sha256Hex(`${site.siteId.toUpperCase()}-${model.chassis.slice(0, 2).toUpperCase()}${String(index).padStart(5, '0')}`),
      platform,
      model,
      os,
      silentForDays,
    });
  }
  return devices;
}

const DAY = 86_400_000;

/** The daily reports a device would have sent; ids are stable, so re-sending them is idempotent. */
export function reportsFor(device: SimulatedDevice, deviceId: string, options: FleetOptions): Report[] {
  const random = new Random(options.seed ^ (device.index * 2654435761));
  const inventory = inventoryOf(device, random, options.now);
  const patching = patchCycle(device, options.seed);
  const count = device.silentForDays > 0 ? Math.min(options.days, 3) : options.days;
  const reports: Report[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const day = new Date(options.now.getTime() - (back + device.silentForDays) * DAY);
    const collectedAt = new Date(Math.min(options.now.getTime(), day.getTime() - random.int(0, 3 * 3600) * 1000));
    reports.push({
      schema: 'sf.report/v1',
      report_id: stableUuid('fleet', options.seed, device.fingerprint, collectedAt.toISOString().slice(0, 10)),
      device_id: deviceId,
      agent_version: random.chance(0.85) ? '0.1.0' : '0.0.9',
      collected_at: collectedAt.toISOString(),
      inventory: { ...inventory, patches: patching(collectedAt) },
      samples: samplesOf(device, random, collectedAt),
      collectors: [
        { collector: 'hardware', ok: true, duration_ms: random.int(40, 400) },
        { collector: 'os', ok: true, duration_ms: random.int(10, 90) },
        { collector: 'latency', ok: true, duration_ms: random.int(900, 3100) },
      ],
    });
  }
  return reports;
}

/**
 * Patching as it happens: each device installs updates every few days (weekly at a well-run site,
 * every five or six weeks at a neglected one), at its own phase, so from one day's report to the
 * next devices fall behind the 14-day window and catch up again: trends move and the cyber view has
 * new and resolved findings. Its own generator, so a device's patch state is a function of the date
 * alone, the same whichever reports are generated.
 */
function patchCycle(device: SimulatedDevice, seed: number): (at: Date) => Patches {
  const random = new Random(seed ^ (device.index * 40503) ^ 0x5f3759df);
  const { os, site } = device;
  const periodDays = Math.max(3, Math.round(random.normal(7 + (1 - site.modernity) * 32, 3 + (1 - site.modernity) * 6)));
  const phaseDays = random.int(0, periodDays - 1);
  const source: Patches['source'] = os.family === 'windows' ? 'windows-update' : os.family === 'macos' ? 'softwareupdate' : os.name.startsWith('Red Hat') ? 'dnf' : 'apt';
  const pendingWhenBehind = random.int(1, 6);
  const rebootRequired = random.chance(0.1);
  const installAtMs = 10 * 3_600_000; // updates install at 10:00 UTC
  return (at) => {
    const day = Math.floor((at.getTime() - installAtMs) / DAY);
    const daysSinceInstall = (((day - phaseDays) % periodDays) + periodDays) % periodDays;
    const lastUpdate = (day - daysSinceInstall) * DAY + installAtMs;
    const lag = (at.getTime() - lastUpdate) / DAY;
    const pending = pendingUpdates(source, lag, pendingWhenBehind, new Date(lastUpdate + DAY).toISOString());
    return {
      source,
      last_update_at: new Date(lastUpdate).toISOString(),
      pending_updates: pending.length,
      pending_security_updates: pending.filter((u) => u.security).length,
      pending,
      reboot_required: rebootRequired,
    };
  };
}

/**
 * What a device that last installed updates `lag` days ago has pending, released the day after:
 * Windows Update and dnf rate their updates (critical / important fall under Cyber Essentials'
 * 14-day rule, a moderate one is advisory backlog); apt and softwareupdate give no rating or date.
 */
function pendingUpdates(source: Patches['source'], lag: number, securityWhenBehind: number, releasedAt: string): PendingUpdate[] {
  const rated = source === 'windows-update' || source === 'dnf';
  const pending: PendingUpdate[] = [];
  if (lag > 14) {
    for (let i = 0; i < securityWhenBehind; i++) {
      pending.push(rated ? { id: `SEC-${i + 1}`, severity: i === 0 ? 'critical' : 'important', security: true, released_at: releasedAt } : { id: `SEC-${i + 1}`, severity: 'unspecified', security: true });
    }
  }
  if (lag > 10) {
    if (rated) pending.push({ id: 'SEC-MODERATE', severity: 'moderate', security: true, released_at: releasedAt });
    pending.push({ id: 'FEATURE-1', severity: 'unspecified', security: false }, { id: 'FEATURE-2', severity: 'unspecified', security: false });
  } else if (lag > 3) {
    pending.push({ id: 'FEATURE-1', severity: 'unspecified', security: false });
  }
  return pending;
}

function inventoryOf(device: SimulatedDevice, random: Random, now: Date): Inventory {
  const { model, os, site } = device;
  const firmwareDate = new Date(Date.UTC(model.released + random.int(0, 1), random.int(0, 11), random.int(1, 28)));
  const ageYears = (now.getTime() - firmwareDate.getTime()) / (365.25 * DAY);
  const portable = model.chassis === 'laptop' || model.chassis === 'tablet';
  const hardware: Hardware = {
    manufacturer: model.manufacturer,
    model: model.model,
    serial: serialOf(device),
    chassis: model.chassis,
    cpu: { model: model.cpu, cores: model.cores },
    ram_bytes: model.ramGiB[random.int(0, model.ramGiB.length - 1)]! * 1024 ** 3,
    system_disk: { type: model.disk, size_bytes: (model.disk === 'hdd' ? 500 : 256) * 1e9 },
    firmware: model.mac
      ? { vendor: 'Apple Inc.', version: '11881.121.1', release_date: { unknown: 'Apple firmware does not publish a release date' } }
      : { vendor: model.manufacturer, version: `${random.int(1, 2)}.${random.int(1, 30)}.${random.int(0, 9)}`, release_date: firmwareDate.toISOString().slice(0, 10) },
    battery: portable
      ? { present: true, design_capacity_mwh: 54_000, full_charge_capacity_mwh: Math.round(54_000 * Math.max(0.35, Math.min(1, random.normal(1 - 0.07 * ageYears, 0.06)))), cycle_count: Math.round(ageYears * random.int(120, 260)) }
      : { present: false },
    age: model.mac
      ? { reference_date: `${model.released}-01-01`, source: 'model_release', confidence: 'medium' }
      : { reference_date: firmwareDate.toISOString().slice(0, 10), source: 'firmware_release', confidence: 'medium' },
  };
  const { released: _released, ...osFields } = os;
  // Neglected sites also let anti-malware signatures go stale; patches are per report (patchCycle).
  const lagDays = Math.max(0, random.normal(4 + (1 - site.modernity) * 30, 6 + (1 - site.modernity) * 20));
  const modernKit = model.released >= 2018;
  const security: Security = {
    disk_encryption: random.chance(0.7 + site.modernity * 0.28)
      ? { enabled: true, method: os.family === 'windows' ? 'BitLocker' : os.family === 'macos' ? 'FileVault' : 'LUKS' }
      : { enabled: false, method: 'none' },
    firewall: { enabled: random.chance(0.93 + site.modernity * 0.06), profiles: os.family === 'windows' ? { domain: true, private: true, public: true } : {} },
    antimalware:
      os.family === 'linux'
        ? { unknown: 'no anti-malware product registered' }
        : { product: os.family === 'windows' ? 'Microsoft Defender Antivirus' : 'XProtect', realtime_protection: random.chance(0.97), signatures_updated_at: new Date(now.getTime() - random.int(0, lagDays > 14 ? 20 : 3) * DAY).toISOString() },
    secure_boot: modernKit ? random.chance(0.9) : random.chance(0.2),
    tpm: model.mac ? { unknown: 'Apple devices use the Secure Enclave, not a TPM' } : { present: true, version: modernKit ? '2.0' : '1.2' },
  };
  return { hostname: device.hostname, hardware, os: { ...osFields, arch: model.mac ? 'arm64' : 'x64' }, security };
}

function samplesOf(device: SimulatedDevice, random: Random, end: Date): Sample[] {
  const { site, model } = device;
  const samples: Sample[] = [];
  const portable = model.chassis === 'laptop' || model.chassis === 'tablet';
  const eprBase = 6 + (1 - site.modernity) * 120;
  for (let slot = 11; slot >= 0; slot--) {
    const ts = new Date(end.getTime() - slot * 2 * 3600_000).toISOString();
    for (const [target, label, base] of [['gateway', 'gateway', 1.2], ['epr.example.nhs.uk', 'epr', eprBase]] as const) {
      const lossy = random.chance(0.02 + (1 - site.modernity) * 0.05);
      const received = lossy ? random.int(7, 9) : 10;
      const avg = Math.max(0.2, random.normal(base, base * 0.25));
      const jitter = Math.abs(random.normal(avg * 0.15, avg * 0.1));
      samples.push({
        kind: 'latency', ts, target, label, method: 'icmp', sent: 10, received, loss_pct: (10 - received) * 10,
        rtt_min_ms: round(avg * 0.7), rtt_avg_ms: round(avg), rtt_max_ms: round(avg * 1.6 + jitter), jitter_ms: round(jitter),
      });
    }
    if (portable) {
      const fiveGhz = random.chance(0.5 + site.modernity * 0.45);
      samples.push({
        kind: 'wifi', ts, interface: 'wlan0', ssid: sha256Hex(`NHS-${site.trustId}`), bssid: `00:1a:1e:${hex2(random)}:${hex2(random)}:${hex2(random)}`,
        band_ghz: fiveGhz ? 5 : 2.4, channel: fiveGhz ? random.weighted([[36, 1], [44, 1], [52, 1], [100, 1], [116, 1]]) : random.weighted([[1, 1], [6, 1], [11, 1]]),
        signal_dbm: Math.round(Math.min(-30, random.normal(-68 + site.modernity * 18, 7))), noise_dbm: -95,
        tx_rate_mbps: fiveGhz ? random.int(200, 866) : random.int(40, 144), generation: site.modernity > 0.6 ? 6 : random.chance(0.5) ? 5 : 4, security: 'WPA2-Enterprise',
      });
    }
  }
  return samples;
}

export function serialOf(device: SimulatedDevice): string {
  return `${device.model.manufacturer.slice(0, 2).toUpperCase()}${sha256Hex(device.fingerprint).slice(0, 8).toUpperCase()}`;
}

/**
 * The trust's asset register as IT would export it: most devices with a purchase date, Windows 10
 * devices of the best-run sites enrolled in Extended Security Updates, and a few assets whose
 * agent was never installed (they count against coverage).
 */
export function assetRegisterCsv(devices: SimulatedDevice[], trustId: string, options: FleetOptions): string {
  const random = new Random(options.seed ^ 0x5eed);
  const lines = ['serial,asset_tag,site,purchase_date,warranty_end,extended_support'];
  const trustDevices = devices.filter((d) => d.site.trustId === trustId);
  for (const device of trustDevices) {
    if (random.chance(0.2)) continue; // not every device is in the register
    const bought = new Date(Date.UTC(device.model.released + random.int(0, 1), random.int(0, 11), random.int(1, 28)));
    const warranty = new Date(bought.getTime() + 3 * 365.25 * DAY);
    const esu = device.os.name.startsWith('Windows 10') && !/LTSC/.test(device.os.name) && device.site.modernity >= 0.6;
    lines.push([serialOf(device), `NHS-${String(device.index).padStart(6, '0')}`, device.site.siteId, bought.toISOString().slice(0, 10), warranty.toISOString().slice(0, 10), esu ? 'yes' : 'no'].join(','));
  }
  const neverReported = Math.ceil(trustDevices.length * 0.03);
  for (let i = 0; i < neverReported; i++) {
    // Spread over the trust's own sites: a small fleet may have no device of the trust at a given index.
    const site = trustDevices[(i * 7) % trustDevices.length]!.site;
    lines.push([`NR${trustId.toUpperCase()}${String(i).padStart(5, '0')}`, `NHS-NR-${i}`, site.siteId, `${2018 + (i % 6)}-04-01`, '', 'no'].join(','));
  }
  return `${lines.join('\n')}\n`;
}

const round = (n: number) => Math.round(n * 100) / 100;
const hex2 = (random: Random) => random.int(0, 255).toString(16).padStart(2, '0');
