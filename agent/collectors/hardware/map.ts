import { type Hardware, unknown } from '../../../protocol/index.js';
import { asRecord, asRecords, cleanCount, cleanText, positiveCount } from '../clean.js';
import { chassisFromSmbios } from './chassis.js';
import { parseFirmwareDate } from './firmware-date.js';
import type { RawHardware } from './raw.js';
import { mapBattery, mapSystemDisk } from './storage-power.js';
import { type Virtualisation, classifyVirtualisation } from './virtualisation.js';

/** Pure: systeminformation's raw answers → the protocol's hardware inventory. */
export function mapHardware(input: RawHardware, now: Date): Hardware {
  const raw = sanitise(input);
  const virtualisation = mapVirtualisation(raw);
  const container = virtualisation.type === 'container';
  // systeminformation's own `virtual` flag only counts when nothing better was readable: its
  // dmesg heuristic has called physical Supermicro and Gigabyte boards VMware
  // (sebhildebrandt/systeminformation#544, #532).
  const virtual = container || virtualisation.type === 'vm';
  const vmNote = virtual ? ' (virtual machine)' : '';
  // In a container the DMI tables (and systeminformation's "Docker Container" model) describe
  // the host, not this device: report them as unknown rather than as the container's hardware.
  const hostOnly = `container (${virtualisation.platform ?? 'engine unknown'}): firmware tables describe the host, not this device`;
  const manufacturer = container ? undefined : (cleanText(raw.system?.manufacturer) ?? cleanText(raw.chassis?.manufacturer));
  const model = container ? undefined : cleanText(raw.system?.model);
  const serial = container ? undefined : (cleanText(raw.system?.serial, 128) ?? cleanText(raw.chassis?.serial, 128));
  const firmware = container ? unknown(hostOnly) : mapFirmware(raw, now);
  return {
    manufacturer: manufacturer ?? unknown(container ? hostOnly : `manufacturer not reported by firmware${vmNote}`),
    model: model ?? unknown(container ? hostOnly : `model not reported by firmware${vmNote}`),
    serial: serial ?? unknown(container ? hostOnly : `serial number not reported by firmware${vmNote}`),
    chassis: mapChassis(raw, virtual),
    cpu: mapCpu(raw),
    ram_bytes: mapRam(raw),
    system_disk: mapSystemDisk(raw, virtual),
    firmware,
    battery: container ? unknown(hostOnly) : mapBattery(raw),
    virtualisation: virtualisation.type === 'unknown' ? unknown('no firmware strings or container markers to tell bare metal from virtual') : virtualisation,
    age: mapAge(firmware, virtual),
  };
}

type VirtualisationOrUnknown = Virtualisation | { type: 'unknown'; platform?: undefined };

function mapVirtualisation(raw: RawHardware): VirtualisationOrUnknown {
  const dmi = { sysVendor: cleanText(raw.system?.manufacturer), productName: cleanText(raw.system?.model), biosVendor: cleanText(raw.bios?.vendor) };
  const found = classifyVirtualisation({ ...raw.virt, dmi });
  if (found) return found;
  // systeminformation's own heuristics (WSL kernel name, dmesg) as a last resort.
  const host = cleanText(raw.system?.virtualHost, 64);
  if (raw.system?.virtual === true) return host ? { type: 'vm', platform: host.toLowerCase() } : { type: 'vm' };
  return { type: 'unknown' };
}

function mapChassis(raw: RawHardware, virtual: boolean): Hardware['chassis'] {
  // A VM's DMI tables describe whatever the hypervisor invents, so "virtual" wins. A container
  // is reported as 'virtual-machine' too (the protocol has no container chassis): scoring
  // already skips age, battery and hardware floors for it; `virtualisation` tells them apart.
  if (virtual) return 'virtual-machine';
  const type = cleanText(raw.chassis?.type);
  const chassis = chassisFromSmbios(type);
  if (chassis) return chassis;
  return unknown(type ? `unrecognised chassis type "${type.slice(0, 64)}"` : 'chassis type not reported by firmware');
}

