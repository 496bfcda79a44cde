import { z } from 'zod';
import { agentDate, agentTime, uint } from './bounds.js';
import { known } from './unknown.js';

const text = (max = 256) => z.string().max(max);
const count = uint();
const isoDate = agentDate();
const isoDateTime = agentTime();
/** 1 PiB: more memory or disk than any endpoint or server in service has. */
const bytes = uint(2 ** 50);

export const Chassis = z.enum(['laptop', 'desktop', 'server', 'virtual-machine', 'tablet', 'all-in-one', 'other']);

export type Chassis = z.infer<typeof Chassis>;

export const Hardware = z.object({
  manufacturer: known(text()),
  model: known(text()),
  serial: known(text(128)),
  chassis: known(Chassis),
  cpu: known(z.object({ model: text(), cores: uint(4096), threads: uint(8192).optional() })),
  ram_bytes: known(bytes),
  system_disk: known(
    z.object({
      /** 'virtual': a disk a hypervisor presents (virtio, VMware, Hyper-V, EBS); its media is unknowable. */
      type: z.enum(['ssd', 'hdd', 'nvme', 'virtual', 'other']),
      size_bytes: bytes,
      model: text().optional(),
      /** At most a century. */
      power_on_hours: uint(876_600).optional(),
    }),
  ),
  firmware: known(
    z.object({
      vendor: text(),
      version: text(),
      release_date: known(isoDate),
    }),
  ),
  battery: known(
    z.object({
      present: z.boolean(),
      design_capacity_mwh: uint(10_000_000).optional(),
      full_charge_capacity_mwh: uint(10_000_000).optional(),
      cycle_count: uint(1_000_000).optional(),
    }),
  ),
  /**
   * Bare metal, a virtual machine or a container, and which hypervisor or engine ('kvm', 'vmware',
   * 'hyper-v', 'docker'…: systemd-detect-virt's names). A container also reports chassis
   * 'virtual-machine', so checks that skip virtual machines skip it too. Optional: older agents omit it.
   */
  virtualisation: known(z.object({ type: z.enum(['none', 'vm', 'container']), platform: text(64).optional() })).optional(),
  /** The agent's best estimate of when the device was made, with where it came from. */
  age: known(
    z.object({
      reference_date: isoDate,
      source: z.enum(['firmware_release', 'model_release', 'disk_power_on', 'asset_register']),
      confidence: z.enum(['low', 'medium', 'high']),
    }),
  ),
});
export type Hardware = z.infer<typeof Hardware>;

export const OsFamily = z.enum(['windows', 'macos', 'linux', 'other']);

export const OperatingSystem = z.object({
  family: OsFamily,
  /** Product as the vendor names it: "Windows 11 Enterprise", "macOS", "Ubuntu", "Debian GNU/Linux". */
  name: text(),
  /** Marketing version: "24H2", "14.5", "22.04", "12". */
  version: known(text(64)),
  build: known(text(64)),
  edition: known(text(64)),
  kernel: known(text(128)),
  arch: text(32),
});
export type OperatingSystem = z.infer<typeof OperatingSystem>;

export const UpdateSeverity = z.enum(['critical', 'important', 'moderate', 'low', 'unspecified']);

/** One update the device has not installed yet. */
export const PendingUpdate = z.object({
  /** KB number, package name, or softwareupdate label. */
  id: text(128),
  title: text(256).optional(),
  /** As the update system rates it (MSRC severity on Windows); `unspecified` when it does not say. */
  severity: UpdateSeverity,
  security: z.boolean(),
  /** When the vendor released it, where the update system says; drives the 14-day patch rule. */
  released_at: isoDateTime.optional(),
  /**
   * An offered new major version (a newer macOS, a Windows feature update): an upgrade, not a
   * fix, so never counted as a pending security update (`security` is false).
   */
  upgrade: z.boolean().optional(),
});
export type PendingUpdate = z.infer<typeof PendingUpdate>;

export const Patches = z.object({
  /** Which update system answered: apt, dnf, windows-update, softwareupdate. */
  source: text(32),
  /** Last successful installation of any update. */
  last_update_at: known(isoDateTime),
  /** What that last update was (KB number, package, macOS update label). */
  last_update_id: known(text(128)).optional(),
  pending_updates: known(count),
  pending_security_updates: known(count),
  /** Up to 200 pending updates, most severe first. */
  pending: z.array(PendingUpdate).max(200).optional(),
  oldest_pending_security_since: known(isoDateTime).optional(),
  reboot_required: known(z.boolean()),
  /**
   * When the oldest update that is installed but not in effect until a restart was installed.
   * Such an update is not applied: the collector holds it to the 14-day rule from this time.
   * Absent when nothing waits for a restart, or when the update system cannot date the wait
   * (apt and dnf do not say; macOS installs its updates during the restart, so they are pending).
   */
  reboot_pending_since: known(isoDateTime).optional(),
});
export type Patches = z.infer<typeof Patches>;

export const Security = z.object({
  /** System disk encryption: BitLocker, FileVault, LUKS; `method: "none"` when off. */
  disk_encryption: known(z.object({ enabled: z.boolean(), method: text(64) })),
  firewall: known(z.object({ enabled: z.boolean(), profiles: z.record(z.string().max(64), z.boolean()) })),
  antimalware: known(
    z.object({
      product: text(),
      realtime_protection: z.boolean(),
      signatures_updated_at: known(isoDateTime),
      signatures_version: text(64).optional(),
    }),
  ),
  secure_boot: known(z.boolean()),
  tpm: known(z.object({ present: z.boolean(), version: text(32).optional() })),
});
export type Security = z.infer<typeof Security>;

/** Latest state of the device: sent when it changed, and at least daily. */
export const Inventory = z.object({
  /** sha256 of the hostname unless configured to send it in clear. */
  hostname: text(255).optional(),
  hardware: Hardware.optional(),
  os: OperatingSystem.optional(),
  patches: Patches.optional(),
  security: Security.optional(),
});
export type Inventory = z.infer<typeof Inventory>;
