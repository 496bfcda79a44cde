import type { Hardware } from '../../../protocol/index.js';

export type Virtualisation = Exclude<NonNullable<Hardware['virtualisation']>, { unknown: string }>;

/** What the machine says about itself; every field optional (a non-root agent, macOS, Windows). */
export interface VirtSignals {
  /** SMBIOS/DMI strings: /sys/class/dmi/id on Linux, WMI on Windows, IOKit on macOS (via systeminformation). */
  dmi?: { sysVendor?: string; productName?: string; biosVendor?: string };
  /** `systemd-detect-virt` stdout: one identifier, or "none". */
  detectVirt?: string;
  /** /.dockerenv or /.dockerinit exists (Docker creates them in every container). */
  dockerenv?: boolean;
  /** /run/.containerenv exists (Podman and CRI-O create it). */
  containerenv?: boolean;
  /** /proc/1/environ ("container=lxc" is set by LXC, systemd-nspawn, Podman; root-only to read). */
  pid1Environ?: string;
  /** /proc/1/cgroup (cgroup v1 names the engine: "/docker/<id>", "/kubepods/…", "/lxc/<name>"). */
  pid1Cgroup?: string;
}

// systemd-detect-virt's identifiers (systemd src/basic/virt.c), with two renamed for people.
const DETECT_VIRT_VMS = new Set(['qemu', 'kvm', 'amazon', 'zvm', 'vmware', 'microsoft', 'oracle', 'powervm', 'xen', 'bochs', 'uml', 'parallels', 'bhyve', 'qnx', 'acrn', 'apple', 'sre', 'google', 'vm-other']);
const DETECT_VIRT_CONTAINERS = new Set(['openvz', 'lxc', 'lxc-libvirt', 'systemd-nspawn', 'docker', 'podman', 'rkt', 'wsl', 'proot', 'pouch', 'container-other']);
const FRIENDLY: Record<string, string> = { microsoft: 'hyper-v', oracle: 'virtualbox', 'vm-other': 'other', 'container-other': 'other' };
const friendly = (id: string): string => FRIENDLY[id] ?? id;

/**
 * DMI string prefixes of virtual platforms, checked on product name, then system vendor, then
 * BIOS vendor, as systemd's dmi_vendor_table does (plus SeaBIOS/OVMF, the QEMU firmwares, for
 * clouds that put their own name in the vendor field: Alibaba, UpCloud, Nutanix, RHEV).
 */
const DMI_PREFIXES: Array<[string, string]> = [
  ['KVM', 'kvm'],
  ['OpenStack', 'kvm'],
  ['KubeVirt', 'kvm'],
  ['Amazon EC2', 'amazon'],
  ['QEMU', 'qemu'],
  ['VMware', 'vmware'],
  ['VMW', 'vmware'],
  ['innotek GmbH', 'virtualbox'],
  ['VirtualBox', 'virtualbox'],
  ['Xen', 'xen'],
  ['HVM domU', 'xen'],
  ['Bochs', 'bochs'],
  ['Parallels', 'parallels'],
  ['BHYVE', 'bhyve'],
  ['Hyper-V', 'hyper-v'],
  ['Apple Virtualization', 'apple'],
  ['VirtualMac', 'apple'],
  ['Google Compute Engine', 'google'], // not bare "Google": Chromebooks and Pixelbooks say that too
  ['SeaBIOS', 'kvm'],
  ['EFI Development Kit II / OVMF', 'kvm'],
];

function fromDmi(dmi: NonNullable<VirtSignals['dmi']>): string | undefined {
  const vendor = dmi.sysVendor?.trim() ?? '';
  const product = dmi.productName?.trim() ?? '';
  // Hyper-V (and Azure) name no hypervisor in DMI; "Virtual Machine" from Microsoft is the tell.
  if (/^Microsoft/i.test(vendor) && /^Virtual Machine$/i.test(product)) return 'hyper-v';
  // EC2 bare-metal instances (i3.metal…) keep Amazon's DMI strings but run on no hypervisor.
  if (/^Amazon EC2$/i.test(vendor) && /\.metal$/i.test(product)) return 'none';
  for (const field of [product, vendor, dmi.biosVendor?.trim() ?? '']) {
    const hit = DMI_PREFIXES.find(([prefix]) => field.toLowerCase().startsWith(prefix.toLowerCase()));
    if (hit) return hit[1];
  }
  return undefined;
}

function containerFromCgroup(cgroup: string): string | undefined {
  if (/\/docker[/-]|docker-[0-9a-f]{12,}\.scope/.test(cgroup)) return 'docker';
  if (/\/kubepods/.test(cgroup)) return 'kubernetes';
  if (/\/libpod[/-]/.test(cgroup)) return 'podman';
  if (/\/lxc[/.]/.test(cgroup)) return 'lxc';
  return undefined;
}

/**
 * Pure: bare metal, VM or container, from the strongest signal present. Containers first (a
 * container inside a VM is a container to the people managing it), then systemd-detect-virt
 * (whose platform the DMI strings may correct, see below), then DMI strings alone. Undefined
 * when nothing was readable to decide from.
 */
export function classifyVirtualisation(signals: VirtSignals): Virtualisation | undefined {
  const detect = signals.detectVirt?.trim().toLowerCase();
  if (detect && DETECT_VIRT_CONTAINERS.has(detect)) return { type: 'container', platform: friendly(detect) };
  if (signals.dockerenv) return { type: 'container', platform: 'docker' };
  if (signals.containerenv) return { type: 'container', platform: 'podman' };
  const environ = signals.pid1Environ?.split('\0').find((v) => v.startsWith('container='))?.slice('container='.length).trim();
  if (environ) return { type: 'container', platform: environ.slice(0, 64) };
  const cgroupEngine = signals.pid1Cgroup ? containerFromCgroup(signals.pid1Cgroup) : undefined;
  if (cgroupEngine) return { type: 'container', platform: cgroupEngine };
  const dmi = signals.dmi ? fromDmi(signals.dmi) : undefined;
  if (detect && DETECT_VIRT_VMS.has(detect)) {
    // The hypervisor's own firmware strings name it better than CPUID, which KVM dresses up
    // as Hyper-V for Windows guests (Nutanix AHV read as "microsoft", uyuni-project/uyuni#2112);
    // the generic emulator names (Bochs, QEMU) are where CPUID's "kvm" is the more precise.
    const useDmi = dmi !== undefined && dmi !== 'none' && dmi !== 'bochs' && dmi !== 'qemu';
    return { type: 'vm', platform: useDmi ? dmi : friendly(detect) };
  }
  if (dmi === 'none') return { type: 'none' };
  if (dmi) return { type: 'vm', platform: dmi };
  if (detect === 'none') return { type: 'none' };
  const dmiRead = [signals.dmi?.sysVendor, signals.dmi?.productName, signals.dmi?.biosVendor].some((v) => v !== undefined && v.trim() !== '');
  return dmiRead ? { type: 'none' } : undefined;
}
