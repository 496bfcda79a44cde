import { type Hardware, unknown } from '../../../protocol/index.js';
import { asRecord, asRecords, cleanCount, cleanText, positiveCount } from '../clean.js';
import { chassisFromSmbios } from './chassis.js';
import { parseFirmwareDate } from './firmware-date.js';
import type { RawHardware } from './raw.js';
import { mapBattery, mapSystemDisk } from './storage-power.js';

/** Pure: systeminformation's raw answers → the protocol's hardware inventory. */
export function mapHardware(input: RawHardware, now: Date): Hardware {
  const raw = sanitise(input);
  const virtual = raw.system?.virtual === true;
  const vmNote = virtual ? ' (virtual machine)' : '';
  const manufacturer = cleanText(raw.system?.manufacturer) ?? cleanText(raw.chassis?.manufacturer);
  const model = cleanText(raw.system?.model);
  const serial = cleanText(raw.system?.serial, 128) ?? cleanText(raw.chassis?.serial, 128);
  const firmware = mapFirmware(raw, now);
  return {
    manufacturer: manufacturer ?? unknown(`manufacturer not reported by firmware${vmNote}`),
    model: model ?? unknown(`model not reported by firmware${vmNote}`),
    serial: serial ?? unknown(`serial number not reported by firmware${vmNote}`),
    chassis: mapChassis(raw, virtual),
    cpu: mapCpu(raw),
    ram_bytes: mapRam(raw),
    system_disk: mapSystemDisk(raw, virtual),
    firmware,
    battery: mapBattery(raw),
    age: mapAge(firmware, virtual),
  };
}

function mapChassis(raw: RawHardware, virtual: boolean): Hardware['chassis'] {
  // A VM's DMI tables describe whatever the hypervisor invents, so "virtual" wins.
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
  if (virtual) return unknown('virtual machine: its firmware date describes the hypervisor, not hardware');
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
  out.memLayout = asRecords(raw.memLayout);
  out.disks = asRecords(raw.disks);
  out.blockDevices = asRecords(raw.blockDevices);
  return out;
}
