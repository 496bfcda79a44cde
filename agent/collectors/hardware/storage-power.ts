import { type Hardware, unknown } from '../../../protocol/index.js';
import { cleanCount, cleanText, positiveCount } from '../clean.js';
import type { RawHardware } from './raw.js';

type DiskType = 'ssd' | 'hdd' | 'nvme' | 'virtual' | 'other';

/**
 * A disk a hypervisor presents: virtio (vd*), Xen (xvd*), or a model string a hypervisor
 * writes (QEMU, VirtualBox, VMware, Hyper-V, Amazon EBS). Its "rotational" flag says nothing
 * about media, so it must not become "hdd" (a false INF-HW failure if the VM went unnoticed).
 */
export function isVirtualDisk(name: unknown, model: unknown): boolean {
  const n = typeof name === 'string' ? name.replace(/^\/dev\//, '') : '';
  const m = typeof model === 'string' ? model : '';
  return /^(vd[a-z]|xvd[a-z])/.test(n) || /QEMU|VBOX|VMware|Virtual[ _]?disk|Msft Virtual|Amazon Elastic Block Store|Google PersistentDisk|Red Hat VirtIO/i.test(m);
}
const SYSTEM_MOUNTS = new Set(['/', 'c:', 'c:\\', '/system/volumes/data']);

function diskType(type: unknown, interfaceType?: unknown): DiskType {
  const t = typeof type === 'string' ? type.toLowerCase() : '';
  const i = typeof interfaceType === 'string' ? interfaceType.toLowerCase() : '';
  if (t === 'nvme' || i === 'nvme') return 'nvme';
  if (t === 'ssd') return 'ssd';
  if (t === 'hdd') return 'hdd';
  return 'other';
}

/** Pure: pick the disk that holds the system volume and describe it. */
export function mapSystemDisk(raw: RawHardware, virtual: boolean): Hardware['system_disk'] {
  const blocks = raw.blockDevices ?? [];
  const disks = raw.disks ?? [];
  const systemVolume = blocks.find((b) => typeof b.mount === 'string' && SYSTEM_MOUNTS.has(b.mount.toLowerCase()));
  const volumeName = cleanText(systemVolume?.name) ?? '';
  const devicePath = (d: { device?: unknown }): string => (typeof d.device === 'string' ? d.device : '');
  // Linux: partition nvme0n1p2 lives on /dev/nvme0n1; a volume mounted on a whole disk is itself.
  const physical =
    disks.find((d) => {
      const base = devicePath(d).replace(/^\/dev\//, '');
      return base !== '' && volumeName.startsWith(base);
    }) ?? (disks.length === 1 ? disks[0] : undefined);
  if (physical) {
    const size = positiveCount(physical.size);
    if (size === undefined) return unknown('system disk size not reported');
    const model = cleanText(physical.name);
    // A VM's "HDD" is the hypervisor's default rotational flag, not a fact about media.
    const type = virtual || isVirtualDisk(physical.device, physical.name) ? 'virtual' : diskType(physical.type, physical.interfaceType);
    return { type, size_bytes: size, ...(model ? { model } : {}) };
  }
  // No physical disk list (VMs, containers): fall back to the block device holding the volume.
  const blockDisk =
    systemVolume?.type === 'disk'
      ? systemVolume
      : blocks.find((b) => b.type === 'disk' && typeof b.name === 'string' && b.name !== '' && volumeName.startsWith(b.name));
  if (blockDisk) {
    const size = positiveCount(blockDisk.size);
    if (size === undefined) return unknown('system disk size not reported');
    const model = cleanText(blockDisk.model);
    const type = virtual || isVirtualDisk(blockDisk.name, blockDisk.model) ? 'virtual' : diskType(blockDisk.physical);
    return { type, size_bytes: size, ...(model ? { model } : {}) };
  }
  if (disks.length > 1) return unknown('several disks and no way to tell which holds the system volume');
  return unknown(virtual ? 'no physical disk visible from this virtual machine' : 'no disk reported');
}

/** Pure: battery health. Capacities in mWh; mAh readings are converted with the pack voltage. */
export function mapBattery(raw: RawHardware): Hardware['battery'] {
  const b = raw.battery;
  if (!b || typeof b.hasBattery !== 'boolean') return unknown('battery status not reported');
  if (!b.hasBattery) return { present: false };
  const unit = typeof b.capacityUnit === 'string' ? b.capacityUnit.toLowerCase() : '';
  const voltage = typeof b.voltage === 'number' && b.voltage > 0 ? b.voltage : undefined;
  const toMwh = (value: unknown): number | undefined => {
    const n = positiveCount(value);
    if (n === undefined) return undefined;
    if (unit === 'mwh') return n;
    if (unit === 'wh') return Math.round(n * 1000);
    if (unit === 'mah' && voltage !== undefined) return Math.round(n * voltage);
    return undefined;
  };
  const design = toMwh(b.designedCapacity);
  const full = toMwh(b.maxCapacity);
  // 0 cycles is what systeminformation returns when the firmware does not count them.
  const cycles = cleanCount(b.cycleCount);
  return {
    present: true,
    ...(design !== undefined ? { design_capacity_mwh: design } : {}),
    ...(full !== undefined ? { full_charge_capacity_mwh: full } : {}),
    ...(cycles !== undefined && cycles > 0 ? { cycle_count: cycles } : {}),
  };
}