function mapCpu(raw: RawHardware): Hardware['cpu'] {
  const brand = cleanText(raw.cpu?.brand);
  const vendor = cleanText(raw.cpu?.manufacturer);
  const threads = positiveCount(raw.cpu?.cores);
  const cores = positiveCount(raw.cpu?.physicalCores) ?? threads;
  if (!brand || cores === undefined) return unknown('processor model or core count not reported');
  const model = vendor && !brand.toLowerCase().startsWith(vendor.toLowerCase()) ? `${vendor} ${brand}` : brand;
  return threads !== undefined ? { model, cores, threads } : { model, cores };
}

function mapRam(raw: RawHardware): Hardware['ram_bytes'] {
  // Installed modules are the truth; the OS total is a little less (firmware reservations).
  const modules = (raw.memLayout ?? []).map((m) => cleanCount(m.size) ?? 0).reduce((a, b) => a + b, 0);
  if (modules > 0) return modules;
  return positiveCount(raw.mem?.total) ?? unknown('memory size not reported');
}

function mapFirmware(raw: RawHardware, now: Date): Hardware['firmware'] {
  const vendor = cleanText(raw.bios?.vendor);
  const version = cleanText(raw.bios?.version) ?? cleanText(raw.bios?.revision);
  if (!vendor || !version) {
    const missing = [!vendor && 'vendor', !version && 'version'].filter(Boolean).join(' and ');
    return unknown(`firmware ${missing} not reported`);
  }
  const rawDate = raw.bios?.releaseDate;
  const date = parseFirmwareDate(rawDate, now);
  const release_date =
    date ??
    unknown(
      typeof rawDate === 'string' && rawDate.trim() !== ''
        ? `unreadable or implausible firmware release date "${rawDate.trim().slice(0, 40)}"`
        : 'firmware release date not reported',
    );
  return { vendor, version, release_date };
}

function mapAge(firmware: Hardware['firmware'], virtual: boolean): Hardware['age'] {
  if (virtual) return unknown('virtual machine or container: its firmware date describes the hypervisor or host, not hardware');
  if ('unknown' in firmware) return unknown('no firmware release date to estimate age from');
  if (typeof firmware.release_date !== 'string') return unknown('no firmware release date to estimate age from');
  // A firmware update moves this date later than manufacture, so it bounds the age from
  // below at best: hence low confidence.
  return { reference_date: firmware.release_date, source: 'firmware_release', confidence: 'low' };
}

/** Drops sections of the wrong shape so the mappers below can trust the containers. */
function sanitise(input: unknown): RawHardware {
  const raw = asRecord<RawHardware>(input) ?? {};
  const out: RawHardware = {};
  const system = asRecord<NonNullable<RawHardware['system']>>(raw.system);
  const bios = asRecord<NonNullable<RawHardware['bios']>>(raw.bios);
  const chassis = asRecord<NonNullable<RawHardware['chassis']>>(raw.chassis);
  const cpu = asRecord<NonNullable<RawHardware['cpu']>>(raw.cpu);
  const mem = asRecord<NonNullable<RawHardware['mem']>>(raw.mem);
  const battery = asRecord<NonNullable<RawHardware['battery']>>(raw.battery);
  if (system) out.system = system;
  if (bios) out.bios = bios;
  if (chassis) out.chassis = chassis;
  if (cpu) out.cpu = cpu;
  if (mem) out.mem = mem;
  if (battery) out.battery = battery;
  const virt = asRecord<Record<string, unknown>>(raw.virt);
  if (virt) out.virt = virtSignals(virt);
  out.memLayout = asRecords(raw.memLayout);
  out.disks = asRecords(raw.disks);
  out.blockDevices = asRecords(raw.blockDevices);
  return out;
}

/** Keeps only well-typed signals (fixtures and machines garble them). */
function virtSignals(virt: Record<string, unknown>): NonNullable<RawHardware['virt']> {
  const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 16_384) : undefined);
  const out: NonNullable<RawHardware['virt']> = {};
  const detectVirt = text(virt.detectVirt);
  const pid1Environ = text(virt.pid1Environ);
  const pid1Cgroup = text(virt.pid1Cgroup);
  if (detectVirt !== undefined) out.detectVirt = detectVirt;
  if (pid1Environ !== undefined) out.pid1Environ = pid1Environ;
  if (pid1Cgroup !== undefined) out.pid1Cgroup = pid1Cgroup;
  if (virt.dockerenv === true) out.dockerenv = true;
  if (virt.containerenv === true) out.containerenv = true;
  return out;
}
